import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { FieldValue } from '../../catalog/domain/service-item-form.js';
import { readJson, writeJson } from '../../platform/db/database.js';
import type { DB, TicketsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { Channel } from '../domain/channels.js';
import type { VisibilityScope } from '../domain/ticket-access.js';
import { isTicketNumber } from '../domain/ticket-number.js';
import type { TicketStatus } from '../domain/ticket-state-machine.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';
import { NO_DUE_TIME, type Ticket } from '../domain/ticket.js';
import { selectTicketViews, toTicketView, type TicketView } from './ticket-view.js';

export const SORT_KEYS = ['createdAt', 'updatedAt', 'priority', 'dueAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Keyset columns per sort: the last one is always the id, so every row has a unique position. */
const SORT_COLUMNS = {
  createdAt: ['t.created_at', 't.id'],
  updatedAt: ['t.updated_at', 't.id'],
  priority: ['t.priority_rank', 't.created_at', 't.id'],
  dueAt: ['t.sla_due_at', 't.id'],
} as const;
type SortColumn = (typeof SORT_COLUMNS)[SortKey][number];

export interface TicketListQuery {
  statuses?: TicketStatus[];
  departmentIds?: string[];
  assigneeIds?: string[];
  unassigned?: boolean;
  categoryIds?: string[];
  serviceItemIds?: string[];
  priorityIds?: string[];
  channels?: string[];
  customerIds?: string[];
  /** Only tickets whose creator has one of these roles now (the reveal's rule, customers/domain/privacy). */
  creatorRoles?: readonly string[];
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** Only tickets whose service item needs a customer reply. */
  needsReply?: boolean;
  slaStates?: SlaSummaryState[];
  /** Only tickets the full-text index matches (a condition on `t.id` built by the search module). */
  textMatch?: Expression<SqlBool>;
  /** Only tickets with a running time-limit clock (a due time), or only those without. */
  dueTime?: 'running' | 'none';
  sort: { key: SortKey; direction: 'asc' | 'desc' };
  limit: number;
  /** The sort values of the last row of the previous page. */
  after?: ReadonlyArray<string | number>;
}

export type TicketsEb = ExpressionBuilder<DB & { t: TicketsTable }, 't'>;

export class TicketsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(ticket: Ticket): Promise<void> {
    await this.ctx.db.insertInto('tickets').values(toRow(ticket)).execute();
  }

  /** Waiting tickets whose resume time has come, soonest first (the partial index `tickets_wait_until`). */
  async waitsDue(now: string, limit: number): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('tickets')
      .select('id')
      .where('wait_until', 'is not', null)
      .where('wait_until', '<=', now)
      .orderBy('wait_until')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Loads and locks a ticket for the time-limit sweeper; on PostgreSQL a ticket another
   * transaction holds is skipped (null) instead of waited for, so parallel sweepers share the work.
   */
  /**
   * The list summary of the ticket's clocks (next due time, worst state), when only the clocks
   * moved (their calendar changed): derived data, so no event and no new version.
   */
  async saveSlaSummary(id: string, summary: Pick<Ticket, 'slaDueAt' | 'slaState'>): Promise<void> {
    await this.ctx.db.updateTable('tickets').set({ sla_due_at: summary.slaDueAt, sla_state: summary.slaState }).where('id', '=', id).execute();
  }

  async lockForSweep(id: string): Promise<Ticket | null> {
    let query = this.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id);
    if (this.ctx.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const row = await query.executeTakeFirst();
    return row ? toTicket(row) : null;
  }

  /** Loads a ticket by internal id or number; inside a write on PostgreSQL the row is locked until commit. */
  async findByRef(ref: string, lock = false): Promise<Ticket | null> {
    let query = this.ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where(isTicketNumber(ref) ? 'number' : 'id', '=', isTicketNumber(ref) ? ref.toUpperCase() : ref);
    if (lock && this.ctx.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toTicket(row) : null;
  }

  /** Writes the new state only if nobody changed the ticket since `expectedVersion` was read. */
  async saveIfVersion(ticket: Ticket, expectedVersion: number): Promise<boolean> {
    const { id: _id, number: _number, created_at: _created, created_by: _by, ...changes } = toRow(ticket);
    const result = await this.ctx.db
      .updateTable('tickets')
      .set(changes)
      .where('id', '=', ticket.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async isParticipant(ticketId: string, userId: string): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('ticket_participants')
      .select('ticket_id')
      .where('ticket_id', '=', ticketId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addParticipant(ticketId: string, userId: string): Promise<void> {
    await this.ctx.db
      .insertInto('ticket_participants')
      .values({ ticket_id: ticketId, user_id: userId })
      .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
      .execute();
  }

  /** Takes the next number of the day atomically; concurrent creates never share one. */
  async nextSequence(day: string): Promise<number> {
    const row = await this.ctx.db
      .insertInto('ticket_counters')
      .values({ day, last_value: 1 })
      .onConflict((oc) =>
        oc.column('day').doUpdateSet((eb) => ({ last_value: eb('ticket_counters.last_value', '+', 1) })),
      )
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return Number(row.last_value);
  }

  async findView(id: string): Promise<TicketView | null> {
    const row = await selectTicketViews(this.ctx.db).where('t.id', '=', id).executeTakeFirst();
    return row ? toTicketView(row) : null;
  }

  /** One page of tickets visible in `scope` matching the query; fetches one extra row to tell if more follow. */
  async list(query: TicketListQuery, scope: VisibilityScope): Promise<{ items: TicketView[]; more: boolean }> {
    if (query.sort.key === 'dueAt') return this.listByDueTime(query, scope);
    const rows = await this.page(query, scope, SORT_COLUMNS[query.sort.key], query.sort.direction, query.after, query.limit + 1);
    return { items: rows.slice(0, query.limit).map(toTicketView), more: rows.length > query.limit };
  }

  /**
   * A due-time order lists the running clocks first, most urgent first (or last, descending), then
   * the tickets without one (paused while waiting, or none left), oldest first: sorting must not
   * hide a waiting ticket from a list it belongs to. Two walks, each along an index.
   */
  private async listByDueTime(query: TicketListQuery, scope: VisibilityScope): Promise<{ items: TicketView[]; more: boolean }> {
    const inSecondPart = query.after?.[0] === NO_DUE_TIME;
    const rows = inSecondPart
      ? []
      : await this.page({ ...query, dueTime: 'running' }, scope, SORT_COLUMNS.dueAt, query.sort.direction, query.after, query.limit + 1);
    if (rows.length <= query.limit) {
      const after = inSecondPart ? query.after!.slice(1) : undefined;
      rows.push(...(await this.page({ ...query, dueTime: 'none' }, scope, SORT_COLUMNS.createdAt, 'asc', after, query.limit + 1 - rows.length)));
    }
    return { items: rows.slice(0, query.limit).map(toTicketView), more: rows.length > query.limit };
  }

  private async page(
    query: TicketListQuery,
    scope: VisibilityScope,
    columns: readonly SortColumn[],
    direction: 'asc' | 'desc',
    after: ReadonlyArray<string | number> | undefined,
    limit: number,
  ) {
    let q = selectTicketViews(this.ctx.db).where((eb) => eb.and(filters(eb as unknown as TicketsEb, query, scope)));
    if (after) {
      // Row-value comparison "(a, b) > (x, y)": both dialects use the sort index for it.
      const op = sql.raw(direction === 'asc' ? '>' : '<');
      const left = sql.join(columns.map((c) => sql.ref(c)));
      const right = sql.join(after.slice(0, columns.length).map((v) => sql`${v}`));
      q = q.where(sql<SqlBool>`(${left}) ${op} (${right})`);
    }
    for (const column of columns) q = q.orderBy(column, direction);
    return q.limit(limit).execute();
  }

  /**
   * How many tickets visible in `scope` match the query (the same WHERE as `list`), counting at
   * most `cap` + 1 rows so that a filter matching a million tickets costs no more than one matching `cap`.
   */
  async count(query: TicketListQuery, scope: VisibilityScope, cap: number): Promise<{ count: number; capped: boolean }> {
    const matching = this.ctx.db
      .selectFrom('tickets as t')
      .select('t.id')
      .where((eb) => eb.and(filters(eb as unknown as TicketsEb, query, scope)))
      .limit(cap + 1);
    const row = await this.ctx.db
      .selectFrom(matching.as('m'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    return { count: Math.min(n, cap), capped: n > cap };
  }
}

/** The sort values of a ticket, to continue a list after it. */
export function sortValues(view: TicketView, key: SortKey): Array<string | number> {
  if (key === 'createdAt') return [view.createdAt, view.id];
  if (key === 'updatedAt') return [view.updatedAt, view.id];
  if (key === 'dueAt') return view.sla.dueAt ? [view.sla.dueAt, view.id] : [NO_DUE_TIME, view.createdAt, view.id];
  return [view.priority.rank, view.createdAt, view.id];
}

export function filters(eb: TicketsEb, q: TicketListQuery, scope: VisibilityScope): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  // An explicit empty list matches nothing (e.g. a queue's statuses intersected with others).
  const inList = (column: `t.${keyof TicketsTable}`, values?: readonly string[]) => {
    if (values) where.push(values.length > 0 ? eb(column, 'in', [...values]) : sql<SqlBool>`1 = 0`);
  };
  inList('t.status', q.statuses);
  inList('t.department_id', q.departmentIds);
  inList('t.category_id', q.categoryIds);
  inList('t.service_item_id', q.serviceItemIds);
  inList('t.priority_id', q.priorityIds);
  inList('t.channel', q.channels);
  inList('t.sla_state', q.slaStates);
  if (q.dueTime === 'running') where.push(eb('t.sla_due_at', 'is not', null));
  // Not `is null`: SQLite would then walk the due-time index through every closed ticket to find
  // a handler's few waiting ones (70 ms at 100,000 tickets); the filters' own indexes find them.
  if (q.dueTime === 'none') where.push(sql<SqlBool>`coalesce(${sql.ref('t.sla_due_at')}, null) is null`);
  inList('t.customer_id', q.customerIds);
  if (q.creatorRoles) {
    const roles = [...q.creatorRoles];
    where.push(
      roles.length > 0
        ? eb.exists(eb.selectFrom('users as creator').select('creator.id').whereRef('creator.id', '=', 't.created_by').where('creator.role', 'in', roles))
        : sql<SqlBool>`1 = 0`,
    );
  }
  const assignee: Expression<SqlBool>[] = [];
  if (q.assigneeIds?.length) assignee.push(eb('t.assignee_id', 'in', q.assigneeIds));
  if (q.unassigned) assignee.push(eb('t.assignee_id', 'is', null));
  if (assignee.length > 0) where.push(eb.or(assignee));
  if (q.createdFrom) where.push(eb('t.created_at', '>=', q.createdFrom));
  if (q.createdTo) where.push(eb('t.created_at', '<', q.createdTo));
  if (q.updatedFrom) where.push(eb('t.updated_at', '>=', q.updatedFrom));
  if (q.updatedTo) where.push(eb('t.updated_at', '<', q.updatedTo));
  if (q.needsReply !== undefined) {
    where.push(
      eb.exists(
        eb
          .selectFrom('service_items as si')
          .select('si.id')
          .whereRef('si.id', '=', 't.service_item_id')
          .where('si.needs_reply', '=', q.needsReply ? 1 : 0),
      ),
    );
  }
  if (q.textMatch) where.push(q.textMatch);
  if (!scope.everything) where.push(visibleTo(eb, scope));
  return where;
}

function visibleTo(eb: TicketsEb, scope: Extract<VisibilityScope, { everything: false }>): Expression<SqlBool> {
  const clauses: Expression<SqlBool>[] = [
    eb('t.assignee_id', '=', scope.userId),
    eb.exists(
      eb
        .selectFrom('ticket_participants as tp')
        .select('tp.ticket_id')
        .whereRef('tp.ticket_id', '=', 't.id')
        .where('tp.user_id', '=', scope.userId),
    ),
  ];
  if (scope.departmentIds.length > 0) clauses.push(eb('t.department_id', 'in', [...scope.departmentIds]));
  if (scope.includeCreatedByMe) clauses.push(eb('t.created_by', '=', scope.userId));
  if (scope.statuses.length > 0) clauses.push(eb('t.status', 'in', [...scope.statuses]));
  return eb.or(clauses);
}

function toRow(t: Ticket): TicketsTable {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    description: t.description,
    status: t.status,
    category_id: t.categoryId,
    service_item_id: t.serviceItemId,
    priority_id: t.priorityId,
    priority_rank: t.priorityRank,
    channel: t.channel,
    customer_id: t.customerId,
    department_id: t.departmentId,
    assignee_id: t.assigneeId,
    created_by: t.createdBy,
    fields: writeJson(t.fields),
    result: t.result,
    needs_triage: t.needsTriage ? 1 : 0,
    merged_into_id: t.mergedIntoId,
    version: t.version,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    closed_at: t.closedAt,
    sla_due_at: t.slaDueAt,
    sla_state: t.slaState,
    wait_until: t.waitUntil,
  };
}

export function toTicket(row: TicketsTable): Ticket {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    status: row.status as TicketStatus,
    categoryId: row.category_id,
    serviceItemId: row.service_item_id,
    priorityId: row.priority_id,
    priorityRank: row.priority_rank,
    channel: row.channel as Channel,
    customerId: row.customer_id,
    departmentId: row.department_id,
    assigneeId: row.assignee_id,
    createdBy: row.created_by,
    fields: readJson<Record<string, FieldValue>>(row.fields, {}),
    result: row.result,
    needsTriage: row.needs_triage === 1,
    mergedIntoId: row.merged_into_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    slaDueAt: row.sla_due_at,
    slaState: row.sla_state as SlaSummaryState | null,
    waitUntil: row.wait_until,
  };
}
