import { sql } from 'kysely';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import {
  BOARD_STATUSES,
  DISPATCH_STATUSES,
  type DayCount,
  type OldestTicket,
  type StatusCount,
} from '../domain/board.js';

/**
 * The board's figures as grouped queries over `tickets` (and today's close events), so the
 * database does the counting and only a few dozen rows come back, however many tickets there are.
 * They count every department: a supervisor's scope is applied to these few rows by the domain
 * (shapeBoard), because a department filter in SQL turns SQLite's index searches into scans.
 */
export class BoardRepository {
  constructor(private readonly ctx: DbContext) {}

  /**
   * Open tickets per department and status, with how many are overdue (breached) and warned.
   * Two grouped queries: all open tickets through the status index, and the few overdue or
   * warned ones through the time-limit state index.
   */
  async openCounts(): Promise<StatusCount[]> {
    const [totals, states] = await Promise.all([
      this.ctx.db
        .selectFrom('tickets')
        .select((eb) => ['department_id', 'status', eb.fn.countAll<number | string>().as('count')])
        .where('status', 'in', [...BOARD_STATUSES])
        .groupBy(['department_id', 'status'])
        .execute(),
      this.ctx.db
        .selectFrom('tickets')
        .select((eb) => ['department_id', 'status', 'sla_state', eb.fn.countAll<number | string>().as('count')])
        .where('sla_state', 'in', ['breached', 'warned'])
        .where('status', 'in', [...BOARD_STATUSES])
        .groupBy(['department_id', 'status', 'sla_state'])
        .execute(),
    ]);
    const key = (departmentId: string | null, status: string) => `${departmentId ?? ''}\u0000${status}`;
    const counts = new Map<string, StatusCount>();
    for (const r of totals) {
      counts.set(key(r.department_id, r.status), { departmentId: r.department_id, status: r.status as TicketStatus, total: Number(r.count), overdue: 0, warned: 0 });
    }
    for (const r of states) {
      const count = counts.get(key(r.department_id, r.status));
      if (!count) continue; // changed between the two reads; the next refresh has it
      if (r.sla_state === 'breached') count.overdue = Number(r.count);
      else count.warned = Number(r.count);
    }
    return [...counts.values()];
  }

  /**
   * The oldest ticket waiting in each department's queue (pending), and the oldest awaiting
   * dispatch. The queue index (department_id, status, created_at, id) serves both.
   */
  async oldestWaiting(): Promise<OldestTicket[]> {
    const ranked = this.ctx.db
      .selectFrom('tickets')
      .select([
        'department_id',
        'status',
        'id',
        'number',
        'created_at',
        sql<number>`row_number() over (partition by ${sql.ref('department_id')} order by ${sql.ref('created_at')}, ${sql.ref('id')})`.as('rn'),
      ])
      .where('status', '=', 'pending')
;
    const [pending, dispatch] = await Promise.all([
      this.ctx.db.selectFrom(ranked.as('r')).selectAll().where('rn', '=', 1).execute(),
      this.ctx.db
        .selectFrom('tickets')
        .select(['department_id', 'status', 'id', 'number', 'created_at'])
        .where('status', 'in', [...DISPATCH_STATUSES])
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .execute(),
    ]);
    return [...pending, ...dispatch].map((r) => ({
      departmentId: r.department_id,
      status: r.status as TicketStatus,
      id: r.id,
      number: r.number,
      createdAt: r.created_at,
    }));
  }

  /**
   * Tickets closed since `from` and still closed, per department. Found through today's close
   * events (the events' time index), since `tickets.closed_at` has no index of its own; the
   * status is summed rather than filtered so that SQLite does not scan every closed ticket.
   */
  async closedSince(from: string): Promise<DayCount[]> {
    const closedToday = this.ctx.db
      .selectFrom('ticket_events')
      .select('ticket_id')
      .where('at', '>=', from)
      .where('to_status', '=', 'closed');
    const rows = await this.ctx.db
      .selectFrom('tickets')
      .select(['department_id', sql<number | string>`sum(case when ${sql.ref('status')} = 'closed' then 1 else 0 end)`.as('count')])
      .where('id', 'in', closedToday)
      .where('closed_at', '>=', from)
      .groupBy('department_id')
      .execute();
    return rows
      .map((r) => ({ departmentId: r.department_id, status: 'closed' as const, count: Number(r.count) }))
      .filter((r) => r.count > 0);
  }

  /** Tickets created since `from`, per department and current status; the subquery keeps SQLite on the creation-time index. */
  async createdSince(from: string): Promise<DayCount[]> {
    const createdToday = this.ctx.db.selectFrom('tickets as c').select('c.id').where('c.created_at', '>=', from);
    const rows = await this.ctx.db
      .selectFrom('tickets')
      .select((eb) => ['department_id', 'status', eb.fn.countAll<number | string>().as('count')])
      .where('id', 'in', createdToday)
      .groupBy(['department_id', 'status'])
      .execute();
    return rows.map((r) => ({ departmentId: r.department_id, status: r.status as TicketStatus, count: Number(r.count) }));
  }
}
