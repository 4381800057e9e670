import { useQuery } from '@tanstack/react-query';
import { Timeline as AntTimeline, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { departmentsQuery, usersQuery } from '../../api/queries';
import type { TicketEvent, TicketEventType } from '../../api/tickets';
import { useFormatDateTime, useRefName } from '../../i18n/format';

const EVENT_COLOURS: Partial<Record<TicketEventType, string>> = {
  'ticket.created': 'blue',
  'ticket.closed': 'green',
  'ticket.resolved': 'green',
  'ticket.returned': 'red',
  'ticket.cancelled': 'gray',
  'sla.warning': 'orange',
  'sla.breach': 'red',
  'sla.escalation': 'red',
};

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
                {event.data.internal === true && <Tag>{t('timeline.internal')}</Tag>}
                {event.data.objection === true && <Tag color="red">{t('timeline.objection')}</Tag>}
                {event.data.objection === false && <Tag color="green">{t('timeline.noObjection')}</Tag>}
              </Space>
              {details.length > 0 && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {details.join(' · ')}
                </Typography.Text>
              )}
              {event.content && (
                <Typography.Paragraph className="gd-pre-wrap" style={{ margin: '4px 0 0' }}>
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
