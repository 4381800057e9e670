import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Popconfirm, Space, Spin, Table, Tag, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { deactivateSlaPolicy, updateSlaPolicy, type SlaPolicy } from '../../../api/admin-sla';
import { CHANNELS, SLA_TARGETS, type Channel } from '../../../api/domain';
import { useFormatDuration, useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, slaPoliciesQuery } from '../admin-queries';
import { ActiveTag, SectionHeader } from '../common';
import { useAdminAction } from '../use-admin-form';
import { SlaPolicyEditor } from './SlaPolicyEditor';
import { WaitReminderSetting } from './WaitReminderSetting';

/**
 * 时限策略与升级: the policies, and one at `/admin/sla-policies/<id>` (a new one at `…/new`)
 * with its targets, warnings and escalation chains.
 */
export default function SlaPoliciesSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const duration = useFormatDuration();
  const refName = useRefName();
  const { id } = useParams();
  const policies = useQuery(slaPoliciesQuery);
  const invalidate = [ADMIN_KEYS.slaPolicies];
  const deactivate = useAdminAction((policyId: string) => deactivateSlaPolicy(policyId), invalidate);
  const activate = useAdminAction((policyId: string) => updateSlaPolicy(policyId, { active: true }), invalidate);

  if (id === 'new') {
    return (
      <>
        <SectionHeader title={t('admin.sla.create')} extra={<Button onClick={() => navigate('/admin/sla-policies')}>{t('admin.common.back')}</Button>} />
        <SlaPolicyEditor onSaved={(saved) => navigate(`/admin/sla-policies/${saved.id}`)} />
      </>
    );
  }
  if (id) {
    const policy = policies.data?.find((p) => p.id === id || p.name === id);
    if (!policy) return policies.isPending ? <Spin /> : <Empty description={t('admin.common.notFound')} />;
    return (
      <>
        <SectionHeader title={`${t('admin.sections.slaPolicies')} · ${policy.name}`} extra={<Button onClick={() => navigate('/admin/sla-policies')}>{t('admin.common.back')}</Button>} />
        <SlaPolicyEditor key={policy.updatedAt} policy={policy} onSaved={() => undefined} />
      </>
    );
  }

  const columns: TableProps<SlaPolicy>['columns'] = [
    { key: 'name', title: t('admin.common.name'), render: (_, p) => <Link to={`/admin/sla-policies/${p.id}`}>{p.name}</Link> },
    {
      key: 'match',
      title: t('admin.sla.matches'),
      render: (_, p) => {
        const refs = [...p.match.category, ...p.match.serviceItem, ...p.match.priority].map(refName);
        const all = [...refs, ...p.match.channel.map((ch) => (isChannel(ch) ? t(`channels.${ch}`) : ch)), ...p.match.customerTier];
        return all.length ? <Space size={[4, 4]} wrap>{all.map((text, i) => <Tag key={i}>{text}</Tag>)}</Space> : <Tag>{t('admin.routing.matchesAll')}</Tag>;
      },
    },
    {
      key: 'targets',
      title: t('admin.sla.targets'),
      render: (_, p) => (
        <Space size={[4, 4]} wrap>
          {SLA_TARGETS.filter((target) => p.targets[target]).map((target) => (
            <Tag key={target} color="blue">{`${t(`sla.targets.${target}`)} ${duration(p.targets[target]!.minutes, { businessTime: p.targets[target]!.businessTime })}`}</Tag>
          ))}
        </Space>
      ),
    },
    { key: 'calendar', title: t('admin.sla.calendar'), width: 180, render: (_, p) => p.calendar?.name ?? t('admin.sla.defaultCalendar') },
    { key: 'active', title: t('admin.common.state'), width: 90, render: (_, p) => <ActiveTag active={p.active} /> },
    {
      key: 'actions',
      title: t('admin.common.actions'),
      width: 160,
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/admin/sla-policies/${p.id}`)}>
            {t('admin.common.edit')}
          </Button>
          {p.active ? (
            <Popconfirm title={t('admin.common.deactivateConfirm', { name: p.name })} onConfirm={() => deactivate.mutate(p.id)}>
              <Button type="link" size="small" danger>
                {t('admin.common.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => activate.mutate(p.id)}>
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
        title={t('admin.sections.slaPolicies')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/sla-policies/new')}>
            {t('admin.sla.create')}
          </Button>
        }
      />
      <WaitReminderSetting />
      <Table<SlaPolicy> rowKey="id" size="middle" loading={policies.isPending} columns={columns} dataSource={policies.data ?? []} pagination={false} data-testid="sla-table" />
    </>
  );
}

const isChannel = (value: string): value is Channel => (CHANNELS as readonly string[]).includes(value);
