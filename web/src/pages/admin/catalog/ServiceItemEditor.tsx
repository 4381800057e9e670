import { Button, Card, Col, Form, Input, InputNumber, Row, Switch, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createServiceItem, updateServiceItem, type ServiceItemNode } from '../../../api/admin-catalog';
import type { ServiceItem } from '../../../api/domain';
import { useRefName } from '../../../i18n/format';
import { ADMIN_KEYS } from '../admin-queries';
import { CODE_PATTERN, optionalText } from '../common';
import { useAdminForm } from '../use-admin-form';
import { FormBuilder } from './FormBuilder';
import { FormPreview } from './FormPreview';
import { toFieldDefinition, toFieldValues, type FieldValues } from './field-values';
import { branchIds } from './tree';

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  /** '' is the top of the tree */
  parent: string;
  sortOrder?: number | null;
  needsReply: boolean;
  active: boolean;
  fields: FieldValues[];
}

type ParentOption = { value: string; title: string; disabled: boolean; children: ParentOption[] };

interface Props {
  /** the item to change; absent to create one under `parentId` */
  item?: ServiceItemNode;
  parentId?: string;
  tree: ServiceItemNode[];
  onSaved: (item: ServiceItem) => void;
}

/**
 * One service item: names, place in the tree (moving it is choosing another parent), order,
 * whether its tickets need a reply to the customer, and its form — built on the left, previewed
 * on the right. One save sends it all (the API replaces the form whole).
 */
export function ServiceItemEditor({ item, parentId, tree, onSaved }: Props) {
  const { t } = useTranslation();
  const refName = useRefName();
  const [form] = Form.useForm<Values>();
  const watched = Form.useWatch('fields', form) as Array<Partial<FieldValues> | undefined> | undefined;
  const save = useAdminForm(
    form,
    (values: Values) => {
      const body = {
        name: values.name,
        // The parent only when moved: an item keeps the one it has, even one deleted since.
        ...((!item || values.parent !== (item.parentId ?? '')) && { parent: values.parent || null }),
        needsReply: values.needsReply,
        fields: (values.fields ?? []).map(toFieldDefinition),
        ...(typeof values.sortOrder === 'number' && { sortOrder: values.sortOrder }),
      };
      return item
        ? updateServiceItem(item.id, { ...body, nameEn: optionalText(values.nameEn) ?? null, active: values.active })
        : createServiceItem({ ...body, code: values.code, nameEn: optionalText(values.nameEn) });
    },
    { invalidate: [ADMIN_KEYS.serviceItems, ADMIN_KEYS.reference], onSuccess: onSaved },
  );
  const initial: Values = item
    ? { code: item.code, name: item.name, nameEn: item.nameEn ?? '', parent: item.parentId ?? '', sortOrder: item.sortOrder, needsReply: item.needsReply, active: item.active, fields: item.fields.map(toFieldValues) }
    : { code: '', name: '', nameEn: '', parent: parentId ?? '', sortOrder: 0, needsReply: false, active: true, fields: [] };
  // An item cannot move below itself or its own children.
  const excluded = item ? branchIds(item) : new Set<string>();
  const toOptions = (nodes: ServiceItemNode[]): ParentOption[] =>
    nodes.map((node) => ({
      value: node.id,
      title: node.active ? refName(node) : t('admin.common.inactiveName', { name: refName(node) }),
      disabled: excluded.has(node.id) || !node.active,
      children: toOptions(node.children),
    }));

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="service-item-form">
      <Card
        size="small"
        title={item ? t('admin.catalog.editTitle', { name: refName(item) }) : t('admin.catalog.createTitle')}
        extra={
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-service-item">
            {t('admin.common.save')}
          </Button>
        }
        style={{ marginBottom: 12 }}
      >
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="code" label={t('admin.common.code')} rules={[{ required: true, message: t('admin.validation.required') }, { pattern: CODE_PATTERN, message: t('admin.validation.code') }]}>
              <Input disabled={Boolean(item)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="nameEn" label={t('admin.common.nameEn')} rules={[{ max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="parent" label={t('admin.catalog.parent')}>
              <TreeSelect treeDefaultExpandAll treeData={[{ value: '', title: t('admin.catalog.top'), disabled: false, children: toOptions(tree) }]} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sortOrder" label={t('admin.catalog.sortOrder')} style={{ marginBottom: 0 }}>
              <InputNumber min={-1_000_000} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="needsReply" label={t('admin.catalog.needsReply')} valuePropName="checked" tooltip={t('admin.catalog.needsReplyHelp')} style={{ marginBottom: 0 }}>
              <Switch data-testid="needs-reply" />
            </Form.Item>
          </Col>
          {item && (
            <Col span={6}>
              <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked" style={{ marginBottom: 0 }}>
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={t('admin.formBuilder.title')}>
            <FormBuilder form={form} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('admin.formBuilder.preview')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('admin.formBuilder.previewHelp')}
            </Typography.Paragraph>
            <FormPreview fields={watched ?? initial.fields} />
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
