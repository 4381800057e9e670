import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { runTicketAction, type ActionRequest } from './ticket-command.js';

type Request = Omit<ActionRequest, 'action'>;

/** Handling waits for the customer or a partner; `until` is when the handler expects to resume. */
export function waitForCustomer(
  ctx: UseCaseContext,
  actor: Actor,
  request: Request,
  body: { reason: string; until?: string },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'wait' }, async () => ({
    patch: { status: 'waiting' },
    type: 'ticket.waiting',
    content: body.reason,
    data: body.until ? { until: body.until } : {},
  }));
}

/** Handling continues after waiting. */
export function resumeTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { note?: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'resume' }, async () => ({
    patch: { status: 'in_progress' },
    type: 'ticket.resumed',
    content: body.note ?? null,
  }));
}
