import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveModal } from '../common';
import { ROLES, type Role, type User } from '../../../api/auth';
import { createUser, updateUser, type AdminDepartment, type UserChange } from '../../../api/admin-org';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departments: string[];
  active: boolean;
  onDuty: boolean;
}

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{2,64}$/;

/**
 * Only what the administrator changed: a field sent back as it was read would undo a change made
 * meanwhile (the user switching their own duty off), and departments are sent only when changed.
 */
function changesOf(before: User, values: Values): UserChange {
  const sameDepartments = values.departments.length === before.departments.length && values.departments.every((id) => before.departments.includes(id));
  return {
    ...(values.displayName !== before.displayName && { displayName: values.displayName }),
    ...(values.role !== before.role && { role: values.role }),
    ...(!sameDepartments && { departments: values.departments }),
    ...(values.active !== before.active && { active: values.active }),
    ...(values.onDuty !== before.onDuty && { onDuty: values.onDuty }),
  };
}

/** `departments.1` (the list's second entry) is the form's one departments field. */
const renameUserField = (field: string) => field.replace(/^departments\.\d+$/, 'departments');

/** Creates a user (with a first password) or changes one; the rules are the server's. */
export function UserForm({ user, departments, onClose }: { user?: User; departments: AdminDepartment[]; onClose: () => void }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const [form] = Form.useForm<Values>();
  const save = useAdminForm(
    form,
    (values: Values) =>
      user
        ? updateUser(user.id, changesOf(user, values))
        : createUser({ username: values.username, displayName: values.displayName, password: values.password, role: values.role, departments: values.departments }),
    { invalidate: [ADMIN_KEYS.users, ADMIN_KEYS.members, ADMIN_KEYS.reference], onSuccess: onClose, rename: renameUserField },
  );
  const initial: Partial<Values> = user
    ? { username: user.username, displayName: user.displayName, role: user.role, departments: user.departments, active: user.active, onDuty: user.onDuty }
    : { role: 'agent', departments: [] };

  return (
    <SaveModal title={user ? t('admin.users.editTitle', { name: user.displayName }) : t('admin.users.create')} saving={save.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="user-form">
        <Form.Item
          name="username"
          label={t('admin.users.username')}
          rules={[{ required: true, message: t('admin.validation.required') }, { pattern: USERNAME_PATTERN, message: t('admin.users.usernameRule') }]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
          <Input />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('admin.users.password')} rules={[{ required: true, message: t('admin.validation.required') }, { min: 8, max: 200, message: t('admin.users.passwordRule') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true, message: t('admin.validation.required') }]}>
          <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item name="departments" label={t('admin.users.departments')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((d) => d.active || user?.departments.includes(d.id))
              .map((d) => ({ value: d.id, label: d.active ? refName(d) : t('admin.common.inactiveName', { name: refName(d) }) }))}
          />
        </Form.Item>
        {user && (
          <>
            <Form.Item name="onDuty" label={t('admin.users.onDuty')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
      </Form>
    </SaveModal>
  );
}
