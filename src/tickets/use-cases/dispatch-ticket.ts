import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { resolveDepartment } from '../../app/resolve-references.js';
import { routeFor } from './route-ticket.js';
import { refuse, runTicketAction, type ActionRequest } from './ticket-command.js';

/** 派单: sends a submitted or returned ticket to a department, named or found by the routing rules. */
export function dispatchTicket(
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  body: { department?: string },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'dispatch' }, async ({ ticket, repos }) => {
    if (body.department) {
      const department = await resolveDepartment(repos, { field: 'department', ref: body.department });
      return {
        patch: { status: 'pending', departmentId: department.id, assigneeId: null },
        type: 'ticket.dispatched',
        data: { manual: true },
        autoAssign: true,
      };
    }
    const rule = await routeFor(repos, ticket);
    if (!rule) {
      throw refuse(422, 'no_route', `No routing rule matches ticket ${ticket.number}; name the department to dispatch it to.`);
    }
    return {
      patch: { status: 'pending', departmentId: rule.departmentId, assigneeId: null },
      type: 'ticket.dispatched',
      data: { manual: false, ruleId: rule.id, ruleName: rule.name },
      autoAssign: true,
    };
  });
}
