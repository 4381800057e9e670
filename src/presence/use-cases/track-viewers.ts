import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { loadVisible } from '../../tickets/use-cases/ticket-command.js';
import { activeCutoff, heartbeat } from '../domain/ticket-viewer.js';
import type { ViewerView } from '../persistence/ticket-viewers-repository.js';

export interface Presence {
  ticketId: string;
  /** the ticket's current version: a page showing an older one knows it is stale */
  version: number;
  /** everyone else viewing the ticket now */
  viewers: ViewerView[];
}

/**
 * A heartbeat from a ticket page: records that the actor is viewing it and answers who else is,
 * and the ticket's current version. Only someone who may read the ticket may announce themselves
 * (a ticket out of sight answers 404, like its read).
 */
export async function viewTicket(ctx: UseCaseContext, actor: Actor, ref: string): Promise<Presence> {
  return ctx.uow.write(async (repos) => {
    const now = ctx.clock.now().toISOString();
    const { ticket } = await loadVisible(repos, actor, ref);
    const existing = await repos.viewers.find(ticket.id, actor.id);
    await repos.viewers.save(heartbeat(existing, ticket.id, actor.id, now));
    const viewers = await repos.viewers.activeOthers(ticket.id, actor.id, activeCutoff(now));
    return { ticketId: ticket.id, version: ticket.version, viewers };
  });
}

/** Expired entries of other tickets each leave removes, so pages that never said goodbye do not pile up. */
const PURGED_PER_LEAVE = 100;

/**
 * The page was left: the actor no longer counts as viewing. Expired entries of the ticket go too,
 * and some of other tickets', left by pages that closed without leaving.
 */
export async function leaveTicket(ctx: UseCaseContext, actor: Actor, ref: string): Promise<void> {
  await ctx.uow.write(async (repos) => {
    const now = ctx.clock.now().toISOString();
    const { ticket } = await loadVisible(repos, actor, ref);
    await repos.viewers.leave(ticket.id, actor.id, activeCutoff(now));
    await repos.viewers.purgeExpired(activeCutoff(now), PURGED_PER_LEAVE);
  });
}
