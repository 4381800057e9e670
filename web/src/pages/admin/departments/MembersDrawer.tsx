import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Popconfirm, Select, Space, Switch, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../api/auth';
import { getUser, updateUser, type AdminDepartment, type UserChange } from '../../../api/admin-org';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, allUsersQuery, membersQuery } from '../admin-queries';
import { useAdminAction } from '../use-admin-form';

/**
 * A department's members. Membership is part of the user (PATCH /users/{id} { departments }), so
 * adding or removing a member changes that user's department list; "on duty" is the user's too
 * (automatic assignment only picks members on duty).
 *
 * PATCH replaces the whole department list, and the lists here may be minutes old: another
 * administrator may have given the user a department since. So a membership change reads the user
 * as the server has it now and adds or removes only this department from that.
 */
export function MembersDrawer({ department, onClose }: { department: AdminDepartment; onClose: () => void }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const members = useQuery(membersQuery(department.id));
  const users = useQuery(allUsersQuery);
  const [adding, setAdding] = useState<string | undefined>();
  const invalidate = [ADMIN_KEYS.members, ADMIN_KEYS.users, ADMIN_KEYS.reference];
  const change = useAdminAction(
    async (input: { userId: string; membership?: 'add' | 'remove'; onDuty?: boolean }) => {
      const body: UserChange = { onDuty: input.onDuty };
      if (input.membership) {
        const current = (await getUser(input.userId)).departments.filter((id) => id !== department.id);
        body.departments = input.membership === 'add' ? [...current, department.id] : current;
      }
      return updateUser(input.userId, body);
    },
    invalidate,
    () => setAdding(undefined),
  );
  const memberIds = new Set((members.data ?? []).map((m) => m.id));
  const candidates = (users.data ?? []).filter((u) => u.active && !memberIds.has(u.id));

  const add = () => {
    if (adding) change.mutate({ userId: adding, membership: 'add' });
  };

  const columns: TableProps<User>['columns'] = [
    { key: 'displayName', title: t('admin.users.displayName'), dataIndex: 'displayName' },
    { key: 'username', title: t('admin.users.username'), dataIndex: 'username' },
    { key: 'role', title: t('admin.users.role'), render: (_, user) => <Tag color="blue">{t(`roles.${user.role}`)}</Tag> },
    {
      key: 'onDuty',
      title: t('admin.users.onDuty'),
      render: (_, user) => <Switch size="small" checked={user.onDuty} aria-label={t('admin.users.onDuty')} onChange={(onDuty) => change.mutate({ userId: user.id, onDuty })} />,
    },
    {
      key: 'remove',
      title: t('admin.common.actions'),
      render: (_, user) => (
        <Popconfirm title={t('admin.departments.removeConfirm', { name: user.displayName })} onConfirm={() => change.mutate({ userId: user.id, membership: 'remove' })}>
          <Button type="link" size="small" danger>
            {t('admin.departments.removeMember')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Drawer open size="large" title={t('admin.departments.membersTitle', { name: refName(department) })} onClose={onClose} data-testid="members-drawer">
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          placeholder={t('admin.departments.addMemberPlaceholder')}
          value={adding}
          onChange={setAdding}
          options={candidates.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          data-testid="add-member-select"
        />
        <Button type="primary" disabled={!adding} loading={change.isPending} onClick={add}>
          {t('admin.departments.addMember')}
        </Button>
      </Space.Compact>
      <Table<User> rowKey="id" size="small" loading={members.isPending} columns={columns} dataSource={members.data ?? []} pagination={false} data-testid="members-table" />
    </Drawer>
  );
}
