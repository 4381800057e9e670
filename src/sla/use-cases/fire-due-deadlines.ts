import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { sweepDue } from '../../app/sweep-due.js';
import { aboutTicket, newNotifications } from '../../notifications/domain/notification.js';
import { newId } from '../../platform/ids.js';
import type { Ticket, TicketPatch } from '../../tickets/domain/ticket.js';
import { recordStep } from '../../tickets/use-cases/ticket-command.js';
import { fireDue, isCurrent, summarise, type Deadline, type Firing } from '../domain/deadline.js';
import { audienceOf, planFiring, type FiringPlan, type RecipientFacts } from '../domain/escalation.js';
import type { Recipient } from '../domain/sla-policy.js';

export interface SweepResult {
  tickets: number;
  firings: number;
  /** Tickets whose firing failed; they are tried again on the next sweep. */
  failures: Array<{ ticketId: string; error: unknown }>;
}

/**
 * Fires every warning, breach and escalation level due by now, each exactly once: a ticket's
 * clocks are read after its row is locked, and a milestone is marked fired in the same
 * transaction as its event. Runs until nothing is due, so a start after downtime catches up.
 */
export async function fireDueDeadlines(ctx: UseCaseContext, batchSize = 500): Promise<SweepResult> {
  const { done, failures } = await sweepDue(ctx, (repos, now) => repos.deadlines.ticketsDue(now, batchSize), fireForTicket);
  return { tickets: done.length, firings: done.reduce((sum, n) => sum + n, 0), failures };
}

/** Fires what is due on one ticket; null when nothing was (another sweeper holds the ticket right now, or a change moved its clocks). */
async function fireForTicket(repos: Repositories, ticketId: string, now: string): Promise<number | null> {
  let ticket = await repos.tickets.lockForSweep(ticketId);
  if (!ticket) return null;
  const nowMs = Date.parse(now);
  const ref = await repos.reference();
  const firings: Array<{ deadline: Deadline; firing: Firing }> = [];
  const clocks = await repos.deadlines.forTicket(ticketId);
  for (const [i, d] of clocks.entries()) {
    if (d.nextFireAt === null || d.nextFireAt > now) continue;
    const fired = fireDue(d, ref.calendars.compile(d.calendarId), nowMs);
    await repos.deadlines.update(fired.deadline);
    clocks[i] = fired.deadline;
    for (const firing of fired.firings) firings.push({ deadline: fired.deadline, firing });
  }
  // The first event saves the ticket with its new state (warned, breached) for list filters.
  const summary = summarise(clocks);
  if (firings.length === 0 && (summary.slaDueAt !== ticket.slaDueAt || summary.slaState !== ticket.slaState)) {
    // Only moved (its calendar changed): the lists' due time follows, with nothing to record.
    await repos.tickets.saveSlaSummary(ticket.id, summary);
  }
  ticket = { ...ticket, ...summary };
  firings.sort((a, b) => (a.firing.dueAt < b.firing.dueAt ? -1 : a.firing.dueAt > b.firing.dueAt ? 1 : 0));
  for (const { deadline, firing } of firings) {
    const plan = planFiring(deadline, firing, {
      status: ticket.status,
      departmentId: ticket.departmentId,
      difficultCaseDepartmentId: ref.settings.difficultCaseDepartmentId,
    });
    ticket = await recordStep(repos, ticket, { patch: await patchFor(repos, ticket, plan), type: plan.eventType, data: plan.data }, null, now);
    // The status as this firing left it: an escalation that moved the ticket back into handling ended the wait for the reply.
    const awaitingReply = (ticket.status === 'handled' || ticket.status === 'replied') && clocks.some((d) => d.target === 'reply' && isCurrent(d));
    const recipients = await recipientIds(repos, ticket, plan.recipients, { dispatchDepartmentId: ref.settings.dispatchDepartmentId, awaitingReply });
    // Whoever a firing calls on must be able to open the ticket, whichever department holds it now.
    for (const userId of new Set(recipients)) if (userId) await repos.tickets.addParticipant(ticket.id, userId);
    await repos.notifications.insertMany(
      newNotifications(recipients, { ticket: aboutTicket(ticket), kind: plan.eventType, data: { number: ticket.number, ...plan.data } }, now, newId),
    );
  }
  return firings.length > 0 ? firings.length : null;
}

async function patchFor(repos: Repositories, ticket: Ticket, plan: FiringPlan): Promise<TicketPatch> {
  const patch: TicketPatch = {};
  const { change } = plan;
  if (change.priorityId && change.priorityId !== ticket.priorityId) {
    const priority = (await repos.reference()).priorities.find(change.priorityId);
    if (priority) Object.assign(patch, { priorityId: priority.id, priorityRank: priority.rank });
  }
  const departmentId = change.departmentId ?? ticket.departmentId;
  const moves = change.departmentId !== undefined && change.departmentId !== ticket.departmentId;
  const reassigns = change.assigneeId !== undefined && change.assigneeId !== ticket.assigneeId;
  if (departmentId && (moves || reassigns)) {
    Object.assign(patch, { departmentId, assigneeId: change.assigneeId ?? null, status: 'pending' });
  }
  return patch;
}

/**
 * The people a firing tells, as user ids (duplicates are dropped by newNotifications). Who the
 * recipients are on this ticket is the domain's rule (`audienceOf`: in the dispatch queue, the
 * people who dispatch); here they are looked up.
 */
async function recipientIds(
  repos: Repositories,
  ticket: Ticket,
  recipients: readonly Recipient[],
  callCentre: Pick<RecipientFacts, 'dispatchDepartmentId' | 'awaitingReply'>,
): Promise<string[]> {
  const facts: RecipientFacts = { assigneeId: ticket.assigneeId, departmentId: ticket.departmentId, createdBy: ticket.createdBy, ...callCentre };
  const supervisorsOf = async (departmentId: string) =>
    (await repos.users.list({ departmentId, role: 'supervisor', active: true })).map((u) => u.id);
  const ids: string[] = [];
  for (const who of audienceOf(recipients, facts)) {
    switch (who.kind) {
      case 'user':
        ids.push(who.userId);
        break;
      case 'supervisorsOf':
        ids.push(...(await supervisorsOf(who.departmentId)));
        break;
      case 'supervisorsOfUser': {
        const user = await repos.users.findById(who.userId);
        for (const departmentId of user?.departmentIds ?? []) ids.push(...(await supervisorsOf(departmentId)));
        break;
      }
    }
  }
  return ids;
}
