import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { invalidField } from '../../platform/errors.js';
import type { TicketView } from '../persistence/ticket-view.js';
import type { ReferenceSnapshot } from '../../app/reference-data.js';
import { addBusinessTime } from '../../sla/domain/business-calendar.js';
import { ticketCalendarId } from '../../sla/use-cases/ticket-calendar.js';
import { runTicketAction, type ActionRequest, type TicketStep } from './ticket-command.js';

type Request = Omit<ActionRequest, 'action'>;

/** The furthest a wait may be planned: beyond that it is not waiting but forgetting. */
const MAX_WAIT_DAYS = 366;

/**
 * Handling waits for the customer or a partner. With `until`, the sweeper resumes it then
 * (resume-due-waits.ts), so a promised call-back is not forgotten. Without, it resumes after the
 * organisation's default wait (`waitReminderHours`, working hours on the ticket's calendar: see
 * ticketCalendarId) when one is set; `until: null` asks to wait until resumed by hand.
 */
export function waitForCustomer(
  ctx: UseCaseContext,
  actor: Actor,
  request: Request,
  body: { reason: string; until?: string | null },
): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'wait' }, async ({ ticket, repos, now }) => {
    if (body.until === undefined) {
      const reminder = defaultWaitEnd(await repos.reference(), await ticketCalendarId(repos, ticket), now);
      return waitingStep(body.reason, reminder?.until ?? null, reminder ? { reminderHours: reminder.hours } : {});
    }
    const until = body.until === null ? null : new Date(body.until).toISOString();
    if (until !== null && until <= now) throw invalidField('until', 'not_later', `must be later than now (${now})`);
    if (until !== null && Date.parse(until) - Date.parse(now) > MAX_WAIT_DAYS * 86_400_000) {
      throw invalidField('until', 'too_far', `must be within ${MAX_WAIT_DAYS} days`, 'invalid_field', { days: MAX_WAIT_DAYS });
    }
    return waitingStep(body.reason, until, {});
  });
}

function waitingStep(reason: string, until: string | null, extra: Record<string, unknown>): TicketStep {
  return { patch: { status: 'waiting', waitUntil: until }, type: 'ticket.waiting', content: reason, data: until ? { until, ...extra } : {} };
}

/** When a wait without a resume time ends: the default wait counted in working hours on the ticket's calendar. */
function defaultWaitEnd(reference: ReferenceSnapshot, calendarId: string | null, now: string): { until: string; hours: number } | null {
  const hours = reference.settings.waitReminderHours;
  if (hours === null) return null;
  const calendar = reference.calendars.compile(calendarId);
  return { until: new Date(addBusinessTime(calendar, Date.parse(now), hours * 3_600_000)).toISOString(), hours };
}

/** Handling continues after waiting. */
export function resumeTicket(ctx: UseCaseContext, actor: Actor, request: Request, body: { note?: string }): Promise<TicketView> {
  return runTicketAction(ctx, actor, { ...request, action: 'resume' }, async () => ({
    patch: { status: 'in_progress' },
    type: 'ticket.resumed',
    content: body.note ?? null,
  }));
}
