import { sql, type SqlBool } from 'kysely';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';
import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';

/** A ticket in a customer's history: its own columns only; reference data is resolved from the cached snapshot. */
export interface CustomerTicketRow {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  channel: string;
  categoryId: string;
  serviceItemId: string;
  priorityId: string;
  departmentId: string | null;
  assignee: { id: string; username: string; displayName: string } | null;
  createdBy: string;
  /** Whether the user named in the query took part in it (they keep seeing it); false when none was named. */
  participated: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  slaState: SlaSummaryState | null;
  slaDueAt: string | null;
}

/**
 * The customer view's read model over tickets: a customer's tickets newest first, through the
 * (customer_id, created_at) index, without the eight-table join of the ticket view, which would
 * cost a screen pop most of its time.
 */
export class CustomerTicketsRepository {
  constructor(private readonly ctx: DbContext) {}

  async history(
    customerId: string,
    options: { statuses?: readonly TicketStatus[]; limit: number; before?: readonly [string, string]; participant?: string },
  ): Promise<CustomerTicketRow[]> {
    const participant = options.participant;
    let q = this.ctx.db
      .selectFrom('tickets as t')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .select([
        't.id',
        't.number',
        't.title',
        't.status',
        't.channel',
        't.category_id',
        't.service_item_id',
        't.priority_id',
        't.department_id',
        't.assignee_id',
        't.created_by',
        't.created_at',
        't.updated_at',
        't.closed_at',
        't.sla_state',
        't.sla_due_at',
        'a.username as a_username',
        'a.display_name as a_display_name',
        // One primary-key probe per row; the (user_id) index would walk all of a busy agent's tickets.
        (eb) =>
          (participant
            ? eb.exists(eb.selectFrom('ticket_participants as tp').select('tp.ticket_id').whereRef('tp.ticket_id', '=', 't.id').where('tp.user_id', '=', participant))
            : eb.lit(false)
          ).as('participated'),
      ])
      .where('t.customer_id', '=', customerId);
    if (options.statuses) q = q.where('t.status', 'in', [...options.statuses]);
    if (options.before) {
      const [createdAt, id] = options.before;
      q = q.where(sql<SqlBool>`(${sql.ref('t.created_at')}, ${sql.ref('t.id')}) < (${createdAt}, ${id})`);
    }
    const rows = await q.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      status: r.status as TicketStatus,
      channel: r.channel,
      categoryId: r.category_id,
      serviceItemId: r.service_item_id,
      priorityId: r.priority_id,
      departmentId: r.department_id,
      assignee: r.assignee_id && r.a_username ? { id: r.assignee_id, username: r.a_username, displayName: r.a_display_name! } : null,
      createdBy: r.created_by,
      participated: Boolean(r.participated),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      closedAt: r.closed_at,
      slaState: r.sla_state as SlaSummaryState | null,
      slaDueAt: r.sla_due_at,
    }));
  }
}
