import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The choices of a select field: a stored value and the label agents see; at least one. */
export function FieldOptions({ index }: { index: number }) {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('admin.validation.required') };
  return (
    <Form.List
      name={[index, 'options']}
      rules={[{ validator: async (_, options?: unknown[]) => (options?.length ? undefined : Promise.reject(new Error(t('admin.formBuilder.optionsRequired')))) }]}
    >
      {(rows, { add, remove }, { errors }) => (
        <div data-testid="field-options">
          <Typography.Text type="secondary">{t('admin.formBuilder.options')}</Typography.Text>
          {rows.map((row, i) => (
            <Space key={row.key} align="start" style={{ display: 'flex', marginTop: 4 }}>
              <Form.Item name={[row.name, 'value']} rules={[required, { max: 100, message: t('admin.validation.max', { count: 100 }) }]} style={{ marginBottom: 4 }}>
                <Input placeholder={t('admin.formBuilder.optionValue')} aria-label={t('admin.formBuilder.optionValueN', { n: i + 1 })} />
              </Form.Item>
              <Form.Item name={[row.name, 'label']} rules={[required, { max: 100, message: t('admin.validation.max', { count: 100 }) }]} style={{ marginBottom: 4 }}>
                <Input placeholder={t('admin.formBuilder.optionLabel')} aria-label={t('admin.formBuilder.optionLabelN', { n: i + 1 })} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('admin.formBuilder.removeOption')} />
            </Space>
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ value: '', label: '' })} style={{ marginTop: 4 }}>
            {t('admin.formBuilder.addOption')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
