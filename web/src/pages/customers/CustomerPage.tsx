import { DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { CustomerDetail } from '../../api/customers';
import { mayDeleteCustomers, mayEditCustomers, mayMergeCustomers, mayReadAuditLog, type Role } from '../../api/domain';
import { customerAttributesQuery, customerQuery } from '../../api/queries';
import { mayUse } from '../../auth/permissions';
import { useSession } from '../../auth/session';
import { useDocumentTitle } from '../../components/use-document-title';
import { useLanguage } from '../../i18n';
import { useFormatDateTime } from '../../i18n/format';
import { ContactsCard } from './ContactsCard';
import { CustomerAuditTrail } from './CustomerAuditTrail';
import { CustomerFormDialog } from './CustomerFormDialog';
import { CustomerTickets } from './CustomerTickets';
import { DeleteCustomerDialog } from './DeleteCustomerDialog';
import { IdentitiesCard } from './IdentitiesCard';
import { MergeCustomerDialog } from './MergeCustomerDialog';
import { TagList, TextTag } from './TextTag';

/**
 * 客户档案 `/customers/<id>`: who the customer is, how to reach them (as the role may see it),
 * their custom attributes, an enterprise's contacts, and their open and recent tickets; editors
 * change it, supervisors and admins merge a duplicate into the customer that stays, admins
 * delete it; admins and auditors read its audit trail.
 */
export default function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { session } = useSession();
  const customer = useQuery(customerQuery(id));

  useDocumentTitle(customer.data ? `${customer.data.name} · ${t('customers.title')}` : null);

  if (!session) return null;
  if (customer.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (customer.isError) {
    const missing = customer.error instanceof ApiError && customer.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('customers.profile.notFound') : t('errorMessages.unknown')}
        extra={<Link to="/customers">{t('customers.profile.back')}</Link>}
        data-testid="customer-not-found"
      />
    );
  }
  return <Profile customer={customer.data} role={session.user.role} />;
}

function Profile({ customer, role }: { customer: CustomerDetail; role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'merge' | 'delete' | null>(null);
  const merged = customer.mergedIntoId !== null;
  const primary = customer.phones.find((phone) => phone.primary);
  const canCall = primary && !primary.masked && mayUse(role, 'newTicket');
  const newTicketUrl = primary ? `/tickets/new?phone=${encodeURIComponent(primary.number)}` : '';
  // A real link (Ctrl+click and middle click open a tab), followed inside the app on a plain click.
  const followInApp = (event: MouseEvent, to: string) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void navigate(to);
  };

  return (
    <div data-testid="customer-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space size={8} wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-page-name">
            {customer.name}
          </Typography.Title>
          <Tag>{t(`customers.types.${customer.type}`)}</Tag>
          {customer.tier && <TextTag color="gold" text={customer.tier} testId="customer-page-tier" />}
        </Space>
        {!merged && (
          <Space wrap>
            {canCall && (
              <Button icon={<PlusCircleOutlined />} href={newTicketUrl} onClick={(event) => followInApp(event, newTicketUrl)} data-testid="customer-new-ticket">
                {t('customers.profile.newTicket')}
              </Button>
            )}
            {mayEditCustomers(role) && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="customer-edit">
                {t('customers.profile.edit')}
              </Button>
            )}
            {mayMergeCustomers(role) && (
              <Button danger icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')} data-testid="customer-merge">
                {t('customers.profile.merge')}
              </Button>
            )}
            {mayDeleteCustomers(role) && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setDialog('delete')} data-testid="customer-delete">
                {t('customers.profile.delete')}
              </Button>
            )}
          </Space>
        )}
      </Flex>
      {merged && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customers.profile.mergedInto')}
          action={<Link to={`/customers/${customer.mergedIntoId}`}>{t('customers.profile.openSurvivor')}</Link>}
          data-testid="customer-merged"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <CustomerTickets customer={customer} />
            {customer.type === 'enterprise' && <ContactsCard customer={customer} editable={mayEditCustomers(role) && !merged} />}
            {mayReadAuditLog(role) && <CustomerAuditTrail customerId={customer.id} />}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <IdentitiesCard customer={customer} role={role} />
            <Details customer={customer} />
          </Space>
        </Col>
      </Row>
      {dialog === 'edit' && <CustomerFormDialog customer={customer} onClose={() => setDialog(null)} />}
      {dialog === 'merge' && <MergeCustomerDialog customer={customer} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteCustomerDialog customer={customer} onClose={() => setDialog(null)} />}
    </div>
  );
}

/** Tags, the enterprise a contact belongs to, custom attributes and the record's dates. */
function Details({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const formatDateTime = useFormatDateTime();
  const definitions = useQuery(customerAttributesQuery).data ?? [];
  // In the administrator's order; values of attributes deleted since come last, by key.
  const rank = (key: string) => {
    const index = definitions.findIndex((d) => d.key === key);
    return index === -1 ? definitions.length : index;
  };
  const entries = Object.entries(customer.attributes).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  const attributes = entries.map(([key, value]) => {
    const definition = definitions.find((d) => d.key === key);
    const label = definition ? (language === 'en' && definition.labelEn ? definition.labelEn : definition.label) : key;
    const shown = typeof value === 'boolean' ? t(value ? 'customers.form.yes' : 'customers.form.no') : String(value);
    return { key, label, children: shown };
  });
  return (
    <Card size="small" title={t('customers.profile.details')} data-testid="customer-details">
      {/* Outside the descriptions' table, whose cells grow to their widest tag: here a long tag is cut to the card. */}
      <div style={{ marginBottom: 8 }}>
        {customer.tags.length ? (
          <TagList tags={customer.tags} testId="customer-page-tags" />
        ) : (
          <Typography.Text type="secondary">{t('customers.profile.noTags')}</Typography.Text>
        )}
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[
          ...(customer.parent ? [{ key: 'parent', label: t('customers.profile.parent'), children: <Link to={`/customers/${customer.parent.id}`}>{customer.parent.name}</Link> }] : []),
          ...attributes,
          { key: 'createdAt', label: t('customers.profile.createdAt'), children: formatDateTime(customer.createdAt) },
          { key: 'updatedAt', label: t('customers.profile.updatedAt'), children: formatDateTime(customer.updatedAt) },
        ]}
      />
      {attributes.length === 0 && definitions.some((d) => d.active) && <Typography.Text type="secondary">{t('customers.profile.noAttributes')}</Typography.Text>}
    </Card>
  );
}
