import { AppstoreOutlined, AuditOutlined, BellOutlined, DashboardOutlined, DownOutlined, ImportOutlined, KeyOutlined, LogoutOutlined, PlusCircleOutlined, SettingOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Spin, Tag } from 'antd';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { pagesFor, type PageKey } from '../auth/permissions';
import { useSession, useSignOut } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { preloadMainPages } from '../pages/lazy';
import { useLiveStream } from '../live/use-live';
import { NotificationBell } from '../pages/notifications/NotificationBell';

// Loaded when first opened: most sessions never change a password.
const PasswordForm = lazy(() => import('../pages/admin/users/PasswordForm'));

const ICONS: Record<PageKey, ReactNode> = {
  tickets: <UnorderedListOutlined />,
  newTicket: <PlusCircleOutlined />,
  customers: <TeamOutlined />,
  board: <DashboardOutlined />,
  notifications: <BellOutlined />,
  audit: <AuditOutlined />,
  imports: <ImportOutlined />,
  admin: <SettingOutlined />,
};

/** The frame of every signed-in page: side menu (only what the role may use), header, content. */
export function AppLayout() {
  const { t } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const signOut = useSignOut();
  const [narrow, setNarrow] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  useEffect(() => {
    // Once the shell shows, fetch the main pages' code while the browser has nothing else to do.
    const idle = window.requestIdleCallback ?? ((work: () => void) => window.setTimeout(work, 1000));
    idle(() => preloadMainPages());
  }, []);
  // One live stream for the whole console while signed in (shared by the user's tabs): it keeps the caches current.
  useLiveStream(session?.user.id ?? null);
  if (!session) return null;
  const { user } = session;
  const pages = pagesFor(user.role);
  // The longest menu path the URL starts with: /tickets/new is "new ticket", /tickets/GD-… is "tickets".
  const selected = [...pages]
    .sort((a, b) => b.path.length - a.path.length)
    .find((page) => location.pathname === page.path || location.pathname.startsWith(`${page.path}/`));
  const selectedKey = selected?.key;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="dark" breakpoint="lg" collapsed={narrow} onBreakpoint={setNarrow} collapsedWidth={64} data-testid="side-menu">
        <Link to="/tickets" style={{ display: 'flex', alignItems: 'center', gap: 8, height: 56, padding: '0 16px 0 20px', color: '#fff', minWidth: 0 }}>
          <AppstoreOutlined style={{ fontSize: 20 }} />
          {!narrow && (
            <strong className="gd-ellipsis" style={{ fontSize: 16 }}>
              {t('app.fullName')}
            </strong>
          )}
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('nav.menu')}
          selectedKeys={selectedKey ? [selectedKey] : []}
          items={pages.map((page) => ({ key: page.key, icon: ICONS[page.key], label: <Link to={page.path}>{t(`nav.${page.key}`)}</Link> }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 16, borderBottom: '1px solid #f0f0f0' }}
        >
          <Space size="middle" wrap={false}>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{ items: [{ key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), onClick: () => setChangingPassword(true) }] }}
            >
              <Button type="text" style={{ paddingInline: 4 }}>
                <Space size={6} data-testid="current-user">
                  <strong>{user.displayName}</strong>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t(`roles.${user.role}`)}
                  </Tag>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
            <Button
              icon={<LogoutOutlined />}
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {t('auth.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        {changingPassword && (
          <Suspense fallback={null}>
            <PasswordForm user={user} onClose={() => setChangingPassword(false)} />
          </Suspense>
        )}
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
