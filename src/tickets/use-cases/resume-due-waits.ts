import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { sweepDue } from '../../app/sweep-due.js';
import { aboutTicket, newNotifications } from '../../notifications/domain/notification.js';
import { newId } from '../../platform/ids.js';
import { recordStep } from './ticket-command.js';

export interface ResumeResult {
  resumed: number;
  /** Tickets whose resume failed; they are tried again on the next sweep. */
  failures: Array<{ ticketId: string; error: unknown }>;
}

/**
 * Resumes every ticket whose wait (`wait {until}`) has run out, as 挂起到期 in a call centre: the
 * status goes back to in progress, its paused time limits run again, the timeline says it resumed
 * by itself, and the assignee is told. Each ticket is its own transaction and is re-read after its
 * row is locked, so a ticket resumed by hand meanwhile, or by another process, is left alone.
 */
export async function resumeDueWaits(ctx: UseCaseContext, batchSize = 500): Promise<ResumeResult> {
  const { done, failures } = await sweepDue(ctx, (repos, now) => repos.tickets.waitsDue(now, batchSize), resumeOne);
  return { resumed: done.length, failures };
}

/** Resumes one ticket; null when it no longer waits until now (resumed by hand, held by another process). */
async function resumeOne(repos: Repositories, ticketId: string, now: string): Promise<true | null> {
  const ticket = await repos.tickets.lockForSweep(ticketId);
  if (!ticket || ticket.status !== 'waiting' || ticket.waitUntil === null || ticket.waitUntil > now) return null;
  const until = ticket.waitUntil;
  // A wait parked without a time ran out the organisation's default: the assignee is told so, not that a promise fell due.
  const reminderHours = (await repos.events.latestDataOf(ticketId, 'ticket.waiting'))?.reminderHours;
  const byDefault = typeof reminderHours === 'number' ? { reminderHours } : {};
  const step = { patch: { status: 'in_progress' as const }, type: 'ticket.resumed' as const, data: { automatic: true, until, ...byDefault }, clocksAt: until };
  const after = await recordStep(repos, ticket, step, null, now);
  const data = { number: after.number, title: after.title, until, ...byDefault };
  await repos.notifications.insertMany(newNotifications([after.assigneeId], { ticket: aboutTicket(after), kind: 'ticket.wait_ended', data }, now, newId));
  return true;
}
