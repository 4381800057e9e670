import { Badge, Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppNotification } from '../../api/notifications';
import { useFormatDateTime } from '../../i18n/format';
import { KIND_COLORS, KIND_KEYS, useDescribeNotification } from './describe-notification';

interface Props {
  notification: AppNotification;
  onRead: (notification: AppNotification) => void;
  reading: boolean;
}

/** One notification: unread mark, kind, what happened, the ticket, when; and "mark read". */
export function NotificationItem({ notification, onRead, reading }: Props) {
  const { t } = useTranslation();
  const describe = useDescribeNotification();
  const formatDateTime = useFormatDateTime();
  const unread = notification.readAt === null;
  const { ticket } = notification;
  return (
    <List.Item
      data-testid="notification-item"
      data-kind={notification.kind}
      data-unread={unread}
      style={{ background: unread ? '#f0f7ff' : undefined, paddingInline: 16 }}
      actions={[
        unread ? (
          <Button key="read" size="small" loading={reading} onClick={() => onRead(notification)} data-testid="notification-mark-read">
            {t('live.notifications.markRead')}
          </Button>
        ) : null,
      ]}
    >
      <List.Item.Meta
        avatar={<Badge status={unread ? 'processing' : 'default'} aria-label={unread ? t('live.notifications.unreadMark') : undefined} />}
        title={
          <Space size={8} wrap>
            <Tag color={KIND_COLORS[notification.kind]} style={{ marginInlineEnd: 0 }}>
              {t(`live.notifications.kinds.${KIND_KEYS[notification.kind]}`)}
            </Tag>
            {ticket && (
              // Opening the ticket is reading the notification.
              <Link to={`/tickets/${ticket.number}`} onClick={() => unread && onRead(notification)} title={t('live.notifications.openTicket')}>
                {ticket.number} {ticket.title}
              </Link>
            )}
          </Space>
        }
        description={
          <Space size={16} wrap>
            <Typography.Text style={{ fontWeight: unread ? 600 : undefined }}>{describe(notification)}</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(notification.createdAt)}</Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}
