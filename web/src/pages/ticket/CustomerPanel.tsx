import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { customerTicketsQuery } from '../../api/ticket-actions';
import type { TicketDetail } from '../../api/tickets';
import { StatusTag } from '../../components/tags';
import { useFormatDateTime } from '../../i18n/format';

const HISTORY_SHOWN = 10;

/**
 * 客户信息: who the customer is (the phone masked as the server sends it to this role) and their
 * other tickets, newest first, as far as the reader may see them.
 */
export function CustomerPanel({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const customer = ticket.customer;
  return (
    <Card title={t('ticketActions.customer.title')} size="small" data-testid="customer-panel">
      {!customer ? (
        <Typography.Text type="secondary">{t('ticket.noCustomer')}</Typography.Text>
      ) : (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              {
                key: 'name',
                label: t('ticketActions.customer.name'),
                children: (
                  <Link to={`/customers/${customer.id}`} data-testid="customer-name">
                    {customer.name}
                  </Link>
                ),
              },
              { key: 'tier', label: t('ticketActions.customer.tier'), children: customer.tier ? <Tag color="gold">{customer.tier}</Tag> : t('common.none') },
              { key: 'phone', label: t('ticketActions.customer.phone'), children: <span data-testid="customer-phone">{customer.phone ?? t('common.none')}</span> },
              {
                key: 'type',
                label: t('ticketActions.customer.type'),
                children: customer.type === 'individual' || customer.type === 'enterprise' ? t(`ticketActions.customer.types.${customer.type}`) : customer.type,
              },
            ]}
          />
          <CustomerHistory customerId={customer.id} currentId={ticket.id} />
        </>
      )}
    </Card>
  );
}

function CustomerHistory({ customerId, currentId }: { customerId: string; currentId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const history = useQuery(customerTicketsQuery(customerId, HISTORY_SHOWN + 1));
  const others = (history.data?.items ?? []).filter((item) => item.id !== currentId).slice(0, HISTORY_SHOWN);
  return (
    <div data-testid="customer-history">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '8px 0 4px' }}>
        <Typography.Text strong>{t('ticketActions.customer.history')}</Typography.Text>
        <Link to={`/tickets?queue=all&customer=${encodeURIComponent(customerId)}`} data-testid="customer-all-tickets">
          {t('ticketActions.customer.allTickets')}
        </Link>
      </Space>
      {history.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : others.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketActions.customer.noHistory')} style={{ margin: '8px 0' }} />
      ) : (
        <List
          size="small"
          split
          dataSource={others}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }} data-testid="customer-history-item">
              <div style={{ minWidth: 0, width: '100%' }}>
                <Space size={6} style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Link to={`/tickets/${item.number}`}>{item.number}</Link>
                  <StatusTag status={item.status} />
                </Space>
                <Typography.Text ellipsis style={{ display: 'block' }} title={item.title}>
                  {item.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(item.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
