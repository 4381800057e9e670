import { DatePicker, Empty, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../i18n';
import { FIELD_KEY_PATTERN, type FieldValues } from './field-values';

/**
 * The form as an agent will see it on a new ticket, redrawn as the builder changes. It is a
 * try-out: values typed here are checked against the field's rules but never saved.
 */
export function FormPreview({ fields }: { fields: Array<Partial<FieldValues> | undefined> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = fields.filter((f): f is Partial<FieldValues> => Boolean(f?.key && FIELD_KEY_PATTERN.test(f.key) && f.type));
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.formBuilder.previewEmpty')} />;
  return (
    <Form layout="vertical" data-testid="form-preview">
      {shown.map((field, index) => {
        const label = (language === 'en' && field.labelEn) || field.label || field.key;
        return (
          <Form.Item key={`${field.key}-${index}`} name={field.key} label={label} required={Boolean(field.required)} rules={[{ required: Boolean(field.required), message: t('admin.validation.required') }]}>
            <PreviewControl field={field} />
          </Form.Item>
        );
      })}
    </Form>
  );
}

function PreviewControl({ field, ...rest }: { field: Partial<FieldValues> }) {
  const { t } = useTranslation();
  const min = field.min ?? undefined;
  const max = field.max ?? undefined;
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea rows={2} maxLength={field.maxLength ?? undefined} {...rest} />;
    case 'number':
      return <InputNumber min={min} max={max} style={{ width: '100%' }} {...rest} />;
    case 'money':
      return <InputNumber min={Math.max(0, min ?? 0)} max={max} precision={2} prefix="¥" style={{ width: '100%' }} {...rest} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} {...rest} />;
    case 'datetime':
      return <DatePicker showTime style={{ width: '100%' }} {...rest} />;
    case 'select':
      return (
        <Select
          allowClear
          placeholder={t('admin.formBuilder.choose')}
          options={(field.options ?? []).filter((o) => o?.value).map((o) => ({ value: o.value, label: o.label || o.value }))}
          {...rest}
        />
      );
    case 'phone':
      return <Input type="tel" maxLength={field.maxLength ?? 32} {...rest} />;
    case 'email':
      return <Input type="email" {...rest} />;
    default:
      return <Input maxLength={field.maxLength ?? undefined} {...rest} />;
  }
}
