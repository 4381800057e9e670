import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from './client';

/** The shapes of /api/v1/notifications (src/notifications/http/notifications.routes.ts). */

import type { NotificationKind } from '../../../src/notifications/domain/notification';

export { NOTIFICATION_KINDS, type NotificationKind } from '../../../src/notifications/domain/notification';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  ticket: { id: string; number: string; title: string } | null;
  /** depends on the kind: the time limit (`target`), `dueAt`, `level`, `approved` … */
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

export function listNotifications(params: { unread?: boolean; limit?: number; cursor?: string | null }, signal?: AbortSignal): Promise<NotificationPage> {
  return api.get<NotificationPage>('/notifications', { unread: params.unread ? 'true' : undefined, limit: params.limit, cursor: params.cursor }, signal);
}

export function markNotificationRead(id: string): Promise<AppNotification> {
  return api.post<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllNotificationsRead(): Promise<{ updated: number }> {
  return api.post<{ updated: number }>('/notifications/read-all');
}

/** Every notification cache entry starts with this key: the badge and the list pages. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The header's badge: only the unread count is read (one row at most). */
export const unreadCountQuery = queryOptions({
  queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
  queryFn: async ({ signal }) => (await listNotifications({ unread: true, limit: 1 }, signal)).unreadCount,
  // The live stream keeps it current; this only catches up after a stream that dropped.
  refetchInterval: 120_000,
});

export const notificationListQuery = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: [...NOTIFICATIONS_KEY, 'list', { unreadOnly }],
    queryFn: ({ pageParam, signal }) => listNotifications({ unread: unreadOnly, limit: 30, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
