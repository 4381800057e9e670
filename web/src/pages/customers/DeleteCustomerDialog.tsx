import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, message, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { deleteCustomer, type CustomerDetail } from '../../api/customers';
import { refreshCustomersAndTickets } from '../../api/queries';

/**
 * 删除客户 (administrators): the customer's numbers, emails, ids, tags and attributes are erased and
 * the numbers are free again; the tickets keep the name. An enterprise with contacts is refused by
 * the server (`customer_has_contacts`), which the dialog says before anyone tries.
 */
export function DeleteCustomerDialog({ customer, onClose }: { customer: CustomerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const blocked = customer.contactCount > 0;
  const erase = useMutation({
    mutationFn: () => deleteCustomer(customer.id),
    onSuccess: async () => {
      await refreshCustomersAndTickets(queryClient);
      void message.success(t('customers.deleteDialog.done', { name: customer.name }));
      onClose();
      void navigate('/customers');
    },
  });
  return (
    <Modal
      open
      title={t('customers.deleteDialog.title', { name: customer.name })}
      okText={t('customers.deleteDialog.submit')}
      okButtonProps={{ danger: true, disabled: blocked }}
      confirmLoading={erase.isPending}
      onOk={() => erase.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      {blocked ? (
        <Alert type="error" showIcon title={t('customers.deleteDialog.hasContacts', { count: customer.contactCount })} data-testid="delete-customer-blocked" />
      ) : (
        <>
          <Alert type="warning" showIcon title={t('customers.deleteDialog.explain')} style={{ marginBottom: 16 }} />
          <Typography.Text strong>{t('customers.deleteDialog.confirm', { name: customer.name })}</Typography.Text>
        </>
      )}
    </Modal>
  );
}
