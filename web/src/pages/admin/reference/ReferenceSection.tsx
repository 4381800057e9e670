import { PlusOutlined } from '@ant-design/icons';
import { useQuery, type QueryKey } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_KEYS } from '../admin-queries';
import { ActiveTag, matches, SectionHeader } from '../common';
import { useAdminAction } from '../use-admin-form';
import { ReferenceForm, type ReferenceValues } from './ReferenceForm';

/** What categories and priorities have in common: a code, names, an order, active. */
export interface ReferenceRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

export interface ReferenceKind<T extends ReferenceRow> {
  key: 'categories' | 'priorities';
  /** the list's cache key (also invalidated by a change) and its read */
  queryKey: QueryKey;
  list: (signal: AbortSignal) => Promise<T[]>;
  /** the order column: sortOrder (ascending) or rank (1 = most urgent) */
  orderOf: (row: T) => number;
  orderRule: { min: number; max: number; required: boolean };
  create: (values: ReferenceValues) => Promise<unknown>;
  update: (id: string, values: Partial<ReferenceValues> & { active?: boolean }) => Promise<unknown>;
}

/** A list of reference data with create, edit and (de)activate; the server keeps deactivated ones for old tickets. */
export function ReferenceSection<T extends ReferenceRow>({ kind }: { kind: ReferenceKind<T> }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: kind.queryKey, queryFn: ({ signal }) => kind.list(signal) });
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const setActive = useAdminAction((input: { id: string; active: boolean }) => kind.update(input.id, { active: input.active }), [kind.queryKey, ADMIN_KEYS.reference]);
  const rows = [...(list.data ?? [])].sort((a, b) => kind.orderOf(a) - kind.orderOf(b)).filter((row) => matches(search, row.code, row.name, row.nameEn));

  const columns: TableProps<T>['columns'] = [
    { key: 'order', title: t(`admin.${kind.key}.order`), width: 110, render: (_, row) => kind.orderOf(row) },
    { key: 'code', title: t('admin.common.code'), dataIndex: 'code', width: 200 },
    { key: 'name', title: t('admin.common.name'), dataIndex: 'name' },
    { key: 'nameEn', title: t('admin.common.nameEn'), dataIndex: 'nameEn' },
    { key: 'active', title: t('admin.common.state'), width: 100, render: (_, row) => <ActiveTag active={row.active} /> },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      width: 180,
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(row)}>
            {t('admin.common.edit')}
          </Button>
          {row.active ? (
            <Popconfirm title={t('admin.common.deactivateConfirm', { name: row.name })} onConfirm={() => setActive.mutate({ id: row.id, active: false })}>
              <Button type="link" size="small" danger>
                {t('admin.common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive.mutate({ id: row.id, active: true })}>
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
        title={t(`admin.sections.${kind.key}`)}
        extra={
          <>
            <Input.Search allowClear placeholder={t('admin.common.searchNameCode')} onSearch={setSearch} style={{ width: 220 }} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t(`admin.${kind.key}.create`)}
            </Button>
          </>
        }
      />
      <Table<T> rowKey="id" size="middle" loading={list.isPending} columns={columns} dataSource={rows} pagination={false} data-testid={`${kind.key}-table`} />
      {editing && (
        <ReferenceForm
          kind={kind.key}
          orderRule={kind.orderRule}
          row={editing === 'new' ? undefined : { ...editing, order: kind.orderOf(editing) }}
          save={(values) => (editing === 'new' ? kind.create(values) : kind.update(editing.id, values))}
          invalidate={[kind.queryKey, ADMIN_KEYS.reference]}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
