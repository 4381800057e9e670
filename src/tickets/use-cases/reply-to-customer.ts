import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { ReplyChannel } from '../domain/channels.js';
import { statusAfterReply } from '../domain/ticket-state-machine.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { refuse, runTicketAction, type ActionRequest } from './ticket-command.js';

/**
 * 答复: the reply agent tells the customer the result. No objection closes the ticket; an
 * objection (有异议) sends it to the difficult-case group; no answer yet leaves it replied.
 */
export function replyToCustomer(
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  body: { channel: ReplyChannel; content: string; objection?: boolean },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'reply' }, async ({ ticket, repos, now }) => {
    const status = statusAfterReply(body.objection);
    const data = { channel: body.channel, objection: body.objection ?? null };
    if (status === 'closed') {
      return { patch: { status, closedAt: now }, type: 'ticket.replied', content: body.content, data };
    }
    if (status === 'replied') return { patch: { status }, type: 'ticket.replied', content: body.content, data };
    const reference = await repos.reference();
    const id = reference.settings.difficultCaseDepartmentId;
    const difficult = id ? reference.departments.find(id) : undefined;
    if (!difficult?.active) {
      throw refuse(
        409,
        'no_difficult_case_department',
        'No active difficult-case department is configured, so an objection cannot be routed. An administrator sets it in the settings.',
      );
    }
    return {
      patch: { status, departmentId: difficult.id, assigneeId: null },
      type: 'ticket.replied',
      content: body.content,
      data: { ...data, difficultCase: true },
      autoAssign: true,
    };
  });
}
