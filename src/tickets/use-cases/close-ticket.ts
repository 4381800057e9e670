import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { statusAfterReopen } from '../domain/ticket-state-machine.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { refuse, runTicketAction, type ActionRequest } from './ticket-command.js';

type Request = Omit<ActionRequest, 'action'>;

/** Closes a handled ticket whose service item needs no reply, or a replied one. */
export function closeTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { note?: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'close' }, async ({ ticket, repos, now }) => {
    if (ticket.status === 'handled') {
      const item = (await repos.reference()).serviceItems.find(ticket.serviceItemId);
      if (item?.needsReply) {
        throw refuse(409, 'reply_required', `Service item ${item.code} needs a reply to the customer before ticket ${ticket.number} can close.`);
      }
    }
    return { patch: { status: 'closed', closedAt: now }, type: 'ticket.closed', content: body.note ?? null };
  });
}

/**
 * Reopens a closed ticket: back to the department that had it, or to dispatch when it never
 * reached one or that department has been deleted since (its queue is no one's any more).
 */
export function reopenTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { reason: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'reopen' }, async ({ ticket, repos }) => {
    const last = ticket.departmentId ? (await repos.reference()).departments.find(ticket.departmentId) : undefined;
    const departmentId = last?.active ? last.id : null;
    return {
      patch: { status: statusAfterReopen(departmentId), departmentId, assigneeId: null, closedAt: null },
      type: 'ticket.reopened',
      content: body.reason,
      autoAssign: true,
    };
  });
}

/** Cancels a ticket that should not be worked on, with the reason. */
export function cancelTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { reason: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'cancel' }, async ({ now }) => ({
    patch: { status: 'cancelled', closedAt: now },
    type: 'ticket.cancelled',
    content: body.reason,
  }));
}
