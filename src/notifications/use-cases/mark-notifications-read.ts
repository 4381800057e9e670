import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { notFound } from '../../platform/errors.js';
import type { Notification } from '../domain/notification.js';

/**
 * Marks one of the actor's own notifications read. Someone else's notification is a 404, exactly
 * like one that does not exist. Marking a read notification again changes nothing: it keeps the
 * time it was first read.
 */
export async function markNotificationRead(ctx: UseCaseContext, actor: Actor, id: string): Promise<Notification> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.notifications.findForUser(actor.id, id);
    if (!found) throw notFound('Notification', id);
    if (found.readAt !== null) return found;
    const at = ctx.clock.now().toISOString();
    if ((await repos.notifications.markRead(actor.id, [id], at)) === 1) return { ...found, readAt: at };
    // A concurrent request marked it read first; answer the time it recorded.
    return (await repos.notifications.findForUser(actor.id, id)) ?? found;
  });
}

/** Marks every unread notification of the actor read; answers how many there were. */
export async function markAllNotificationsRead(ctx: UseCaseContext, actor: Actor): Promise<{ updated: number }> {
  return ctx.uow.write(async (repos) => ({
    updated: await repos.notifications.markAllRead(actor.id, ctx.clock.now().toISOString()),
  }));
}
