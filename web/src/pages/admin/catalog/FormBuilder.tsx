import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Tooltip, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_TYPES } from '../../../api/domain';
import { FieldOptions } from './FieldOptions';
import { FIELD_KEY_PATTERN, NUMBER_TYPES, TEXT_TYPES, type FieldValues } from './field-values';

/**
 * 表单设计: the service item's fields as a list inside the item's form (`fields`), each with its
 * key, labels, type, required flag and the settings its type takes; moved with up and down.
 * The rules are the server's (fieldDefinitionSchema and the catalog use case).
 */
export function FormBuilder({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  return (
    <Form.List name="fields">
      {(rows, { add, remove, move }) => (
        <div data-testid="form-builder">
          {rows.map((row, index) => (
            <Card
              key={row.key}
              size="small"
              style={{ marginBottom: 8 }}
              data-testid="builder-field"
              title={t('admin.formBuilder.fieldN', { n: index + 1 })}
              extra={
                <Space size={0}>
                  <Tooltip title={t('admin.formBuilder.up')}>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('admin.formBuilder.up')} />
                  </Tooltip>
                  <Tooltip title={t('admin.formBuilder.down')}>
                    <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === rows.length - 1} onClick={() => move(index, index + 1)} aria-label={t('admin.formBuilder.down')} />
                  </Tooltip>
                  <Tooltip title={t('admin.formBuilder.remove')}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(index)} aria-label={t('admin.formBuilder.remove')} />
                  </Tooltip>
                </Space>
              }
            >
              <FieldRow form={form} index={row.name} />
            </Card>
          ))}
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ key: '', label: '', labelEn: '', type: 'text', required: false, options: [] } satisfies FieldValues)}>
            {t('admin.formBuilder.addField')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function FieldRow({ form, index }: { form: FormInstance; index: number }) {
  const { t } = useTranslation();
  const type = Form.useWatch(['fields', index, 'type'], form) as FieldValues['type'] | undefined;
  const required = { required: true, whitespace: true, message: t('admin.validation.required') };
  const uniqueKey = {
    validator: (_: unknown, value: string) => {
      const fields = (form.getFieldValue('fields') as FieldValues[] | undefined) ?? [];
      const twice = value && fields.some((other, i) => i !== index && other?.key === value);
      return twice ? Promise.reject(new Error(t('admin.formBuilder.keyTwice'))) : Promise.resolve();
    },
  };
  const item = { style: { marginBottom: 8 } };
  return (
    <>
      <Row gutter={8}>
        <Col span={7}>
          <Form.Item {...item} name={[index, 'key']} label={t('admin.formBuilder.key')} rules={[required, { pattern: FIELD_KEY_PATTERN, message: t('admin.formBuilder.keyRule') }, uniqueKey]}>
            <Input placeholder="orderNumber" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item {...item} name={[index, 'label']} label={t('admin.formBuilder.label')} rules={[required, { max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item {...item} name={[index, 'type']} label={t('admin.formBuilder.type')} rules={[{ required: true, message: t('admin.validation.required') }]}>
            <Select options={FIELD_TYPES.map((value) => ({ value, label: t(`admin.formBuilder.types.${value}`) }))} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item {...item} name={[index, 'required']} label={t('admin.formBuilder.required')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item {...item} name={[index, 'labelEn']} label={t('admin.formBuilder.labelEn')} rules={[{ max: 100, message: t('admin.validation.max', { count: 100 }) }]}>
            <Input />
          </Form.Item>
        </Col>
        {type && TEXT_TYPES.includes(type) && (
          <Col span={7}>
            <Form.Item {...item} name={[index, 'maxLength']} label={t('admin.formBuilder.maxLength')}>
              <InputNumber min={1} max={20_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {type && NUMBER_TYPES.includes(type) && (
          <>
            <Col span={7}>
              <Form.Item {...item} name={[index, 'min']} label={t('admin.formBuilder.min')}>
                <InputNumber min={-1e12} max={1e12} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                {...item}
                name={[index, 'max']}
                label={t('admin.formBuilder.max')}
                dependencies={[['fields', index, 'min']]}
                rules={[
                  {
                    validator: (_, value: number | null | undefined) => {
                      const min = form.getFieldValue(['fields', index, 'min']) as number | null | undefined;
                      return typeof min === 'number' && typeof value === 'number' && min > value ? Promise.reject(new Error(t('admin.formBuilder.minMax'))) : Promise.resolve();
                    },
                  },
                ]}
              >
                <InputNumber min={-1e12} max={1e12} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      {type === 'select' && <FieldOptions index={index} />}
    </>
  );
}
