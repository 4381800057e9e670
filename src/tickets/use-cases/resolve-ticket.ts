import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { runTicketAction, type ActionRequest } from './ticket-command.js';

/** 处理结果: the handler records what was done; the ticket then awaits a reply or closing. */
export function resolveTicket(
  ctx: UseCaseContext,
  actor: Actor,
  request: Omit<ActionRequest, 'action'>,
  body: { result: string },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'resolve' }, async () => ({
    patch: { status: 'handled', result: body.result },
    type: 'ticket.resolved',
    content: body.result,
  }));
}
