import type { QueryKey } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { CODE_PATTERN } from '../common';
import { useAdminForm } from '../use-admin-form';

export interface ReferenceValues {
  code: string;
  name: string;
  nameEn?: string;
  order?: number;
}

interface Props {
  kind: 'categories' | 'priorities';
  orderRule: { min: number; max: number; required: boolean };
  row?: { code: string; name: string; nameEn: string | null; order: number };
  save: (values: ReferenceValues) => Promise<unknown>;
  invalidate: readonly QueryKey[];
  onClose: () => void;
}

/** Creates or changes a category or priority: code (fixed once made), Chinese and English names, order. */
export function ReferenceForm({ kind, orderRule, row, save, invalidate, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReferenceValues>();
  // The API names the order sortOrder (categories) or rank (priorities); the form calls it order.
  const submit = useAdminForm(form, save, { invalidate, onSuccess: onClose, rename: (field) => (field === 'sortOrder' || field === 'rank' ? 'order' : undefined) });
  return (
    <Modal
      open
      title={row ? t(`admin.${kind}.editTitle`, { name: row.name }) : t(`admin.${kind}.create`)}
      okText={t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      confirmLoading={submit.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={row ? { ...row, nameEn: row.nameEn ?? '' } : { order: orderRule.min === 1 ? 4 : 0 }} onFinish={(values) => submit.mutate(values)} data-testid={`${kind}-form`}>
        <Form.Item name="code" label={t('admin.common.code')} rules={[{ required: true, message: t('admin.validation.required') }, { pattern: CODE_PATTERN, message: t('admin.validation.code') }]}>
          <Input disabled={Boolean(row)} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.common.name')} rules={[{ required: true, whitespace: true, message: t('admin.validation.required') }, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.common.nameEn')} rules={[{ max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="order" label={t(`admin.${kind}.order`)} extra={t(`admin.${kind}.orderHelp`)} rules={[{ required: orderRule.required, message: t('admin.validation.required') }]}>
          <InputNumber min={orderRule.min} max={orderRule.max} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
