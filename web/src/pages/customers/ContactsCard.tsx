import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, message, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { updateCustomer, type CustomerDetail, type CustomerSummary } from '../../api/customers';
import { CUSTOMERS_KEY } from '../../api/queries';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';
import { TextTag } from './TextTag';

/**
 * 联系人: an enterprise's contacts, the first fifty (the customer list shows them all, `?parent=`).
 * Editors add an individual customer as a contact and take one off; the contact keeps its record.
 */
export function ContactsCard({ customer, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const more = customer.contactCount > customer.contacts.length;
  const detach = useMutation({
    mutationFn: (contact: CustomerSummary) => updateCustomer(contact.id, { parentId: null }),
    onSuccess: async (_, contact) => {
      await queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      void message.success(t('customers.contacts.detached', { name: contact.name }));
    },
  });
  return (
    <Card
      size="small"
      title={t('customers.profile.contacts', { count: customer.contactCount })}
      extra={
        <Space size={12}>
          {more && <Link to={`/customers?parent=${encodeURIComponent(customer.id)}`}>{t('customers.profile.allContacts', { count: customer.contactCount })}</Link>}
          {editable && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="contact-add">
              {t('customers.contacts.add')}
            </Button>
          )}
        </Space>
      }
      data-testid="customer-contacts"
    >
      {customer.contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.profile.noContacts')} />
      ) : (
        <ul className="gd-rows">
          {customer.contacts.map((contact) => (
            <li key={contact.id} data-testid="contact-row">
              <Space size={8} wrap>
                <Link to={`/customers/${contact.id}`}>{contact.name}</Link>
                {contact.tier && <TextTag color="gold" text={contact.tier} />}
                <Typography.Text type="secondary">{contact.phone ?? ''}</Typography.Text>
                {editable && (
                  <Popconfirm title={t('customers.contacts.detachConfirm', { name: contact.name, enterprise: customer.name })} onConfirm={() => detach.mutate(contact)}>
                    <Button size="small" type="link" danger loading={detach.isPending && detach.variables?.id === contact.id} data-testid="contact-detach">
                      {t('customers.contacts.detach')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </li>
          ))}
        </ul>
      )}
      {adding && <AddContactDialog enterprise={customer} onClose={() => setAdding(false)} />}
    </Card>
  );
}

/** Makes an individual customer a contact of this enterprise (one already another's moves here). */
function AddContactDialog({ enterprise, onClose }: { enterprise: CustomerDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [contact, setContact] = useState<PickedCustomer | null>(null);
  const attach = useMutation({
    mutationFn: (picked: PickedCustomer) => updateCustomer(picked.id, { parentId: enterprise.id }),
    onSuccess: async (_, picked) => {
      await queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      void message.success(t('customers.contacts.attached', { name: picked.name }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('customers.contacts.addTitle', { name: enterprise.name })}
      okButtonProps={{ disabled: !contact }}
      confirmLoading={attach.isPending}
      onOk={() => contact && attach.mutate(contact)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('customers.contacts.person')} extra={t('customers.contacts.personHint')} required>
          <CustomerPicker
            value={contact}
            onChange={setContact}
            type="individual"
            unavailable={(c) => (c.parentId === enterprise.id ? t('customers.picker.alreadyContact') : null)}
            placeholder={t('customers.mergeDialog.targetPlaceholder')}
            testId="contact-picker"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
