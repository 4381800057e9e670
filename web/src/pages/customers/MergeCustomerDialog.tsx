import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, message, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { mergeCustomer, type CustomerDetail } from '../../api/customers';
import { refreshCustomersAndTickets } from '../../api/queries';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';

/**
 * 合并客户: the duplicate (this customer) goes into the one that stays, found by name or phone
 * number. Everything moves on the server in one transaction; the page then shows the survivor.
 */
export function MergeCustomerDialog({ customer, onClose }: { customer: CustomerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [into, setInto] = useState<PickedCustomer | null>(null);
  const merge = useMutation({
    mutationFn: (target: { id: string }) => mergeCustomer(customer.id, target.id),
    onSuccess: async ({ customer: survivor, moved }) => {
      await refreshCustomersAndTickets(queryClient);
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
          <CustomerPicker
            value={into}
            onChange={setInto}
            unavailable={(c) => (c.id === customer.id ? t('customers.picker.self') : c.parentId === customer.id ? t('customers.picker.ownContact') : null)}
            placeholder={t('customers.mergeDialog.targetPlaceholder')}
            testId="merge-customer-target"
          />
        </Form.Item>
      </Form>
      {into && <Typography.Text strong>{t('customers.mergeDialog.confirm', { from: customer.name, into: into.name })}</Typography.Text>}
    </Modal>
  );
}
