import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { resolveDepartment } from '../../app/resolve-references.js';
import { refuse, runTicketAction, type ActionRequest } from './ticket-command.js';

type Request = Omit<ActionRequest, 'action'>;

/** 流转: the department hands the ticket to another department, with the reason. */
export function transferTicket(
  ctx: UseCaseContext,
  actor: Actor,
  request: Request,
  body: { department: string; reason: string },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'transfer' }, async ({ ticket, repos }) => {
    const department = await resolveDepartment(repos, { field: 'department', ref: body.department });
    if (department.id === ticket.departmentId) {
      throw refuse(422, 'same_department', `Ticket ${ticket.number} is already in ${department.code}; choose another department.`, { field: 'department', issue: 'conflicts' });
    }
    return {
      patch: { status: 'pending', departmentId: department.id, assigneeId: null },
      type: 'ticket.transferred',
      content: body.reason,
      autoAssign: true,
    };
  });
}

/** 退回: not ours or wrong information; the ticket goes back to dispatch with the reason. */
export function returnTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { reason: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'return' }, async () => ({
    patch: { status: 'returned', departmentId: null, assigneeId: null },
    type: 'ticket.returned',
    content: body.reason,
  }));
}
