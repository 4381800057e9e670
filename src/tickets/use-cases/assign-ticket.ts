import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { fieldIssue, unprocessable } from '../../platform/errors.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { resolveUser } from '../../app/resolve-references.js';
import { refuse, runTicketAction, type ActionRequest } from './ticket-command.js';

type Request = Omit<ActionRequest, 'action'>;

/** A supervisor hands a ticket in their department to a member, who must then accept it. */
export function assignTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { assignee: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'assign' }, async ({ ticket, repos }) => {
    const assignee = await resolveUser(repos, { field: 'assignee', ref: body.assignee });
    if (!ticket.departmentId || !assignee.departmentIds.includes(ticket.departmentId)) {
      const message = `${assignee.username} is not a member of the department that holds the ticket`;
      throw unprocessable('assignee_not_in_department', `assignee: ${message}.`, [fieldIssue('assignee', 'not_allowed', message)]);
    }
    // Assigning a ticket to the one who already holds it (a batch over a view does) changes
    // nothing: no second "assigned to you", no new version under a colleague about to act, and
    // work in progress is not sent back to be accepted again.
    if (ticket.assigneeId === assignee.id) return null;
    return { patch: { status: 'pending', assigneeId: assignee.id }, type: 'ticket.assigned' };
  });
}

/** A department member takes an unassigned ticket from the queue. */
export function claimTicket(ctx: UseCaseContext, actor: Actor, request: Request): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'claim' }, async ({ ticket }) => {
    if (ticket.assigneeId) {
      const whose = ticket.assigneeId === actor.id ? 'you already hold it' : 'someone else holds it';
      throw refuse(409, 'already_assigned', `Ticket ${ticket.number} is already assigned: ${whose}.`);
    }
    return { patch: { assigneeId: actor.id }, type: 'ticket.claimed' };
  });
}

/** The handler accepts the ticket and starts working on it (an unassigned ticket becomes theirs). */
export function acceptTicket(ctx: UseCaseContext, actor: Actor, request: Request): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'accept' }, async ({ ticket }) => ({
    patch: { status: 'in_progress', assigneeId: actor.id },
    type: 'ticket.accepted',
    data: ticket.assigneeId && ticket.assigneeId !== actor.id ? { tookOverFrom: ticket.assigneeId } : {},
  }));
}
