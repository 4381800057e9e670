import { readJson, writeJson } from '../../platform/db/database.js';
import type { TicketDeadlinesTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { Deadline, DeadlineSpec, DeadlineStatus } from '../domain/deadline.js';
import type { SlaTarget } from '../domain/sla-policy.js';

/** The clocks tickets run against: one row per clock, kept after it ends as the record of the step. */
export class DeadlinesRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Every clock of a ticket, oldest first (a ticket has a handful; steps add one per department). */
  async forTicket(ticketId: string): Promise<Deadline[]> {
    const rows = await this.ctx.db
      .selectFrom('ticket_deadlines')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    return rows.map(toDeadline);
  }

  async findById(id: string): Promise<Deadline | null> {
    const row = await this.ctx.db.selectFrom('ticket_deadlines').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDeadline(row) : null;
  }

  async insert(deadlines: readonly Deadline[]): Promise<void> {
    if (deadlines.length === 0) return;
    await this.ctx.db.insertInto('ticket_deadlines').values(deadlines.map(toRow)).execute();
  }

  async update(deadline: Deadline): Promise<void> {
    const { id, ticket_id: _ticket, target: _target, ...changes } = toRow(deadline);
    await this.ctx.db.updateTable('ticket_deadlines').set(changes).where('id', '=', id).execute();
  }

  /**
   * Tickets with a milestone due by `now`, most overdue first. On PostgreSQL the rows are
   * locked and skipped by other sweepers until this transaction ends, so two processes never
   * pick the same ticket.
   */
  /**
   * After a calendar changed how it counts: its running clocks fall due for the sweeper now, which
   * recomputes their due times and fires what the change brought forward, in batches, ticket by
   * ticket, instead of one transaction over every open ticket.
   */
  async rescheduleOnCalendar(calendarId: string, now: string): Promise<void> {
    await this.ctx.db
      .updateTable('ticket_deadlines')
      .set({ next_fire_at: now })
      .where('calendar_id', '=', calendarId)
      .where('status', '=', 'running')
      .execute();
  }

  async ticketsDue(now: string, limit: number): Promise<string[]> {
    let query = this.ctx.db
      .selectFrom('ticket_deadlines')
      .select(['ticket_id'])
      .where('next_fire_at', '<=', now)
      .orderBy('next_fire_at')
      .limit(limit);
    if (this.ctx.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    return [...new Set(rows.map((r) => r.ticket_id))];
  }

  /** How many milestones are due by `now` (for the sweeper's progress and the benchmark). */
  async countDue(now: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('ticket_deadlines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('next_fire_at', '<=', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(d: Deadline): TicketDeadlinesTable {
  return {
    id: d.id,
    ticket_id: d.ticketId,
    target: d.target,
    policy_id: d.policyId,
    calendar_id: d.calendarId,
    department_id: d.departmentId,
    spec: writeJson(d.spec),
    status: d.status,
    budget_ms: d.budgetMs,
    consumed_ms: d.consumedMs,
    running_since: d.runningSince,
    started_at: d.startedAt,
    due_at: d.dueAt,
    completed_at: d.completedAt,
    warned_at: d.warnedAt,
    breached_at: d.breachedAt,
    warnings_fired: d.warningsFired,
    escalations_fired: d.escalationsFired,
    extensions: d.extensions,
    next_fire_at: d.nextFireAt,
    due_not_before: d.dueNotBefore,
  };
}

function toDeadline(row: TicketDeadlinesTable): Deadline {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    target: row.target as SlaTarget,
    policyId: row.policy_id,
    calendarId: row.calendar_id,
    departmentId: row.department_id,
    spec: readJson<DeadlineSpec>(row.spec, { warnAt: { percent: [], minutesBefore: [] }, notify: [], pauseWhileWaiting: true, escalation: [] }),
    status: row.status as DeadlineStatus,
    budgetMs: Number(row.budget_ms),
    consumedMs: Number(row.consumed_ms),
    runningSince: row.running_since,
    startedAt: row.started_at,
    dueAt: row.due_at,
    completedAt: row.completed_at,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
    warningsFired: row.warnings_fired,
    escalationsFired: row.escalations_fired,
    extensions: row.extensions,
    nextFireAt: row.next_fire_at,
    dueNotBefore: row.due_not_before,
  };
}
