import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, message, Select, Skeleton, type FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { createCustomer, updateCustomer, type Customer, type CustomerAttribute } from '../../api/customers';
import { CUSTOMER_TYPES, type AttributeValue, type CustomerType } from '../../api/domain';
import { CUSTOMERS_KEY, customerAttributesQuery } from '../../api/queries';
import { useLanguage } from '../../i18n';
import { SaveModal } from '../admin/common';
import { useAdminForm } from '../admin/use-admin-form';
import { identityTakenText, phoneRule, TAG_LIMIT, TAGS_PER_CUSTOMER } from './customer-rules';

type FormAttribute = string | number | boolean | Dayjs | null | undefined;

interface Values {
  name: string;
  type: CustomerType;
  tier?: string;
  tags: string[];
  phone?: string;
  email?: string;
  attributes: Record<string, FormAttribute>;
}

const DATE = 'YYYY-MM-DD';

/**
 * 新建客户 / 编辑客户: the built-in fields, the custom attributes an administrator defined, and
 * (when creating) a first phone number and email. Phone numbers and emails of an existing customer
 * are changed on its profile, one at a time. The server's field issues show under their fields.
 */
export function CustomerFormDialog({ customer, onClose, onSaved }: { customer?: Customer; onClose: () => void; onSaved?: (customer: Customer) => void }) {
  const { t } = useTranslation();
  const attributes = useQuery(customerAttributesQuery);
  const title = customer ? t('customers.form.editTitle', { name: customer.name }) : t('customers.form.createTitle');
  // The form's first values need the attribute definitions: opened without them, saving would
  // read every stored attribute as emptied and remove it. Without them (a failed read) no
  // attribute is shown or sent.
  if (attributes.isPending) {
    return (
      <SaveModal title={title} saving onSave={() => undefined} onClose={onClose}>
        <Skeleton active title={false} paragraph={{ rows: 4 }} />
      </SaveModal>
    );
  }
  const definitions = (attributes.data ?? []).filter((d) => d.active);
  return <CustomerForm title={title} customer={customer} definitions={definitions} onClose={onClose} onSaved={onSaved} />;
}

interface CustomerFormProps {
  title: string;
  customer?: Customer;
  definitions: CustomerAttribute[];
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}

function CustomerForm({ title, customer, definitions, onClose, onSaved }: CustomerFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useAdminForm(
    form,
    (values: Values) => {
      const tier = values.tier?.trim() || null;
      const attributes = attributeChanges(definitions, values.attributes ?? {}, customer?.attributes ?? {});
      const changedAttributes = Object.keys(attributes).length > 0;
      return customer
        ? updateCustomer(customer.id, { name: values.name.trim(), type: values.type, tier, tags: values.tags, ...(changedAttributes && { attributes }) })
        : createCustomer({
            name: values.name.trim(),
            type: values.type,
            tier,
            tags: values.tags,
            ...(values.phone?.trim() && { phones: [{ number: values.phone.trim() }] }),
            ...(values.email?.trim() && { emails: [{ address: values.email.trim() }] }),
            ...(changedAttributes && { attributes: withoutNulls(attributes) }),
          });
    },
    {
      invalidate: [CUSTOMERS_KEY],
      rename: (field) => (field.startsWith('phones.') ? 'phone' : field.startsWith('emails.') ? 'email' : field.startsWith('tags.') ? 'tags' : undefined),
      text: (error) => identityTakenText(error, customer?.id, t),
      onSuccess: (saved) => {
        void message.success(customer ? t('customers.form.saved') : t('customers.form.created', { name: saved.name }));
        onClose();
        onSaved?.(saved);
      },
    },
  );
  const initial: Values = customer
    ? { name: customer.name, type: customer.type, tier: customer.tier ?? undefined, tags: customer.tags, attributes: formAttributes(definitions, customer.attributes) }
    : { name: '', type: 'individual', tags: [], attributes: {} };
  const max = (count: number) => ({ max: count, message: t('customers.form.max', { count }) });
  const contact = customer?.parent !== null && customer?.parent !== undefined;

  return (
    <SaveModal title={title} saving={save.isPending} onSave={() => form.submit()} onClose={onClose}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => save.mutate(values)} data-testid="customer-form">
        <Form.Item name="name" label={t('customers.form.name')} rules={[{ required: true, whitespace: true, message: t('customers.form.required') }, max(100)]}>
          <Input autoFocus data-testid="customer-form-name" />
        </Form.Item>
        <Form.Item name="type" label={t('customers.form.type')} extra={contact ? t('customers.form.contactIsIndividual') : undefined}>
          <Select disabled={contact} options={CUSTOMER_TYPES.map((type) => ({ value: type, label: t(`customers.types.${type}`) }))} />
        </Form.Item>
        <Form.Item name="tier" label={t('customers.form.tier')} rules={[max(40)]}>
          <Input data-testid="customer-form-tier" />
        </Form.Item>
        <Form.Item
          name="tags"
          label={t('customers.form.tags')}
          extra={t('customers.form.tagsHint')}
          rules={[
            {
              validator: async (_, tags?: string[]) => {
                if ((tags?.length ?? 0) > TAGS_PER_CUSTOMER || tags?.some((tag) => tag.trim().length > TAG_LIMIT)) throw new Error(t('customers.form.tagRule'));
              },
            },
          ]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} data-testid="customer-form-tags" />
        </Form.Item>
        {!customer && (
          <>
            <Form.Item name="phone" label={t('customers.form.phone')} rules={[phoneRule(t)]}>
              <Input inputMode="tel" data-testid="customer-form-phone" />
            </Form.Item>
            <Form.Item name="email" label={t('customers.form.email')} rules={[{ type: 'email', message: t('customers.form.emailRule') }, max(254)]}>
              <Input type="email" />
            </Form.Item>
          </>
        )}
        <AttributeFields definitions={definitions} stored={customer?.attributes} />
      </Form>
    </SaveModal>
  );
}

/**
 * A required attribute is asked for as the server asks: always when creating; when editing, only
 * once some attribute changes (a customer recorded from a ticket may lack one, and correcting
 * their name must not need it).
 */
function AttributeFields({ definitions, stored }: { definitions: CustomerAttribute[]; stored?: Record<string, AttributeValue> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const requiredRule: FormRule = ({ getFieldValue }) => ({
    validator: async (_: unknown, value: FormAttribute) => {
      if (value !== undefined && value !== null && value !== '') return;
      const values = (getFieldValue('attributes') ?? {}) as Record<string, FormAttribute>;
      if (stored && Object.keys(attributeChanges(definitions, values, stored)).length === 0) return;
      throw new Error(t('customers.form.required'));
    },
  });
  return definitions.map((definition) => (
    <Form.Item
      key={definition.key}
      name={['attributes', definition.key]}
      label={language === 'en' && definition.labelEn ? definition.labelEn : definition.label}
      required={definition.required}
      rules={definition.required ? [requiredRule] : []}
      dependencies={definition.required && stored ? definitions.filter((d) => d.key !== definition.key).map((d) => ['attributes', d.key]) : undefined}
    >
      {definition.type === 'number' ? (
        <InputNumber style={{ width: '100%' }} />
      ) : definition.type === 'date' ? (
        <DatePicker style={{ width: '100%' }} format={DATE} />
      ) : definition.type === 'boolean' ? (
        <Select
          allowClear
          options={[
            { value: true, label: t('customers.form.yes') },
            { value: false, label: t('customers.form.no') },
          ]}
        />
      ) : definition.type === 'select' ? (
        <Select allowClear options={definition.options.map((option) => ({ value: option, label: option }))} />
      ) : (
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      )}
    </Form.Item>
  ));
}

function formAttributes(definitions: CustomerAttribute[], stored: Record<string, AttributeValue>): Record<string, FormAttribute> {
  const out: Record<string, FormAttribute> = {};
  for (const definition of definitions) {
    const value = stored[definition.key];
    out[definition.key] = definition.type === 'date' && typeof value === 'string' ? dayjs(value, DATE) : value;
  }
  return out;
}

/** The attributes that changed, as the API takes them: dates as YYYY-MM-DD, an emptied one as null (removed). */
function attributeChanges(definitions: CustomerAttribute[], values: Record<string, FormAttribute>, stored: Record<string, AttributeValue>) {
  const changes: Record<string, AttributeValue | null> = {};
  for (const definition of definitions) {
    const raw = values[definition.key];
    const value = dayjs.isDayjs(raw) ? raw.format(DATE) : typeof raw === 'string' ? raw.trim() || null : (raw ?? null);
    if (value !== (stored[definition.key] ?? null)) changes[definition.key] = value;
  }
  return changes;
}

function withoutNulls(values: Record<string, AttributeValue | null>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, AttributeValue] => entry[1] !== null));
}
