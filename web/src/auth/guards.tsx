import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ForbiddenPage } from '../pages/lazy';
import { mayUse, type PageKey } from './permissions';
import { useSession } from './session';

/** Shows its children to a signed-in user; anyone else goes to /login and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <FullPageSpinner />;
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A page only some roles may use; the others are told so (the menu does not offer it to them). */
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { session } = useSession();
  if (session && !mayUse(session.user.role, page)) return <ForbiddenPage />;
  return children;
}

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
