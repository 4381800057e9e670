import type { UseCaseContext } from '../../app/context.js';
import type { LiveNotification, TicketChange } from '../domain/live-audience.js';
import type { TicketEventChange } from '../persistence/live-feed-repository.js';

export interface PolledChanges {
  changes: TicketEventChange[];
  notifications: LiveNotification[];
}

/** One tick of the change feed: new ticket events and notifications above the bound, for every connection at once. */
export async function pollChanges(ctx: UseCaseContext, afterId: string, limit: number): Promise<PolledChanges> {
  return ctx.uow.read(async (repos) => {
    const [changes, notifications] = await Promise.all([repos.liveFeed.eventsAfter(afterId, limit), repos.liveFeed.notificationsAfter(afterId, limit)]);
    return { changes, notifications };
  });
}

/** The unread counts of the recipients of new notifications (one grouped query). */
export async function unreadCounts(ctx: UseCaseContext, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  return ctx.uow.read((repos) => repos.liveFeed.unreadCounts(userIds));
}

/**
 * The new changes with who took part in each ticket (one query for all of them): a participant may
 * still see a ticket that left their department, so they hear of it too.
 */
export async function withParticipants(ctx: UseCaseContext, changes: readonly TicketEventChange[]): Promise<TicketChange[]> {
  if (changes.length === 0) return [];
  const participants = await ctx.uow.read((repos) => repos.liveFeed.participantsOf([...new Set(changes.map((c) => c.ticketId))]));
  return changes.map((c) => ({ ...c, participantIds: participants.get(c.ticketId) ?? [] }));
}
