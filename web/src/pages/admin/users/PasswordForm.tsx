import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveModal } from '../common';
import type { User } from '../../../api/auth';
import { updateUser } from '../../../api/admin-org';
import { ADMIN_KEYS } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';

interface Values {
  password: string;
  confirm: string;
}

/** Gives a user a new password (PATCH /users/{id} { password }); typed twice so a typo does not lock them out. */
export function PasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminForm(form, (values: Values) => updateUser(user.id, { password: values.password }), { invalidate: [ADMIN_KEYS.users], onSuccess: onClose });
  return (
    <SaveModal title={t('admin.users.resetPasswordTitle', { name: user.displayName })} saving={save.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item name="password" label={t('admin.users.newPassword')} rules={[{ required: true, message: t('admin.validation.required') }, { min: 8, max: 200, message: t('admin.users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('admin.users.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('admin.validation.required') },
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
