import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { SaveModal } from '../common';
import { createRoutingRule, updateRoutingRule, type RoutingRule } from '../../../api/admin-routing';
import { CHANNELS, type Channel } from '../../../api/domain';
import type { ServiceItemNode } from '../../../api/admin-catalog';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS, adminCategoriesQuery, adminDepartmentsQuery, adminPrioritiesQuery, serviceItemTreeQuery } from '../admin-queries';
import { useAdminForm } from '../use-admin-form';

interface Values {
  name: string;
  department: string;
  active: boolean;
  conditions: {
    categories: string[];
    serviceItems: string[];
    priorities: string[];
    channels: Channel[];
    customerTiers: string[];
    keywords: string[];
  };
}

type TreeOption = { value: string; title: string; children: TreeOption[] };

/** Creates or changes a routing rule: its conditions (every one given must match) and the department it sends to. */
export function RoutingRuleForm({ rule, onClose }: { rule?: RoutingRule; onClose: () => void }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const [form] = Form.useForm<Values>();
  const departments = useQuery(adminDepartmentsQuery);
  const categories = useQuery(adminCategoriesQuery);
  const priorities = useQuery(adminPrioritiesQuery);
  const items = useQuery(serviceItemTreeQuery);
  const save = useAdminForm(form, (values: Values) => (rule ? updateRoutingRule(rule.id, values) : createRoutingRule(values)), {
    invalidate: [ADMIN_KEYS.routingRules],
    onSuccess: onClose,
    // conditions.keywords.3 is told under the keywords field.
    rename: (field) => field.replace(/^(conditions\.[a-zA-Z]+)\.\d+$/, '$1'),
  });
  const c = rule?.conditions;
  const initial: Values = {
    name: rule?.name ?? '',
    department: rule?.departmentId ?? '',
    active: rule?.active ?? true,
    conditions: {
      categories: c?.categoryIds ?? [],
      serviceItems: c?.serviceItemIds ?? [],
      priorities: c?.priorityIds ?? [],
      channels: (c?.channels ?? []).filter((ch): ch is Channel => (CHANNELS as readonly string[]).includes(ch)),
      customerTiers: c?.customerTiers ?? [],
      keywords: c?.keywords ?? [],
    },
  };
  const toTree = (nodes: ServiceItemNode[]): TreeOption[] => nodes.map((node) => ({ value: node.id, title: refName(node), children: toTree(node.children) }));
  const named = <T extends { id: string; name: string; nameEn?: string | null; active: boolean }>(list: T[] | undefined) =>
    (list ?? []).filter((entry) => entry.active).map((entry) => ({ value: entry.id, label: refName(entry) }));

  return (
    <SaveModal width={640} title={rule ? t('admin.routing.editTitle', { name: rule.name }) : t('admin.routing.create')} saving={save.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="routing-form">
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 200, message: t('admin.validation.max', { count: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="department" label={t('admin.routing.department')} rules={[{ required: true, message: t('admin.validation.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={named(departments.data)} data-testid="routing-department" />
        </Form.Item>
        <Form.Item name={['conditions', 'categories']} label={t('admin.routing.categories')}>
          <Select mode="multiple" options={named(categories.data)} placeholder={t('admin.routing.any')} />
        </Form.Item>
        <Form.Item name={['conditions', 'serviceItems']} label={t('admin.routing.serviceItems')} extra={t('admin.routing.serviceItemsHelp')}>
          <TreeSelect multiple treeDefaultExpandAll treeData={toTree(items.data ?? [])} placeholder={t('admin.routing.any')} />
        </Form.Item>
        <Form.Item name={['conditions', 'priorities']} label={t('admin.routing.priorities')}>
          <Select mode="multiple" options={named(priorities.data)} placeholder={t('admin.routing.any')} />
        </Form.Item>
        <Form.Item name={['conditions', 'channels']} label={t('admin.routing.channels')}>
          <Select mode="multiple" options={CHANNELS.map((ch) => ({ value: ch, label: t(`channels.${ch}`) }))} placeholder={t('admin.routing.any')} />
        </Form.Item>
        <Form.Item name={['conditions', 'customerTiers']} label={t('admin.routing.customerTiers')} extra={t('admin.routing.tagsHelp')}>
          <Select mode="tags" open={false} placeholder={t('admin.routing.any')} />
        </Form.Item>
        <Form.Item name={['conditions', 'keywords']} label={t('admin.routing.keywords')} extra={t('admin.routing.keywordsHelp')}>
          <Select mode="tags" open={false} placeholder={t('admin.routing.any')} data-testid="routing-keywords" />
        </Form.Item>
        <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
