import type { ExtensionRequestsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { ExtensionRequest, ExtensionStatus } from '../domain/extension-request.js';
import type { SlaTarget } from '../domain/sla-policy.js';

export interface ExtensionListFilter {
  ticketId?: string;
  status?: ExtensionStatus;
  /** Requests on tickets these departments hold now, or made by `requestedBy` (what a supervisor or handler may see). */
  departmentIds?: readonly string[];
  requestedBy?: string;
  limit: number;
}

export class ExtensionRequestsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(request: ExtensionRequest): Promise<void> {
    await this.ctx.db.insertInto('extension_requests').values(toRow(request)).execute();
  }

  /** Loads a request; inside a write on PostgreSQL the row stays locked, so two supervisors cannot both decide it. */
  async findById(id: string, lock = false): Promise<ExtensionRequest | null> {
    let query = this.ctx.db.selectFrom('extension_requests').selectAll().where('id', '=', id);
    if (lock && this.ctx.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toRequest(row) : null;
  }

  async countPending(deadlineId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('extension_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deadline_id', '=', deadlineId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async decide(request: ExtensionRequest): Promise<void> {
    await this.ctx.db
      .updateTable('extension_requests')
      .set({ status: request.status, decided_by: request.decidedBy, decided_at: request.decidedAt, decision_reason: request.decisionReason })
      .where('id', '=', request.id)
      .execute();
  }

  /** The ticket's requests waiting for a decision (at most one per clock), oldest first. */
  async pendingOnTicket(ticketId: string): Promise<ExtensionRequest[]> {
    const rows = await this.ctx.db
      .selectFrom('extension_requests')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRequest);
  }

  /** Closes the requests still pending on clocks that just ended (there is nothing left to extend); answers their ids. */
  async lapsePending(ticketId: string, deadlineIds: readonly string[], at: string, reason: string): Promise<string[]> {
    const pending = await this.ctx.db
      .selectFrom('extension_requests')
      .select('id')
      // By ticket first (indexed): this runs whenever a step ends a clock, transfers and resolves included.
      .where('ticket_id', '=', ticketId)
      .where('deadline_id', 'in', [...deadlineIds])
      .where('status', '=', 'pending')
      .execute();
    const ids = pending.map((r) => r.id);
    if (ids.length > 0) {
      await this.ctx.db.updateTable('extension_requests').set({ status: 'lapsed', decided_at: at, decision_reason: reason }).where('id', 'in', ids).execute();
    }
    return ids;
  }

  /** Newest first. */
  async list(filter: ExtensionListFilter): Promise<Array<ExtensionRequest & { ticketNumber: string }>> {
    let query = this.ctx.db
      .selectFrom('extension_requests')
      .innerJoin('tickets', 'tickets.id', 'extension_requests.ticket_id')
      .selectAll('extension_requests')
      .select('tickets.number as ticket_number')
      .orderBy('extension_requests.created_at', 'desc')
      .orderBy('extension_requests.id', 'desc')
      .limit(filter.limit);
    if (filter.ticketId) query = query.where('extension_requests.ticket_id', '=', filter.ticketId);
    if (filter.status) query = query.where('extension_requests.status', '=', filter.status);
    if (filter.departmentIds || filter.requestedBy) {
      const departmentIds = [...(filter.departmentIds ?? [])];
      const requestedBy = filter.requestedBy;
      query = query.where((eb) =>
        eb.or([
          ...(departmentIds.length > 0 ? [eb('tickets.department_id', 'in', departmentIds)] : []),
          ...(requestedBy ? [eb('extension_requests.requested_by', '=', requestedBy)] : []),
          eb.lit(false),
        ]),
      );
    }
    return (await query.execute()).map((row) => ({ ...toRequest(row), ticketNumber: row.ticket_number }));
  }
}

function toRow(r: ExtensionRequest): ExtensionRequestsTable {
  return {
    id: r.id,
    ticket_id: r.ticketId,
    deadline_id: r.deadlineId,
    target: r.target,
    department_id: r.departmentId,
    requested_by: r.requestedBy,
    reason: r.reason,
    previous_due_at: r.previousDueAt,
    requested_until: r.requestedUntil,
    status: r.status,
    decided_by: r.decidedBy,
    decided_at: r.decidedAt,
    decision_reason: r.decisionReason,
    created_at: r.createdAt,
  };
}

function toRequest(row: ExtensionRequestsTable): ExtensionRequest {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    deadlineId: row.deadline_id,
    target: row.target as SlaTarget,
    departmentId: row.department_id,
    requestedBy: row.requested_by,
    reason: row.reason,
    previousDueAt: row.previous_due_at,
    requestedUntil: row.requested_until,
    status: row.status as ExtensionStatus,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
  };
}
