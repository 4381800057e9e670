import type { Repositories } from '../../app/repositories.js';
import type { Ticket } from '../../tickets/domain/ticket.js';

/**
 * The calendar a ticket's working hours count on, for what runs beside its clocks (the default
 * wait of a wait without a resume time): its department's own calendar, else the calendar of the
 * policy its clocks come from, deactivated or not, as those clocks keep counting on it. Null, the
 * 24×7 calendar on which every hour is a working hour, when neither names one or no policy
 * matched the ticket. The department's calendar was all it used to look at, so in a department
 * without one a "15 working hours" wait ended on Saturday morning.
 */
export async function ticketCalendarId(repos: Repositories, ticket: Pick<Ticket, 'id' | 'departmentId'>): Promise<string | null> {
  const reference = await repos.reference();
  const departmentCalendar = ticket.departmentId ? (reference.departments.find(ticket.departmentId)?.calendarId ?? null) : null;
  if (departmentCalendar !== null) return departmentCalendar;
  const policyId = (await repos.deadlines.forTicket(ticket.id)).findLast((d) => d.policyId !== null)?.policyId;
  return reference.slaPolicies.find((p) => p.id === policyId)?.calendarId ?? null;
}
