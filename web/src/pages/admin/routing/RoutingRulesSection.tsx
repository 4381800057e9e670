import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Switch, Table, Tag, Tooltip, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteRoutingRule, orderRoutingRules, updateRoutingRule, type RoutingRule } from '../../../api/admin-routing';
import { CHANNELS, type Channel } from '../../../api/domain';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, adminCategoriesQuery, adminDepartmentsQuery, adminPrioritiesQuery, routingRulesQuery, serviceItemTreeQuery } from '../admin-queries';
import { SectionHeader } from '../common';
import { flatten } from '../catalog/tree';
import { useAdminAction } from '../use-admin-form';
import { RoutingRuleForm } from './RoutingRuleForm';
import { reorder } from './reorder';

/**
 * 派单规则: tried from the top, the first active rule whose conditions all match sends a new
 * ticket to its department. Up and down change the order; each rule can be switched off.
 */
export default function RoutingRulesSection() {
  const { t } = useTranslation();
  const refName = useRefName();
  const rules = useQuery(routingRulesQuery);
  const departments = useQuery(adminDepartmentsQuery);
  const categories = useQuery(adminCategoriesQuery);
  const priorities = useQuery(adminPrioritiesQuery);
  const items = useQuery(serviceItemTreeQuery);
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const invalidate = [ADMIN_KEYS.routingRules];
  const toggle = useAdminAction((input: { id: string; active: boolean }) => updateRoutingRule(input.id, { active: input.active }), invalidate);
  const remove = useAdminAction((id: string) => deleteRoutingRule(id), invalidate);
  const move = useAdminAction((ids: string[]) => orderRoutingRules(ids), invalidate);
  const ordered = [...(rules.data ?? [])].sort((a, b) => a.position - b.position);

  const nameOf = <T extends { id: string; name: string; nameEn?: string | null }>(list: T[] | undefined, id: string) => {
    const found = list?.find((entry) => entry.id === id);
    return found ? refName(found) : id;
  };
  const serviceItems = flatten(items.data ?? []);
  const conditionTags = (rule: RoutingRule) => {
    const c = rule.conditions;
    const tags: Array<[string, string]> = [
      ...(c.categoryIds ?? []).map((id): [string, string] => [t('admin.routing.categories'), nameOf(categories.data, id)]),
      ...(c.serviceItemIds ?? []).map((id): [string, string] => [t('admin.routing.serviceItems'), nameOf(serviceItems, id)]),
      ...(c.priorityIds ?? []).map((id): [string, string] => [t('admin.routing.priorities'), nameOf(priorities.data, id)]),
      ...(c.channels ?? []).map((ch): [string, string] => [t('admin.routing.channels'), isChannel(ch) ? t(`channels.${ch}`) : ch]),
      ...(c.customerTiers ?? []).map((tier): [string, string] => [t('admin.routing.customerTiers'), tier]),
      ...(c.keywords ?? []).map((word): [string, string] => [t('admin.routing.keywords'), word]),
    ];
    if (tags.length === 0) return <Tag>{t('admin.routing.matchesAll')}</Tag>;
    return tags.map(([kind, value], i) => <Tag key={i}>{`${kind}: ${value}`}</Tag>);
  };

  const columns: TableProps<RoutingRule>['columns'] = [
    { key: 'order', title: t('admin.routing.order'), width: 70, render: (_, _rule, index) => index + 1 },
    { key: 'name', title: t('admin.common.name'), dataIndex: 'name', width: 220 },
    { key: 'conditions', title: t('admin.routing.conditions'), render: (_, rule) => <Space size={[4, 4]} wrap>{conditionTags(rule)}</Space> },
    { key: 'department', title: t('admin.routing.department'), width: 150, render: (_, rule) => nameOf(departments.data, rule.departmentId) },
    {
      key: 'active',
      title: t('admin.common.active'),
      width: 80,
      render: (_, rule) => <Switch size="small" checked={rule.active} aria-label={t('admin.common.active')} onChange={(active) => toggle.mutate({ id: rule.id, active })} />,
    },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      width: 220,
      render: (_, rule, index) => (
        <Space size={0}>
          <Tooltip title={t('admin.formBuilder.up')}>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('admin.formBuilder.up')} disabled={index === 0 || move.isPending} onClick={() => move.mutate(reorder(ordered, index, index - 1))} />
          </Tooltip>
          <Tooltip title={t('admin.formBuilder.down')}>
            <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('admin.formBuilder.down')} disabled={index === ordered.length - 1 || move.isPending} onClick={() => move.mutate(reorder(ordered, index, index + 1))} />
          </Tooltip>
          <Button type="link" size="small" onClick={() => setEditing(rule)}>
            {t('admin.common.edit')}
          </Button>
          <Popconfirm title={t('admin.routing.deleteConfirm', { name: rule.name })} onConfirm={() => remove.mutate(rule.id)}>
            <Button type="link" size="small" danger>
              {t('admin.common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <SectionHeader
        title={t('admin.sections.routingRules')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('admin.routing.create')}
          </Button>
        }
      />
      <Table<RoutingRule> rowKey="id" size="middle" loading={rules.isPending} columns={columns} dataSource={ordered} pagination={false} data-testid="routing-table" />
      {editing && <RoutingRuleForm rule={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** A rule read from the server may name a channel this console does not know (a newer server): shown as its code. */
const isChannel = (value: string): value is Channel => (CHANNELS as readonly string[]).includes(value);
