import type { DbContext } from '../../platform/db/unit-of-work.js';
import { isNotificationKind } from '../../notifications/domain/notification.js';
import { toNotification } from '../../notifications/persistence/notifications-repository.js';
import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import type { LiveNotification, TicketChange } from '../domain/live-audience.js';

/** A ticket event as the feed reads it; who took part in its ticket is read after, for new events only. */
export type TicketEventChange = Omit<TicketChange, 'participantIds'>;

/**
 * What the change feed reads each tick: ticket events and notifications whose (UUIDv7, so
 * time-ordered) id is above a bound, through the primary keys; the participants of the tickets
 * that changed; and the unread counts of the recipients. One query each for every connection of
 * the process together.
 */
export class LiveFeedRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Ticket events with an id above `afterId`, oldest first, at most `limit`. */
  async eventsAfter(afterId: string, limit: number): Promise<TicketEventChange[]> {
    const rows = await this.ctx.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select([
        'e.id',
        'e.ticket_id',
        'e.seq',
        'e.at',
        'e.actor_id',
        'e.from_status',
        'e.to_status',
        'e.from_department_id',
        'e.to_department_id',
        'e.from_assignee_id',
        'e.to_assignee_id',
        't.number',
        't.status',
        't.created_by',
      ])
      .where('e.id', '>', afterId)
      .orderBy('e.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      eventId: r.id,
      ticketId: r.ticket_id,
      number: r.number,
      version: r.seq,
      fromStatus: r.from_status as TicketStatus | null,
      // Events always record the status they led to; the ticket's own is a fallback for old rows.
      status: (r.to_status ?? r.status) as TicketStatus,
      fromDepartmentId: r.from_department_id,
      departmentId: r.to_department_id,
      at: r.at,
      userIds: [r.actor_id, r.from_assignee_id, r.to_assignee_id, r.created_by].filter((id): id is string => id !== null),
      createdBy: r.created_by,
    }));
  }

  /**
   * Who took part in each of these tickets, through the participants' primary key (ticket, user):
   * a short range read per ticket, and only when there are new events.
   */
  async participantsOf(ticketIds: readonly string[]): Promise<Map<string, string[]>> {
    const participants = new Map<string, string[]>();
    if (ticketIds.length === 0) return participants;
    const rows = await this.ctx.db.selectFrom('ticket_participants').select(['ticket_id', 'user_id']).where('ticket_id', 'in', [...ticketIds]).execute();
    for (const r of rows) participants.set(r.ticket_id, [...(participants.get(r.ticket_id) ?? []), r.user_id]);
    return participants;
  }

  /** Notifications with an id above `afterId`, oldest first, at most `limit`. */
  async notificationsAfter(afterId: string, limit: number): Promise<LiveNotification[]> {
    const rows = await this.ctx.db.selectFrom('notifications').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.filter((r) => isNotificationKind(r.kind)).map(toNotification);
  }

  /** Unread notifications per user, for the given users (one grouped query). */
  async unreadCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.ctx.db
      .selectFrom('notifications')
      .select((eb) => ['user_id', eb.fn.countAll<number | string>().as('count')])
      .where('user_id', 'in', [...userIds])
      .where('read_at', 'is', null)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.count)]));
  }
}
