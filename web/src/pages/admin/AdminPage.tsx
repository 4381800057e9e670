import { Menu, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { ADMIN_SECTIONS } from './sections';

const UsersSection = lazy(() => import('./users/UsersSection'));
const DepartmentsSection = lazy(() => import('./departments/DepartmentsSection'));
const CategoriesSection = lazy(() => import('./reference/CategoriesSection'));
const PrioritiesSection = lazy(() => import('./reference/PrioritiesSection'));
const ServiceItemsSection = lazy(() => import('./catalog/ServiceItemsSection'));
const RoutingRulesSection = lazy(() => import('./routing/RoutingRulesSection'));
const CalendarsSection = lazy(() => import('./calendars/CalendarsSection'));
const SlaPoliciesSection = lazy(() => import('./sla/SlaPoliciesSection'));
const TokensSection = lazy(() => import('./tokens/TokensSection'));

/**
 * 系统管理 (issue 5 point 7): a menu of sections, each its own URL under /admin
 * (`/admin/users`, `/admin/service-items/<id>` …) and its own chunk. The router lets only
 * administrators in (RequirePage 'admin'); the server checks every change again.
 */
export default function AdminPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = ADMIN_SECTIONS.find((section) => pathname === `/admin/${section.path}` || pathname.startsWith(`/admin/${section.path}/`));
  return (
    <div data-testid="admin-page">
      <Menu
        mode="horizontal"
        selectedKeys={current ? [current.key] : []}
        items={ADMIN_SECTIONS.map((section) => ({ key: section.key, label: <Link to={`/admin/${section.path}`}>{t(`admin.sections.${section.key}`)}</Link> }))}
        style={{ marginBottom: 16, background: 'transparent' }}
        data-testid="admin-menu"
      />
      <Suspense fallback={<Spin />}>
        <Routes>
          <Route index element={<Navigate to="users" replace />} />
          <Route path="users" element={<UsersSection />} />
          <Route path="departments" element={<DepartmentsSection />} />
          <Route path="departments/:id" element={<DepartmentsSection />} />
          <Route path="categories" element={<CategoriesSection />} />
          <Route path="priorities" element={<PrioritiesSection />} />
          <Route path="service-items" element={<ServiceItemsSection />} />
          <Route path="service-items/:id" element={<ServiceItemsSection />} />
          <Route path="routing-rules" element={<RoutingRulesSection />} />
          <Route path="calendars" element={<CalendarsSection />} />
          <Route path="calendars/:id" element={<CalendarsSection />} />
          <Route path="sla-policies" element={<SlaPoliciesSection />} />
          <Route path="sla-policies/:id" element={<SlaPoliciesSection />} />
          <Route path="tokens" element={<TokensSection />} />
          <Route path="*" element={<Navigate to="/admin/users" replace />} />
        </Routes>
      </Suspense>
    </div>
  );
}
