import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServiceItemNode } from '../../../api/admin-catalog';
import { createSlaPolicy, updateSlaPolicy, type SlaPolicy } from '../../../api/admin-sla';
import { CHANNELS, SLA_TARGETS } from '../../../api/domain';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, adminCategoriesQuery, adminPrioritiesQuery, calendarsQuery, serviceItemTreeQuery } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';
import { renamePolicyField, toPolicyInput, toPolicyValues, type PolicyValues } from './policy-values';
import { TargetEditor } from './TargetEditor';

type TreeOption = { value: string; title: string; children: TreeOption[] };

/**
 * One time-limit policy: which tickets it covers (empty criteria match all), the calendar its
 * business time counts on, extension limits, and its targets with warnings and escalation.
 */
export function SlaPolicyEditor({ policy, onSaved }: { policy?: SlaPolicy; onSaved: (policy: SlaPolicy) => void }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const [form] = Form.useForm<PolicyValues>();
  const calendars = useQuery(calendarsQuery);
  const categories = useQuery(adminCategoriesQuery);
  const priorities = useQuery(adminPrioritiesQuery);
  const items = useQuery(serviceItemTreeQuery);
  const save = useAdminForm(form, (values: PolicyValues) => (policy ? updateSlaPolicy(policy.id, toPolicyInput(values)) : createSlaPolicy(toPolicyInput(values))), {
    invalidate: [ADMIN_KEYS.slaPolicies],
    onSuccess: onSaved,
    rename: renamePolicyField,
  });
  const toTree = (nodes: ServiceItemNode[]): TreeOption[] => nodes.map((node) => ({ value: node.id, title: refName(node), children: toTree(node.children) }));
  const initial = toPolicyValues(policy);
  const marked = (active: boolean, name: string) => (active ? name : t('admin.common.inactiveName', { name }));
  // Only active ones can be chosen; what the policy names already stays listed, marked, once deactivated.
  const named = <T extends { id: string; name: string; nameEn?: string | null; active: boolean }>(list: T[] | undefined, held: readonly string[]) =>
    (list ?? []).filter((entry) => entry.active || held.includes(entry.id)).map((entry) => ({ value: entry.id, label: marked(entry.active, refName(entry)) }));

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="sla-policy-form">
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={t('admin.sla.basics')}
        extra={
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-sla-policy">
            {t('admin.common.save')}
          </Button>
        }
      >
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 200, message: t('admin.validation.max', { count: 200 }) }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="calendar" label={t('admin.sla.calendar')}>
              <Select options={[{ value: '', label: t('admin.sla.defaultCalendar') }, ...named(calendars.data, [initial.calendar])]} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name={['match', 'category']} label={t('admin.routing.categories')}>
              <Select mode="multiple" options={named(categories.data, initial.match.category)} placeholder={t('admin.routing.any')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['match', 'serviceItem']} label={t('admin.routing.serviceItems')}>
              <TreeSelect multiple treeDefaultExpandAll treeData={toTree(items.data ?? [])} placeholder={t('admin.routing.any')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['match', 'priority']} label={t('admin.routing.priorities')}>
              <Select mode="multiple" options={named(priorities.data, initial.match.priority)} placeholder={t('admin.routing.any')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['match', 'channel']} label={t('admin.routing.channels')}>
              <Select mode="multiple" options={CHANNELS.map((ch) => ({ value: ch, label: t(`channels.${ch}`) }))} placeholder={t('admin.routing.any')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['match', 'customerTier']} label={t('admin.routing.customerTiers')}>
              <Select mode="tags" open={false} placeholder={t('admin.routing.any')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Space>
              <Form.Item name={['extensions', 'maxPerDeadline']} label={t('admin.sla.maxExtensions')}>
                <InputNumber min={0} max={20} precision={0} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name={['extensions', 'maxMinutes']} label={t('admin.sla.maxExtensionMinutes')}>
                <InputNumber min={1} max={525_600} precision={0} suffix={t('admin.sla.minutesUnit')} style={{ width: 140 }} />
              </Form.Item>
            </Space>
          </Col>
        </Row>
      </Card>
      {SLA_TARGETS.map((target) => (
        <TargetEditor key={target} form={form} target={target} />
      ))}
    </Form>
  );
}
