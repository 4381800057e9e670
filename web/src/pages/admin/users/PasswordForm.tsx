import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SaveModal } from '../common';
import type { User } from '../../../api/auth';
import { updateUser } from '../../../api/admin-org';
import { useSession } from '../../../auth/session';
import { expireSession } from '../../../errors/ErrorNotifier';
import { ADMIN_KEYS } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';

interface Values {
  currentPassword?: string;
  password: string;
  confirm: string;
}

/**
 * Gives a user a new password (PATCH /users/{id} { password }); typed twice so a typo does not
 * lock them out. For one's own password (any role, from the header) the current one is asked
 * too, and the change signs out every session, this one included.
 */
export default function PasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const own = user.id === session?.user.id;
  const [form] = Form.useForm<Values>();
  const save = useAdminForm(form, ({ password, currentPassword }: Values) => updateUser(user.id, { password, ...(own && { currentPassword }) }), {
    invalidate: own ? [] : [ADMIN_KEYS.users],
    onSuccess: () => {
      onClose();
      if (!own) return;
      void message.success(t('auth.passwordChanged'));
      expireSession(queryClient);
      void navigate('/login', { replace: true });
    },
  });
  const required = { required: true, message: t('admin.validation.required') };
  return (
    <SaveModal
      title={own ? t('auth.changePassword') : t('admin.users.resetPasswordTitle', { name: user.displayName })}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        {own && (
          <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[required]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item name="password" label={t('admin.users.newPassword')} rules={[required, { min: 8, max: 200, message: t('admin.users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.users.confirmPassword')}
          dependencies={['password']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: (_, value: string) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('admin.users.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
