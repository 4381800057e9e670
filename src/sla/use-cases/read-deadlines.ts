import type { Repositories } from '../../app/repositories.js';
import { presentDeadline, type DeadlineView } from '../domain/deadline-view.js';


/** Every clock of a ticket, oldest first, with spent and remaining time as of `now`. */
export async function readDeadlines(repos: Repositories, ticketId: string, now: string): Promise<DeadlineView[]> {
  const [ref, deadlines] = await Promise.all([repos.reference(), repos.deadlines.forTicket(ticketId)]);
  return deadlines.map((d) => presentDeadline(d, ref.calendars, Date.parse(now)));
}
