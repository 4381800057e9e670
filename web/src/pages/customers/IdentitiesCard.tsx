import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Form, Input, message, Modal, Popconfirm, Space, Tag, Tooltip, Typography, type FormRule as Rule } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { addCustomerEmail, addCustomerExternalId, addCustomerPhone, makePrimaryIdentity, removeIdentity, revealIdentity, updateCustomer, type Customer, type CustomerDetail } from '../../api/customers';
import { mayEditCustomers, mayUnmask, unmasksOnlyForOwnTickets, type IdentityKind, type Role } from '../../api/domain';
import { CUSTOMER_AND_TICKET_KEYS, customerAuditQuery, refreshCustomersAndTickets } from '../../api/queries';
import { useAdminForm } from '../admin/use-admin-form';
import { identityTakenText, idNumberRule, phoneRule, SCHEME_PATTERN } from './customer-rules';

interface IdentityRow {
  id: string;
  kind: IdentityKind;
  value: string;
  masked: boolean;
  label?: string | null;
  primary?: boolean;
  /** the system an external id belongs to */
  scheme?: string;
}

/**
 * 联系方式与证件: phone numbers, emails, external ids and the ID number, each as the reader's
 * role may see it. A masked value the role may unmask has 显示, which asks the server (and so
 * writes the audit trail) before showing it; editors add, remove and choose the primary ones.
 */
export function IdentitiesCard({ customer, role }: { customer: CustomerDetail; role: Role }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [adding, setAdding] = useState<AddedKind | null>(null);
  const editable = mayEditCustomers(role) && customer.mergedIntoId === null;
  // Whether a handler has a reason to unmask (a ticket the call centre opened) is the server's to say.
  const mayReveal = (kind: IdentityKind) => mayUnmask(role, kind) && (customer.mayReveal || !unmasksOnlyForOwnTickets(role));
  const refresh = () => refreshCustomersAndTickets(queryClient);
  const reveal = useMutation({
    mutationFn: (row: IdentityRow) => revealIdentity(customer.id, row.id),
    onSuccess: (answer) => {
      setRevealed((current) => ({ ...current, [answer.identityId]: answer.value }));
      // The unmasking is on the audit trail now: an administrator reading it sees it at once.
      void queryClient.invalidateQueries({ queryKey: customerAuditQuery(customer.id).queryKey });
      void message.info(t('customers.identities.revealed'));
    },
  });
  const change = useMutation({
    mutationFn: ({ row, action }: { row: IdentityRow; action: 'primary' | 'remove' }) =>
      action === 'primary' ? makePrimaryIdentity(customer.id, row.id) : removeIdentity(customer.id, row.id),
    onSuccess: refresh,
  });

  const rows: Array<{ key: string; label: string; items: IdentityRow[]; add?: AddedKind }> = [
    { key: 'phones', label: t('customers.identities.phones'), add: 'phone', items: customer.phones.map((p) => ({ id: p.id, kind: 'phone', value: p.number, masked: p.masked, label: p.label, primary: p.primary })) },
    { key: 'emails', label: t('customers.identities.emails'), add: 'email', items: customer.emails.map((e) => ({ id: e.id, kind: 'email', value: e.address, masked: e.masked, label: e.label, primary: e.primary })) },
    { key: 'externalIds', label: t('customers.identities.externalIds'), add: 'external', items: customer.externalIds.map((x) => ({ id: x.id, kind: 'external', value: x.value, masked: x.masked, scheme: x.kind })) },
    // One ID number at most: a wrong one is removed, then the right one added.
    customer.idNumber
      ? { key: 'idNumber', label: t('customers.identities.idNumber'), items: [{ id: customer.idNumber.id, kind: 'id_card', value: customer.idNumber.value, masked: customer.idNumber.masked }] }
      : { key: 'idNumber', label: t('customers.identities.idNumber'), items: [], add: 'id_card' },
  ];

  const line = (row: IdentityRow): ReactNode => {
    const shown = revealed[row.id];
    return (
      <Flex key={row.id} align="center" gap={6} wrap data-testid={`identity-${row.kind}`}>
        {row.scheme && <Typography.Text type="secondary">{row.scheme}</Typography.Text>}
        <Typography.Text copyable={!row.masked || shown !== undefined ? { text: shown ?? row.value } : false} data-testid="identity-value">
          {shown ?? row.value}
        </Typography.Text>
        {row.label && <Tag>{row.label}</Tag>}
        {row.primary && <Tag color="blue">{t('customers.identities.primary')}</Tag>}
        {row.masked && shown === undefined && mayReveal(row.kind) && (
          <Tooltip title={t('customers.identities.revealHint')}>
            <Button size="small" type="link" icon={<EyeOutlined />} loading={reveal.isPending && reveal.variables?.id === row.id} onClick={() => reveal.mutate(row)} data-testid="identity-reveal">
              {t('customers.identities.reveal')}
            </Button>
          </Tooltip>
        )}
        {editable && row.primary === false && (
          <Button size="small" type="link" onClick={() => change.mutate({ row, action: 'primary' })}>
            {t('customers.identities.makePrimary')}
          </Button>
        )}
        {editable && (
          <Popconfirm title={t('customers.identities.removeConfirm', { value: shown ?? row.value })} onConfirm={() => change.mutate({ row, action: 'remove' })}>
            <Button size="small" type="link" danger>
              {t('customers.identities.remove')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    );
  };

  return (
    <Card size="small" title={t('customers.identities.title')} data-testid="customer-identities">
      <Descriptions
        size="small"
        column={1}
        items={rows.map((row) => ({
          key: row.key,
          label: row.label,
          children: (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              {row.items.length === 0 ? <Typography.Text type="secondary">{t('customers.identities.none')}</Typography.Text> : row.items.map(line)}
              {editable && row.add && (
                <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setAdding(row.add!)} data-testid={`identity-add-${row.add}`}>
                  {t(KIND_TEXTS[row.add].add)}
                </Button>
              )}
            </Space>
          ),
        }))}
      />
      {adding && <AddIdentityDialog customer={customer} kind={adding} onClose={() => setAdding(null)} />}
    </Card>
  );
}

type AddedKind = 'phone' | 'email' | 'external' | 'id_card';

/** Each kind's add button and dialog title, and its value's label. */
const KIND_TEXTS = {
  phone: { add: 'customers.identities.addPhone', value: 'customers.identities.number' },
  email: { add: 'customers.identities.addEmail', value: 'customers.identities.address' },
  external: { add: 'customers.identities.addExternalId', value: 'customers.identities.externalValue' },
  id_card: { add: 'customers.identities.addIdNumber', value: 'customers.identities.idNumber' },
} as const satisfies Record<AddedKind, { add: string; value: string }>;

interface IdentityForm {
  value: string;
  label?: string;
  scheme?: string;
}

/** One request per kind: phones, emails and external ids have their own endpoints; the ID number is a field of the customer. */
function addIdentity(customerId: string, kind: AddedKind, { value, label, scheme }: IdentityForm) {
  const labelled = label?.trim() || null;
  if (kind === 'phone') return addCustomerPhone(customerId, { number: value.trim(), label: labelled });
  if (kind === 'email') return addCustomerEmail(customerId, { address: value.trim(), label: labelled });
  if (kind === 'external') return addCustomerExternalId(customerId, { kind: scheme!.trim(), value: value.trim() });
  return updateCustomer(customerId, { idNumber: value.trim() });
}

/** The API's field names for what this dialog calls `value` and `scheme`. */
const FORM_FIELDS: Record<string, string> = { number: 'value', address: 'value', idNumber: 'value', kind: 'scheme' };

function AddIdentityDialog({ customer, kind, onClose }: { customer: Customer; kind: AddedKind; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IdentityForm>();
  const save = useAdminForm(
    form,
    (values: IdentityForm) => addIdentity(customer.id, kind, values),
    {
      invalidate: CUSTOMER_AND_TICKET_KEYS,
      rename: (field) => FORM_FIELDS[field],
      text: (error) => identityTakenText(error, customer.id, t),
      onSuccess: () => {
        void message.success(t('customers.identities.added'));
        onClose();
      },
    },
  );
  return (
    <Modal open title={t(KIND_TEXTS[kind].add)} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="identity-form">
        {kind === 'external' && (
          <Form.Item
            name="scheme"
            label={t('customers.identities.scheme')}
            extra={t('customers.identities.schemeHint')}
            rules={[
              { required: true, whitespace: true, message: t('customers.form.required') },
              // Checked as sent: the request trims it.
              { pattern: SCHEME_PATTERN, transform: (value?: string) => value?.trim(), message: t('customers.form.schemeRule') },
            ]}
          >
            <Input autoFocus data-testid="identity-form-scheme" />
          </Form.Item>
        )}
        <Form.Item name="value" label={t(KIND_TEXTS[kind].value)} rules={[{ required: true, whitespace: true, message: t('customers.form.required') }, ...valueRules(kind, t)]}>
          <Input autoFocus={kind !== 'external'} inputMode={kind === 'phone' ? 'tel' : kind === 'email' ? 'email' : undefined} data-testid="identity-form-value" />
        </Form.Item>
        {(kind === 'phone' || kind === 'email') && (
          <Form.Item name="label" label={t('customers.identities.label')} rules={[{ max: 40, message: t('customers.form.max', { count: 40 }) }]}>
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The server's own checks of each kind, so most refusals are caught before sending. */
function valueRules(kind: AddedKind, t: TFunction): Rule[] {
  if (kind === 'phone') return [phoneRule(t)];
  if (kind === 'email') return [{ type: 'email', message: t('customers.form.emailRule') }, { max: 254, message: t('customers.form.max', { count: 254 }) }];
  if (kind === 'id_card') return [idNumberRule(t)];
  return [{ max: 200, message: t('customers.form.max', { count: 200 }) }];
}
