import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Select, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES, type Role, type User } from '../../../api/auth';
import { updateUser } from '../../../api/admin-org';
import { useSession } from '../../../auth/session';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, adminDepartmentsQuery, adminUsersQuery } from '../admin-queries';
import { ActiveTag, matches, SectionHeader } from '../common';
import { useAdminAction } from '../use-admin-form';
import PasswordForm from './PasswordForm';
import { UserForm } from './UserForm';

type Editing = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | null;

/**
 * 用户与角色: the users, filtered by role, department and state through the URL
 * (`/admin/users?role=agent&department=…&active=true&q=李`), created with a password, edited,
 * given a new password, deactivated.
 */
export default function UsersSection() {
  const { t } = useTranslation();
  const refName = useRefName();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const role = (ROLES as readonly string[]).includes(params.get('role') ?? '') ? (params.get('role') as Role) : undefined;
  const department = params.get('department') ?? undefined;
  const active = params.get('active') === 'true' || params.get('active') === 'false' ? (params.get('active') as 'true' | 'false') : undefined;
  const search = params.get('q') ?? '';
  const users = useQuery(adminUsersQuery({ role, department, active }));
  const departments = useQuery(adminDepartmentsQuery);
  const [editing, setEditing] = useState<Editing>(null);
  const setActive = useAdminAction((input: { user: User; active: boolean }) => updateUser(input.user.id, { active: input.active }), [ADMIN_KEYS.users, ADMIN_KEYS.reference]);

  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const departmentName = (id: string) => refName(departments.data?.find((d) => d.id === id));
  const rows = (users.data ?? []).filter((user) => matches(search, user.username, user.displayName));

  const columns: TableProps<User>['columns'] = [
    { key: 'username', title: t('admin.users.username'), dataIndex: 'username', width: 150 },
    { key: 'displayName', title: t('admin.users.displayName'), dataIndex: 'displayName', width: 150 },
    { key: 'role', title: t('admin.users.role'), width: 110, render: (_, user) => <Tag color="blue">{t(`roles.${user.role}`)}</Tag> },
    {
      key: 'departments',
      title: t('admin.users.departments'),
      render: (_, user) => (
        <Space size={[4, 4]} wrap>
          {user.departments.map((id) => (
            <Tag key={id}>{departmentName(id)}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'onDuty', title: t('admin.users.onDuty'), width: 90, render: (_, user) => (user.onDuty ? t('admin.common.yes') : t('admin.common.no')) },
    { key: 'active', title: t('admin.common.state'), width: 90, render: (_, user) => <ActiveTag active={user.active} /> },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      width: 250,
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ kind: 'edit', user })}>
            {t('admin.common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setEditing({ kind: 'password', user })}>
            {t('admin.users.resetPassword')}
          </Button>
          {user.id !== session?.user.id &&
            (user.active ? (
              <Popconfirm title={t('admin.users.deactivateConfirm', { name: user.displayName })} onConfirm={() => setActive.mutate({ user, active: false })}>
                <Button type="link" size="small" danger>
                  {t('admin.common.deactivate')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" size="small" onClick={() => setActive.mutate({ user, active: true })}>
                {t('admin.common.activate')}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <SectionHeader
        title={t('admin.sections.users')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('admin.users.search')} defaultValue={search} onSearch={(value) => update('q', value)} style={{ width: 220 }} />
            <Select allowClear placeholder={t('admin.users.role')} value={role} onChange={(value?: Role) => update('role', value)} style={{ width: 120 }} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('admin.users.departments')}
              value={department}
              onChange={(value?: string) => update('department', value)}
              style={{ width: 160 }}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: refName(d) }))}
            />
            <Select
              allowClear
              placeholder={t('admin.common.state')}
              value={active}
              onChange={(value?: string) => update('active', value)}
              style={{ width: 110 }}
              options={[
                { value: 'true', label: t('admin.common.active') },
                { value: 'false', label: t('admin.common.inactive') },
              ]}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })}>
              {t('admin.users.create')}
            </Button>
          </>
        }
      />
      <Table<User> rowKey="id" size="middle" loading={users.isPending} columns={columns} dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="users-table" />
      {editing?.kind === 'create' && <UserForm departments={departments.data ?? []} onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <UserForm user={editing.user} departments={departments.data ?? []} onClose={() => setEditing(null)} />}
      {editing?.kind === 'password' && <PasswordForm user={editing.user} onClose={() => setEditing(null)} />}
    </>
  );
}
