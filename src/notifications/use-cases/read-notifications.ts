import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { Notification } from '../domain/notification.js';
import type { NotificationListQuery, NotificationPosition } from '../persistence/notifications-repository.js';

export interface NotificationPage {
  items: Notification[];
  /** How many of the actor's notifications are unread, whatever the page shows (the badge). */
  unreadCount: number;
  /** Where the next page starts; null on the last page. */
  next: NotificationPosition | null;
}

/** One page of the actor's own notifications, newest first, with the unread count. */
export async function listNotifications(ctx: UseCaseContext, actor: Actor, query: NotificationListQuery): Promise<NotificationPage> {
  return ctx.uow.read(async (repos) => {
    const [{ items, more }, unreadCount] = await Promise.all([
      repos.notifications.list(actor.id, query),
      repos.notifications.countUnread(actor.id),
    ]);
    const last = items.at(-1);
    return { items, unreadCount, next: more && last ? { createdAt: last.createdAt, id: last.id } : null };
  });
}
