import { createElement, lazy, type ComponentType } from 'react';

/**
 * The pages, loaded on demand, one chunk each, so the first load carries only the shell. The
 * page the address names starts loading at once, beside the session check (App.tsx), and the
 * main pages load in the background once the shell shows (AppLayout).
 */

type PageModule<P> = { default: ComponentType<P> };

/**
 * A page in its own chunk that can be fetched ahead of its first render. Once its code is here it
 * renders at once; only a page still loading goes through React.lazy and suspends (a suspended
 * page shows the fallback, and React holds the page back a little longer so content does not
 * flicker in, which a preloaded page need not pay).
 */
function lazyPage<P extends object>(load: () => Promise<PageModule<P>>) {
  let loaded: PageModule<P> | undefined;
  let loading: Promise<PageModule<P>> | undefined;
  const preload = () =>
    (loading ??= load().then((module) => {
      loaded = module;
      return module;
    }));
  const Lazy = lazy(preload);
  function Page(props: P) {
    const Loaded = loaded?.default;
    return Loaded ? createElement(Loaded, props) : createElement(Lazy, props);
  }
  return Object.assign(Page, { preload });
}

export const LoginPage = lazyPage(() => import('./LoginPage'));
export const TicketListPage = lazyPage(() => import('./TicketListPage'));
export const TicketPage = lazyPage(() => import('./TicketPage'));
export const NewTicketPage = lazyPage(() => import('./new-ticket/NewTicketPage'));
export const CustomerListPage = lazyPage(() => import('./customers/CustomerListPage'));
export const CustomerPage = lazyPage(() => import('./customers/CustomerPage'));
export const BoardPage = lazyPage(() => import('./board/BoardPage'));
export const NotificationsPage = lazyPage(() => import('./notifications/NotificationsPage'));
export const AdminPage = lazyPage(() => import('./admin/AdminPage'));
export const AuditLogPage = lazyPage(() => import('./audit/AuditLogPage'));
export const ImportsPage = lazyPage(() => import('./imports/ImportsPage'));
export const NotFoundPage = lazyPage(() => import('./NotFoundPage'));
export const ForbiddenPage = lazyPage(() => import('./ForbiddenPage'));

/**
 * Starts loading the chunk of the page at `pathname` (the first load asks for it beside GET /auth/me);
 * the promise settles when it is here (or failed: the page's own render then shows the error).
 */
export function preloadPageFor(pathname: string): Promise<unknown> {
  if (pathname === '/login') return LoginPage.preload();
  if (pathname === '/' || pathname === '/tickets') return TicketListPage.preload();
  if (pathname === '/tickets/new') return NewTicketPage.preload();
  if (/^\/tickets\/[^/]+$/.test(pathname)) return TicketPage.preload();
  if (pathname === '/customers') return CustomerListPage.preload();
  if (/^\/customers\/[^/]+$/.test(pathname)) return CustomerPage.preload();
  if (pathname === '/board') return BoardPage.preload();
  if (pathname === '/notifications') return NotificationsPage.preload();
  if (pathname === '/audit') return AuditLogPage.preload();
  if (pathname === '/imports') return ImportsPage.preload();
  if (pathname.startsWith('/admin')) return AdminPage.preload();
  return Promise.resolve();
}

/** The pages people move between all day, fetched while the browser is idle. */
export function preloadMainPages(): void {
  void TicketListPage.preload();
  void TicketPage.preload();
  void NewTicketPage.preload();
}
