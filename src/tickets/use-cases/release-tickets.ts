import type { Repositories } from '../../app/repositories.js';
import { autoAssign, recordStep } from './ticket-command.js';

/** How many of a person's waiting tickets one change releases; a batch so big would be a data problem. */
const RELEASED_AT_MOST = 10_000;

/**
 * Puts back in their department's queue the tickets handed to someone who can no longer take
 * them (deactivated, or no longer a member of that department) before they accepted them: nobody
 * else could claim or accept them, so they waited for a supervisor to notice. Tickets already in
 * progress stay with them: work was started, and a supervisor decides who continues it. The
 * department's automatic assignment then runs again. Inside the caller's transaction.
 */
export async function releasePendingTickets(
  repos: Repositories,
  userId: string,
  stillMemberOf: readonly string[],
  reason: 'assignee_deactivated' | 'assignee_left_department',
  actorId: string,
  now: string,
): Promise<number> {
  const held = await repos.tickets.list(
    { statuses: ['pending'], assigneeIds: [userId], sort: { key: 'createdAt', direction: 'asc' }, limit: RELEASED_AT_MOST },
    { everything: true },
  );
  let released = 0;
  for (const view of held.items) {
    if (view.department && stillMemberOf.includes(view.department.id)) continue;
    const ticket = await repos.tickets.findByRef(view.id, true);
    if (!ticket || ticket.assigneeId !== userId || ticket.status !== 'pending') continue;
    const after = await recordStep(repos, ticket, { patch: { assigneeId: null }, type: 'ticket.unassigned', data: { reason } }, actorId, now);
    await autoAssign(repos, after, now);
    released += 1;
  }
  return released;
}
