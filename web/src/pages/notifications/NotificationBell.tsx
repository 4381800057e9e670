import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unreadCountQuery } from '../../api/notifications';

/** The header's bell: the unread count, kept current by the live stream; opens the notification list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data: unread = 0 } = useQuery(unreadCountQuery);
  const label = unread > 0 ? `${t('live.notifications.bell')}（${t('live.notifications.unreadBadge', { count: unread })}）` : t('live.notifications.bell');
  return (
    <Tooltip title={label}>
      <Link to="/notifications" aria-label={label} data-testid="notification-bell" data-unread={unread}>
        <Badge count={unread} size="small" overflowCount={99}>
          <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} tabIndex={-1} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
