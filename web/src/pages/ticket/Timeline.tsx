import { SLA_TARGETS, type SlaTarget } from '../../api/domain';
import { useQuery } from '@tanstack/react-query';
import { Timeline as AntTimeline, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentsQuery, usersQuery } from '../../api/queries';
import { REPLY_CHANNELS, type ReplyChannel } from '../../api/ticket-actions';
import type { TicketEvent, TicketEventType } from '../../api/tickets';
import { useFormatDateTime, useRefName } from '../../i18n/format';

const EVENT_COLOURS: Partial<Record<TicketEventType, string>> = {
  'ticket.created': 'blue',
  'ticket.closed': 'green',
  'ticket.resolved': 'green',
  'ticket.returned': 'red',
  'ticket.cancelled': 'gray',
  'ticket.note_added': 'gold',
  'ticket.replied': 'purple',
  'sla.warning': 'orange',
  'sla.breach': 'red',
  'sla.escalation': 'red',
};

/** How the text of an event is set off: notes as a note (internal ones tinted), replies as what the customer was told. */
const CONTENT_STYLES = {
  internalNote: { background: '#fffbe6', border: '1px solid #ffe58f' },
  publicNote: { background: '#f6ffed', border: '1px solid #b7eb8f' },
  reply: { background: '#f9f0ff', border: '1px solid #d3adf7' },
  plain: {},
} as const;

const isSlaTarget = (value: unknown): value is SlaTarget => typeof value === 'string' && (SLA_TARGETS as readonly string[]).includes(value);
const isReplyChannel = (value: unknown): value is ReplyChannel => typeof value === 'string' && (REPLY_CHANNELS as readonly string[]).includes(value);

/** The ticket's append-only history, oldest first: who did what, when, and what changed. */
export function Timeline({ events }: { events: TicketEvent[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const refName = useRefName();
  const departments = useQuery(departmentsQuery);
  const users = useQuery(usersQuery);
  const departmentName = (id: string | null) => {
    if (!id) return t('common.none');
    const department = departments.data?.find((d) => d.id === id);
    return department ? refName(department) : t('common.none');
  };
  const userName = (id: string | null) => (id ? (users.data?.find((u) => u.id === id)?.displayName ?? t('common.none')) : t('common.none'));

  return (
    <AntTimeline
      items={events.map((event) => {
        const details: string[] = [];
        if (event.toStatus && event.fromStatus !== event.toStatus) {
          details.push(
            event.fromStatus
              ? t('timeline.statusChange', { from: t(`status.${event.fromStatus}`), to: t(`status.${event.toStatus}`) })
              : t('timeline.statusSet', { to: t(`status.${event.toStatus}`) }),
          );
        }
        if (event.toDepartmentId !== event.fromDepartmentId && (event.toDepartmentId || event.fromDepartmentId)) {
          details.push(t('timeline.departmentChange', { from: departmentName(event.fromDepartmentId), to: departmentName(event.toDepartmentId) }));
        }
        if (event.toAssigneeId !== event.fromAssigneeId && (event.toAssigneeId || event.fromAssigneeId)) {
          details.push(t('timeline.assigneeChange', { from: userName(event.fromAssigneeId), to: userName(event.toAssigneeId) }));
        }
        if (event.type === 'ticket.waiting' && typeof event.data.until === 'string') {
          details.push(t('ticketActions.waiting.until', { time: formatDateTime(event.data.until) }));
          if (typeof event.data.reminderHours === 'number') details.push(t('ticketActions.waiting.byDefault', { hours: event.data.reminderHours }));
        }
        // A time-limit event says which limit (处理, 当前环节 · 退款组 …), which warning or level, and when it fell due.
        if (event.type.startsWith('sla.') && isSlaTarget(event.data.target)) {
          const step = event.data.target === 'step' && typeof event.data.departmentId === 'string' ? ` · ${departmentName(event.data.departmentId)}` : '';
          details.push(`${t(`sla.targets.${event.data.target}`)}${step}`);
          if (typeof event.data.warning === 'number') details.push(t('timeline.slaWarning', { count: event.data.warning }));
          if (typeof event.data.level === 'number') details.push(t('timeline.slaLevel', { count: event.data.level }));
          if (typeof event.data.dueAt === 'string') details.push(t('timeline.slaDue', { time: formatDateTime(event.data.dueAt) }));
        }
        if (typeof event.data.requestedUntil === 'string') {
          details.push(t('ticketActions.extensions.until', { time: formatDateTime(event.data.requestedUntil) }));
        }
        const note = event.type === 'ticket.note_added';
        const reply = event.type === 'ticket.replied';
        const contentStyle = note ? (event.data.internal === false ? 'publicNote' : 'internalNote') : reply ? 'reply' : 'plain';
        return {
          key: event.id,
          color: EVENT_COLOURS[event.type] ?? 'blue',
          content: (
            <div data-testid="timeline-event" data-event-type={event.type}>
              <Space size={8} wrap>
                <Typography.Text strong>{t(`events.${event.type}`)}</Typography.Text>
                <Typography.Text type="secondary">{event.actor?.displayName ?? t('common.system')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(event.at)}
                </Typography.Text>
                {note && event.data.internal !== false && <Tag color="gold">{t('timeline.internal')}</Tag>}
                {note && event.data.internal === false && <Tag color="green">{t('ticketActions.timeline.public')}</Tag>}
                {reply && isReplyChannel(event.data.channel) && (
                  <Tag>{t('ticketActions.timeline.replyVia', { channel: t(`ticketActions.replyChannels.${event.data.channel}`) })}</Tag>
                )}
                {event.data.objection === true && <Tag color="red">{t('timeline.objection')}</Tag>}
                {event.data.objection === false && <Tag color="green">{t('timeline.noObjection')}</Tag>}
                {reply && event.data.objection === null && <Tag>{t('ticketActions.timeline.pendingOpinion')}</Tag>}
                {event.type === 'ticket.resumed' && event.data.automatic === true && <Tag color="geekblue">{t('ticketActions.waiting.resumedAutomatically')}</Tag>}
                {event.data.difficultCase === true && <Tag color="volcano">{t('ticketActions.timeline.difficultCase')}</Tag>}
              </Space>
              {details.length > 0 && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {details.join(' · ')}
                </Typography.Text>
              )}
              {event.content && (
                <Typography.Paragraph
                  className="gd-pre-wrap"
                  data-testid="timeline-content"
                  style={{ margin: '4px 0 0', ...(contentStyle !== 'plain' && { padding: '6px 10px', borderRadius: 6 }), ...CONTENT_STYLES[contentStyle] }}
                >
                  {event.content}
                </Typography.Paragraph>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
