import { readJson, writeJson } from '../../platform/db/database.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { TicketStatus } from '../domain/ticket-state-machine.js';
import type { TicketEvent, TicketEventType } from '../domain/ticket.js';

/** A timeline entry with its actor's and departments' names, as the timeline shows it. */
export interface TicketEventView extends TicketEvent {
  actor: { id: string; username: string; displayName: string } | null;
}

/** Events are only ever inserted: there is no update or delete here by design. */
export class TicketEventsRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Appends events in one statement (a new ticket records several at once). */
  async append(events: readonly TicketEvent[]): Promise<void> {
    await this.ctx.db
      .insertInto('ticket_events')
      .values(events.map((event) => ({
        id: event.id,
        ticket_id: event.ticketId,
        seq: event.seq,
        type: event.type,
        actor_id: event.actorId,
        at: event.at,
        from_status: event.fromStatus,
        to_status: event.toStatus,
        from_department_id: event.fromDepartmentId,
        to_department_id: event.toDepartmentId,
        from_assignee_id: event.fromAssigneeId,
        to_assignee_id: event.toAssigneeId,
        content: event.content,
        data: writeJson(event.data),
      })))
      .execute();
  }

  /** The data of the ticket's newest event of this type (null when it has none). */
  async latestDataOf(ticketId: string, type: TicketEventType): Promise<Record<string, unknown> | null> {
    const row = await this.ctx.db
      .selectFrom('ticket_events')
      .select('data')
      .where('ticket_id', '=', ticketId)
      .where('type', '=', type)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? readJson<Record<string, unknown>>(row.data, {}) : null;
  }

  /** The whole timeline of a ticket in order. */
  async listForTicket(ticketId: string): Promise<TicketEventView[]> {
    const rows = await this.ctx.db
      .selectFrom('ticket_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .selectAll('e')
      .select(['u.username as actor_username', 'u.display_name as actor_display_name'])
      .where('e.ticket_id', '=', ticketId)
      .orderBy('e.seq')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      seq: r.seq,
      type: r.type as TicketEventType,
      actorId: r.actor_id,
      at: r.at,
      fromStatus: r.from_status as TicketStatus | null,
      toStatus: r.to_status as TicketStatus | null,
      fromDepartmentId: r.from_department_id,
      toDepartmentId: r.to_department_id,
      fromAssigneeId: r.from_assignee_id,
      toAssigneeId: r.to_assignee_id,
      content: r.content,
      data: readJson<Record<string, unknown>>(r.data, {}),
      actor: r.actor_id ? { id: r.actor_id, username: r.actor_username!, displayName: r.actor_display_name! } : null,
    }));
  }
}
