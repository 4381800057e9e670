import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { FullPageSpinner } from '../auth/guards';
import { useSession, useSignIn, useSigningOut } from '../auth/session';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { describeError } from '../errors/describe-error';

interface Credentials {
  username: string;
  password: string;
}

/** Where to go after signing in: the page that sent the user here, never another site. */
function safeNext(next: string | null): string {
  if (!next?.startsWith('/')) return '/tickets';
  // Browsers read `/\evil.example` as `//evil.example`: only what resolves to this origin stays.
  const url = new URL(next, window.location.origin);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : '/tickets';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { session, isPending } = useSession();
  const signIn = useSignIn();
  const next = safeNext(params.get('next'));

  const signingOut = useSigningOut();
  if (isPending || signingOut) return <FullPageSpinner />;
  if (session) return <Navigate to={next} replace />;

  const submit = (values: Credentials) =>
    signIn.mutate(values, { onSuccess: () => void navigate(next, { replace: true }) });

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '0 16px 96px' }}>
        <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('auth.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('app.tagline')}
          </Typography.Paragraph>
          {signIn.isError && (
            <Alert type="error" showIcon title={describeError(signIn.error, t)} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submit} disabled={signIn.isPending}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
              {t('auth.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
