import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { updateDepartment, type AdminDepartment } from '../../../api/admin-org';
import { ADMIN_KEYS, adminDepartmentsQuery } from '../admin-queries';
import { ActiveTag, matches, SectionHeader } from '../common';
import { useAdminAction } from '../use-admin-form';
import { DepartmentForm } from './DepartmentForm';
import { DepartmentSetting } from './DepartmentSetting';
import { MembersDrawer } from './MembersDrawer';

/**
 * 部门与成员: departments with their assignment mode and calendar; `/admin/departments/<id>`
 * opens a department's members (add, remove, on duty). The difficult-case department is an
 * organisation setting, shown above the list.
 */
export default function DepartmentsSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id: openId } = useParams();
  const departments = useQuery(adminDepartmentsQuery);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<AdminDepartment | 'new' | null>(null);
  const setActive = useAdminAction((input: { id: string; active: boolean }) => updateDepartment(input.id, { active: input.active }), [ADMIN_KEYS.departments, ADMIN_KEYS.reference]);
  const open = departments.data?.find((d) => d.id === openId || d.code === openId);

  const columns: TableProps<AdminDepartment>['columns'] = [
    { key: 'code', title: t('admin.common.code'), dataIndex: 'code', width: 170 },
    { key: 'name', title: t('admin.common.name'), dataIndex: 'name', width: 170 },
    { key: 'nameEn', title: t('admin.common.nameEn'), dataIndex: 'nameEn', width: 190 },
    { key: 'mode', title: t('admin.departments.assignmentMode'), width: 130, render: (_, d) => t(`admin.departments.modes.${d.assignmentMode}`) },
    { key: 'calendar', title: t('admin.departments.calendar'), render: (_, d) => d.calendar?.name ?? t('admin.departments.policyCalendar') },
    { key: 'active', title: t('admin.common.state'), width: 90, render: (_, d) => <ActiveTag active={d.active} /> },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      width: 220,
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/admin/departments/${d.id}`)} data-testid={`members-${d.code}`}>
            {t('admin.departments.members')}
          </Button>
          <Button type="link" size="small" onClick={() => setEditing(d)}>
            {t('admin.common.edit')}
          </Button>
          {d.active ? (
            <Popconfirm title={t('admin.departments.deactivateConfirm', { name: d.name })} onConfirm={() => setActive.mutate({ id: d.id, active: false })}>
              <Button type="link" size="small" danger>
                {t('admin.common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive.mutate({ id: d.id, active: true })}>
              {t('admin.common.activate')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <SectionHeader
        title={t('admin.sections.departments')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('admin.common.searchNameCode')} onSearch={setSearch} style={{ width: 220 }} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('admin.departments.create')}
            </Button>
          </>
        }
      />
      <DepartmentSetting setting="dispatchDepartment" departments={departments.data ?? []} />
      <DepartmentSetting setting="difficultCaseDepartment" departments={departments.data ?? []} />
      <Table<AdminDepartment>
        rowKey="id"
        size="middle"
        loading={departments.isPending}
        columns={columns}
        dataSource={(departments.data ?? []).filter((d) => matches(search, d.code, d.name, d.nameEn))}
        pagination={false}
        data-testid="departments-table"
      />
      {editing && <DepartmentForm department={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {open && <MembersDrawer department={open} onClose={() => navigate('/admin/departments')} />}
    </>
  );
}
