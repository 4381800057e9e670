import { CheckOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, List, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_KEY,
  notificationListQuery,
  unreadCountQuery,
  type AppNotification,
} from '../../api/notifications';
import { LiveIndicator } from '../../live/LiveIndicator';
import { NotificationItem } from './NotificationItem';

/**
 * The user's notifications (站内通知), newest first: time-limit warnings, breaches and
 * escalations, assignments, extension requests and decisions. New ones arrive through the live
 * stream; `?unread=true` shows only the unread.
 */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const list = useInfiniteQuery(notificationListQuery(unreadOnly));
  const { data: unreadCount = 0 } = useQuery(unreadCountQuery);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const markOne = useMutation({ mutationFn: (n: AppNotification) => markNotificationRead(n.id), onSettled: refresh });
  const markAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: ({ updated }) => void message.success(t('live.notifications.markedAll', { count: updated })),
    onSettled: refresh,
  });

  return (
    <div data-testid="notifications-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('live.notifications.title')}
        </Typography.Title>
        <Flex align="center" gap={16} wrap>
          <LiveIndicator updatedAt={list.dataUpdatedAt || null} />
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => setParams(value === 'unread' ? { unread: 'true' } : {})}
            options={[
              { value: 'all', label: t('live.notifications.all') },
              { value: 'unread', label: `${t('live.notifications.unread')} ${unreadCount}` },
            ]}
            data-testid="notifications-filter"
          />
          <Button icon={<CheckOutlined />} disabled={unreadCount === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-mark-all">
            {t('live.notifications.markAllRead')}
          </Button>
        </Flex>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <List
          data-testid="notification-list"
          loading={list.isPending}
          dataSource={items}
          rowKey="id"
          locale={{ emptyText: <Empty description={unreadOnly ? t('live.notifications.emptyUnread') : t('live.notifications.empty')} /> }}
          renderItem={(notification) => (
            <NotificationItem
              notification={notification}
              onRead={(n) => markOne.mutate(n)}
              reading={markOne.isPending && markOne.variables?.id === notification.id}
            />
          )}
        />
      </Card>
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('live.notifications.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
