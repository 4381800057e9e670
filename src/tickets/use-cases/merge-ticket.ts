import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { isNotFound } from '../../platform/errors.js';
import { isOpen } from '../domain/ticket-state-machine.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { loadVisible, recordStep, refuse, runTicketAction, type ActionRequest } from './ticket-command.js';

/** Merges a duplicate into the primary ticket; both timelines record it. */
export function mergeTicket(
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  body: { into: string; note?: string },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'merge' }, async ({ ticket, repos, now }) => {
    const { ticket: primary } = await loadVisible(repos, actor, body.into, true).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
      throw refuse(422, 'merge_target_not_found', `into: no ticket ${JSON.stringify(body.into)} is visible to you.`, { field: 'into', issue: 'unknown_reference' });
    });
    if (primary.id === ticket.id) throw refuse(422, 'merge_into_self', 'into: a ticket cannot be merged into itself.', { field: 'into', issue: 'conflicts' });
    if (!isOpen(primary.status)) {
      throw refuse(409, 'merge_target_not_open', `Ticket ${primary.number} is ${primary.status}; merge into an open ticket.`);
    }
    await recordStep(
      repos,
      primary,
      { patch: {}, type: 'ticket.duplicate_merged', content: body.note ?? null, data: { duplicateId: ticket.id, duplicateNumber: ticket.number } },
      actor.id,
      now,
    );
    return {
      patch: { status: 'merged', mergedIntoId: primary.id, closedAt: now },
      type: 'ticket.merged',
      content: body.note ?? null,
      data: { intoId: primary.id, intoNumber: primary.number },
    };
  });
}
