import type { QueryKey } from '@tanstack/react-query';
import { Form, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeAndNameFields, SaveModal } from '../common';
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
  // A new category may leave its order to the server (last); an existing one cannot take its order
  // away: left empty, a change kept the old order without a word.
  const orderRequired = orderRule.required || row !== undefined;
  return (
    <SaveModal title={row ? t(`admin.${kind}.editTitle`, { name: row.name }) : t(`admin.${kind}.create`)} saving={submit.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={row ? { ...row, nameEn: row.nameEn ?? '' } : { order: orderRule.min === 1 ? 4 : 0 }} onFinish={(values) => submit.mutate(values)} data-testid={`${kind}-form`}>
        <CodeAndNameFields codeLocked={Boolean(row)} />
        <Form.Item name="order" label={t(`admin.${kind}.order`)} extra={t(`admin.${kind}.orderHelp`)} rules={[{ required: orderRequired, message: t('admin.validation.required') }]}>
          <InputNumber min={orderRule.min} max={orderRule.max} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
