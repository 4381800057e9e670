import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequirePage, RequireSession } from './auth/guards';
import type { PageKey } from './auth/permissions';
import {
  AdminPage,
  AuditLogPage,
  BoardPage,
  CustomerListPage,
  CustomerPage,
  ImportsPage,
  LoginPage,
  NewTicketPage,
  NotFoundPage,
  NotificationsPage,
  TicketListPage,
  TicketPage,
} from './pages/lazy';
import { RouteError } from './pages/RouteError';

/** Every screen has a URL (docs/console.md says how to add a page). */

const page = (key: PageKey, element: ReactNode) => <RequirePage page={key}>{element}</RequirePage>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/tickets" replace /> },
      { path: 'tickets', element: page('tickets', <TicketListPage />) },
      { path: 'tickets/new', element: page('newTicket', <NewTicketPage />) },
      // A ticket number (GD-20261123-000001) or its internal id.
      { path: 'tickets/:ref', element: page('tickets', <TicketPage />) },
      { path: 'customers', element: page('customers', <CustomerListPage />) },
      { path: 'customers/:id', element: page('customers', <CustomerPage />) },
      { path: 'board', element: page('board', <BoardPage />) },
      { path: 'notifications', element: page('notifications', <NotificationsPage />) },
      { path: 'audit', element: page('audit', <AuditLogPage />) },
      { path: 'imports', element: page('imports', <ImportsPage />) },
      { path: 'admin/*', element: page('admin', <AdminPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
