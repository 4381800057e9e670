import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, message, Modal, Select, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listCustomers, mergeCustomer, type CustomerDetail } from '../../api/customers';
import { CUSTOMER_AND_TICKET_KEYS, CUSTOMERS_KEY } from '../../api/queries';

/**
 * 合并客户: the duplicate (this customer) goes into the one that stays, found by name or phone
 * number. Everything moves on the server in one transaction; the page then shows the survivor.
 */
export function MergeCustomerDialog({ customer, onClose }: { customer: CustomerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [into, setInto] = useState<{ id: string; name: string } | null>(null);
  const term = useDeferredValue(search.trim());
  const candidates = useQuery({
    queryKey: [...CUSTOMERS_KEY, 'merge-candidates', term],
    queryFn: ({ signal }) => listCustomers({ q: term, match: 'contains' }, null, signal),
    enabled: term.length > 0,
  });
  const options = (candidates.data?.items ?? [])
    .filter((c) => c.id !== customer.id && c.parentId !== customer.id)
    .map((c) => ({ value: c.id, label: [c.name, c.phone, c.tier].filter(Boolean).join(' · '), name: c.name }));
  const merge = useMutation({
    mutationFn: (target: { id: string }) => mergeCustomer(customer.id, target.id),
    onSuccess: async ({ customer: survivor, moved }) => {
      await Promise.all(CUSTOMER_AND_TICKET_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      void message.success(t('customers.mergeDialog.done', moved));
      onClose();
      void navigate(`/customers/${survivor.id}`);
    },
  });

  return (
    <Modal
      open
      title={t('customers.mergeDialog.title', { name: customer.name })}
      okText={t('customers.mergeDialog.submit')}
      okButtonProps={{ danger: true, disabled: !into }}
      confirmLoading={merge.isPending}
      onOk={() => into && merge.mutate(into)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('customers.mergeDialog.explain')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('customers.mergeDialog.target')} required>
          <Select
            showSearch
            filterOption={false}
            placeholder={t('customers.mergeDialog.targetPlaceholder')}
            onSearch={setSearch}
            loading={candidates.isFetching}
            value={into?.id}
            onChange={(id: string) => setInto({ id, name: options.find((o) => o.value === id)?.name ?? id })}
            options={options}
            notFoundContent={term && !candidates.isFetching ? t('customers.empty') : null}
            data-testid="merge-customer-target"
          />
        </Form.Item>
      </Form>
      {into && <Typography.Text strong>{t('customers.mergeDialog.confirm', { from: customer.name, into: into.name })}</Typography.Text>}
    </Modal>
  );
}
