import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { invalidField } from '../../platform/errors.js';
import type { TicketView } from '../persistence/ticket-view.js';
import { runTicketAction, type ActionRequest } from './ticket-command.js';

type Request = Omit<ActionRequest, 'action'>;

/** The furthest a wait may be planned: beyond that it is not waiting but forgetting. */
const MAX_WAIT_DAYS = 366;

/**
 * Handling waits for the customer or a partner. With `until`, the sweeper resumes it then
 * (resume-due-waits.ts), so a promised call-back is not forgotten; without, it waits until resumed.
 */
export function waitForCustomer(
  ctx: UseCaseContext,
  actor: Actor,
  request: Request,
  body: { reason: string; until?: string },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'wait' }, async ({ now }) => {
    const until = body.until === undefined ? null : new Date(body.until).toISOString();
    if (until !== null && until <= now) throw invalidField('until', `must be later than now (${now})`);
    if (until !== null && Date.parse(until) - Date.parse(now) > MAX_WAIT_DAYS * 86_400_000) {
      throw invalidField('until', `must be within ${MAX_WAIT_DAYS} days`);
    }
    return { patch: { status: 'waiting', waitUntil: until }, type: 'ticket.waiting', content: body.reason, data: until ? { until } : {} };
  });
}

/** Handling continues after waiting. */
export function resumeTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { note?: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'resume' }, async () => ({
    patch: { status: 'in_progress' },
    type: 'ticket.resumed',
    content: body.note ?? null,
  }));
}
