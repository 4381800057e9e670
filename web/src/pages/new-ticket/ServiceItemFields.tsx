import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '../../api/domain';
import { useLanguage } from '../../i18n';
import { useOrgTimeZone } from '../../i18n/org-time';
import { fieldProblem, type FormFieldValue } from './field-rules';

/**
 * The chosen service item's standard form (订单号, 航班号, 金额 …), each field checked as the
 * server checks it (src/catalog/domain/service-item-form.ts), with the message in the user's
 * language. Values stay plain strings and numbers, so the draft can keep them.
 */
export function ServiceItemFields({ definitions }: { definitions: readonly FieldDefinition[] | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useOrgTimeZone();
  if (!definitions) return <Typography.Text type="secondary">{t('newTicket.chooseServiceItemFirst')}</Typography.Text>;
  if (definitions.length === 0) return <Typography.Text type="secondary">{t('newTicket.noFields')}</Typography.Text>;
  return (
    <Row gutter={12} data-testid="service-item-fields">
      {definitions.map((definition) => {
        const label = language === 'en' && definition.labelEn ? definition.labelEn : definition.label;
        return (
          <Col key={definition.key} span={definition.type === 'textarea' ? 24 : 12}>
            <Form.Item
              name={['fields', definition.key]}
              label={label}
              required={definition.required}
              rules={[
                {
                  validator: (_rule, value: FormFieldValue) => {
                    const problem = fieldProblem(definition, value, label, t, timeZone);
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <FieldInput definition={definition} />
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}

interface FieldInputProps {
  definition: FieldDefinition;
  id?: string;
  value?: FormFieldValue;
  onChange?: (value: FormFieldValue) => void;
}

/** The input for one field type; Form.Item passes id, value and onChange. */
function FieldInput({ definition, id, value, onChange }: FieldInputProps) {
  const { t } = useTranslation();
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const onText = (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange?.(event.target.value);
  switch (definition.type) {
    case 'number':
    case 'money':
      return (
        <InputNumber
          id={id}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange?.(typeof next === 'number' ? next : null)}
          step={definition.type === 'money' ? 0.01 : 1}
          style={{ width: '100%' }}
        />
      );
    case 'select':
      return (
        <Select
          id={id}
          value={typeof value === 'string' ? value : undefined}
          onChange={(next: string) => onChange?.(next)}
          options={(definition.options ?? []).map((option) => ({ value: option.value, label: option.label }))}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={t('newTicket.select')}
        />
      );
    case 'textarea':
      return <Input.TextArea id={id} value={text} onChange={onText} autoSize={{ minRows: 2, maxRows: 6 }} />;
    case 'date':
      return <Input id={id} type="date" value={text} onChange={onText} />;
    case 'datetime':
      return <Input id={id} type="datetime-local" value={text} onChange={onText} />;
    case 'phone':
      return <Input id={id} inputMode="tel" value={text} onChange={onText} autoComplete="off" />;
    case 'email':
      return <Input id={id} type="email" value={text} onChange={onText} autoComplete="off" />;
    default:
      return <Input id={id} value={text} onChange={onText} autoComplete="off" />;
  }
}
