import { Card, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerDetail, CustomerTicket } from '../../api/customers';
import { PriorityTag, StatusTag } from '../../components/tags';
import { SlaTag } from '../../components/SlaTag';
import { useNow } from '../../components/use-now';
import { useFormatDateTime, useRefName } from '../../i18n/format';

/** 未结工单 and 最近工单: what the customer has open (oldest promise first is the ticket list's job) and the last ten, as far as the reader may see them. */
export function CustomerTickets({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const recent = customer.recentTickets.filter((ticket) => !customer.openTickets.some((open) => open.id === ticket.id));
  return (
    <Card
      size="small"
      title={t('customers.profile.openTickets', { count: customer.openTickets.length })}
      extra={
        <Link to={`/tickets?queue=all&customer=${encodeURIComponent(customer.id)}`} data-testid="customer-all-tickets">
          {t('customers.profile.allTickets')}
        </Link>
      }
      data-testid="customer-tickets"
    >
      <TicketRows tickets={customer.openTickets} testId="customer-open-tickets" />
      {recent.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('customers.profile.recentTickets')}
          </Typography.Title>
          <TicketRows tickets={recent} testId="customer-recent-tickets" />
        </>
      )}
    </Card>
  );
}

function TicketRows({ tickets, testId }: { tickets: CustomerTicket[]; testId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const refName = useRefName();
  const now = useNow();
  if (tickets.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.profile.noTickets')} style={{ margin: '8px 0' }} />;
  return (
    <ul className="gd-rows" data-testid={testId}>
      {tickets.map((ticket) => {
        return (
          <li key={ticket.id}>
            <Space size={8} wrap>
              <Link to={`/tickets/${ticket.number}`}>{ticket.number}</Link>
              <StatusTag status={ticket.status} />
              <PriorityTag priority={ticket.priority} />
              {ticket.sla.state && <SlaTag state={ticket.sla.state} dueAt={ticket.sla.dueAt} now={now} />}
            </Space>
            <Typography.Text ellipsis style={{ display: 'block' }} title={ticket.title}>
              {ticket.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[formatDateTime(ticket.createdAt), ticket.department && refName(ticket.department), ticket.assignee?.displayName].filter(Boolean).join(' · ')}
            </Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}
