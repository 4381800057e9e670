import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { departmentsQuery, serviceItemQuery, ticketEventsQuery, ticketQuery } from '../api/queries';
import type { Deadline, TicketDetail } from '../api/tickets';
import { SlaTag, SLA_COLOURS } from '../components/SlaTag';
import { PriorityTag, StatusTag } from '../components/tags';
import { useNow } from '../components/use-now';
import { useLanguage } from '../i18n';
import { useFormatDateTime, useFormatDuration, useRefName } from '../i18n/format';
import type { Presence } from '../api/presence';
import { ActionBar } from './ticket/ActionBar';
import { CustomerPanel } from './ticket/CustomerPanel';
import { ExtensionRequests } from './ticket/ExtensionRequests';
import { StaleBanner, Viewers } from './ticket/PresenceBar';
import { Timeline } from './ticket/Timeline';
import { usePresence } from './ticket/use-presence';
import { useDocumentTitle } from '../components/use-document-title';
import { lastListAddress } from './ticket-list-url';

/**
 * One ticket: header with the actions the user may take now (each with its form), who else is
 * viewing it, the customer and their other tickets, time limits and extension requests,
 * description, form fields and the timeline. `/tickets/GD-20261123-000001`; an internal id works
 * and is replaced by the number in the address bar.
 */
export default function TicketPage() {
  const { ref = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Re-read every minute: the server counts business minutes left on each time limit.
  const ticket = useQuery({ ...ticketQuery(ref), refetchInterval: 60_000 });
  const events = useQuery(ticketEventsQuery(ref));
  const presence = usePresence(ticket.data?.id);

  useEffect(() => {
    const data = ticket.data;
    if (!data || data.number === ref) return;
    // Opened by internal id: show the number in the address bar without reading the ticket again.
    queryClient.setQueryData(ticketQuery(data.number).queryKey, data);
    if (events.data) queryClient.setQueryData(ticketEventsQuery(data.number).queryKey, events.data);
    void navigate(`/tickets/${data.number}`, { replace: true });
  }, [ticket.data, events.data, ref, navigate, queryClient]);
  useDocumentTitle(ticket.data ? `${ticket.data.number} ${ticket.data.title}` : null);

  if (ticket.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (ticket.isError) {
    const missing = ticket.error instanceof ApiError && ticket.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('ticket.notFound') : t('errorMessages.title')}
        subTitle={missing ? t('ticket.notFoundHint') : undefined}
        extra={
          <Space>
            {!missing && <Button onClick={() => void ticket.refetch()}>{t('common.retry')}</Button>}
            <Link to={lastListAddress()}>
              <Button type="primary">{t('ticket.backToList')}</Button>
            </Link>
          </Space>
        }
      />
    );
  }

  const data = ticket.data;
  return (
    <div data-testid="ticket-page" style={{ maxWidth: 1400 }}>
      <Link to={lastListAddress()} style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('ticket.backToList')}
      </Link>
      <TicketHeader ticket={data} presence={presence} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <TextCard title={t('ticket.description')} text={data.description} />
            <FormFields ticket={data} />
            {data.result && <TextCard title={t('ticket.result')} text={data.result} />}
            <Card title={t('ticket.timeline')} size="small" data-testid="ticket-timeline">
              {events.isPending ? <Skeleton active /> : events.data ? <Timeline events={events.data} /> : <Empty description={t('ticket.noEvents')} />}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {/* The clocks first: a supervisor opening a warned ticket must not scroll past the customer's history to them. */}
            <TimeLimits ticket={data} />
            <ExtensionRequests ticket={data} />
            <CustomerPanel ticket={data} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}

/** Text as the user wrote it: line breaks kept. */
function TextCard({ title, text }: { title: string; text: string }) {
  return (
    <Card title={title} size="small">
      <Typography.Paragraph className="gd-pre-wrap" style={{ marginBottom: 0 }}>
        {text}
      </Typography.Paragraph>
    </Card>
  );
}

function TicketHeader({ ticket, presence }: { ticket: TicketDetail; presence: Presence | null }) {
  const { t } = useTranslation();
  const refName = useRefName();
  const formatDateTime = useFormatDateTime();
  return (
    <Card size="small" styles={{ body: { padding: 20 } }}>
      <StaleBanner presence={presence} shownVersion={ticket.version} />
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 12, marginTop: presence && presence.version > ticket.version ? 12 : 0 }}>
        <Space align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="ticket-title">
            <Typography.Text type="secondary" copyable={{ text: ticket.number }} style={{ fontSize: 'inherit', fontWeight: 400 }} data-testid="ticket-number">
              {ticket.number}
            </Typography.Text>{' '}
            {ticket.title}
          </Typography.Title>
          <StatusTag status={ticket.status} />
          {ticket.status === 'waiting' && ticket.waitUntil && (
            <Tag color="geekblue" data-testid="ticket-wait-until">
              {t('ticketActions.waiting.until', { time: formatDateTime(ticket.waitUntil) })}
            </Tag>
          )}
          <PriorityTag priority={ticket.priority} />
          {ticket.needsTriage && <Tag color="warning">{t('ticket.needsTriage')}</Tag>}
          {ticket.mergedIntoId && <Tag>{t('ticket.mergedInto')}</Tag>}
          <Viewers presence={presence} />
        </Space>
        <ActionBar ticket={ticket} />
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'department', label: t('ticket.department'), children: ticket.department ? refName(ticket.department) : t('ticket.noDepartment') },
          { key: 'assignee', label: t('ticket.assignee'), children: ticket.assignee?.displayName ?? t('ticket.unassigned') },
          { key: 'priority', label: t('ticket.priority'), children: refName(ticket.priority) },
          { key: 'category', label: t('ticket.category'), children: refName(ticket.category) },
          {
            key: 'serviceItem',
            label: t('ticket.serviceItem'),
            children: (
              <Space size={4}>
                {refName(ticket.serviceItem)}
                {ticket.serviceItem.needsReply && <Tag>{t('ticket.needsReply')}</Tag>}
              </Space>
            ),
          },
          { key: 'channel', label: t('ticket.channel'), children: t(`channels.${ticket.channel}`) },
          { key: 'createdBy', label: t('ticket.createdBy'), children: ticket.createdBy.displayName },
          { key: 'createdAt', label: t('ticket.createdAt'), children: formatDateTime(ticket.createdAt) },
          {
            key: ticket.closedAt ? 'closedAt' : 'updatedAt',
            label: ticket.closedAt ? t('ticket.closedAt') : t('ticket.updatedAt'),
            children: formatDateTime(ticket.closedAt ?? ticket.updatedAt),
          },
        ]}
      />
    </Card>
  );
}

/** Every clock of the ticket: running ones first with their countdown, then the finished record. */
function TimeLimits({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const now = useNow();
  const formatDateTime = useFormatDateTime();
  const formatDuration = useFormatDuration();
  const refName = useRefName();
  const departments = useQuery(departmentsQuery);
  // A step clock per department the ticket passed through: each says whose it was.
  const departmentOf = (id: string | null) => {
    const department = id ? departments.data?.find((d) => d.id === id) : undefined;
    return department ? ` · ${refName(department)}` : '';
  };
  const targets = [...(ticket.sla.targets ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <Card title={t('ticket.timeLimits')} size="small" data-testid="ticket-time-limits">
      {targets.length === 0 ? (
        <Typography.Text type="secondary">{t('ticket.noTimeLimits')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {targets.map((deadline: Deadline) => (
            <div key={deadline.id} style={{ opacity: deadline.current ? 1 : 0.7 }}>
              <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
                <Typography.Text strong>
                  {t(`sla.targets.${deadline.target}`)}
                  {deadline.target === 'step' && departmentOf(deadline.departmentId)}
                </Typography.Text>
                {deadline.current ? (
                  <SlaTag
                    state={deadline.state}
                    dueAt={deadline.dueAt}
                    remainingMinutes={deadline.businessTime ? deadline.remainingMinutes : undefined}
                    businessTime={deadline.businessTime}
                    now={now}
                  />
                ) : (
                  <Tag color={SLA_COLOURS[deadline.state]} style={{ marginInlineEnd: 0 }}>
                    {t(`sla.states.${deadline.state}`)}
                  </Tag>
                )}
              </Space>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {[
                  deadline.current
                    ? deadline.dueAt && t('sla.dueAt', { time: formatDateTime(deadline.dueAt) })
                    : deadline.completedAt && t('sla.completedAt', { time: formatDateTime(deadline.completedAt) }),
                  t('sla.allowed', { time: formatDuration(deadline.allowedMinutes, { businessTime: deadline.businessTime }) }),
                  deadline.businessTime && t('sla.businessTime'),
                  deadline.extensions > 0 && t('sla.extensions', { count: deadline.extensions }),
                  deadline.escalationLevel > 0 && t('sla.escalation', { count: deadline.escalationLevel }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** The service item's form, labelled as the catalogue defines it (label or labelEn). */
function FormFields({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const item = useQuery(serviceItemQuery(ticket.serviceItem.id));
  const formatDateTime = useFormatDateTime();
  const definitions = item.data?.fields ?? [];
  // A date-time field is stored as an instant: shown in the organisation's zone like every other time.
  const shown = (field: (typeof definitions)[number], value: string | number) =>
    field.type === 'datetime' && typeof value === 'string' ? formatDateTime(value) : (field.options?.find((option) => option.value === value)?.label ?? String(value));
  const known = new Set(definitions.map((field) => field.key));
  const entries = [
    ...definitions.filter((field) => ticket.fields[field.key] !== undefined).map((field) => ({
      key: field.key,
      label: language === 'en' && field.labelEn ? field.labelEn : field.label,
      value: shown(field, ticket.fields[field.key]!),
    })),
    // Values whose field has since left the form still show, under their key.
    ...Object.entries(ticket.fields)
      .filter(([key]) => !known.has(key) && item.isSuccess)
      .map(([key, value]) => ({ key, label: key, value: String(value) })),
  ];
  return (
    <Card title={t('ticket.fields')} size="small" data-testid="ticket-fields">
      {item.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : entries.length === 0 ? (
        <Typography.Text type="secondary">{t('ticket.noFields')}</Typography.Text>
      ) : (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={entries.map((entry) => ({ key: entry.key, label: entry.label, children: entry.value }))} />
      )}
    </Card>
  );
}
