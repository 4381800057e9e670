import { sql, type SqlBool } from 'kysely';
import { readJson, writeJson } from '../../platform/db/database.js';
import type { NotificationsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import { isNotificationKind, type Notification, type NotificationData, type NotificationKind, type NotificationTicket } from '../domain/notification.js';

/** A position in the newest-first list: the last row of the previous page. */
export interface NotificationPosition {
  createdAt: string;
  id: string;
}

export interface NotificationListQuery {
  unreadOnly: boolean;
  limit: number;
  after?: NotificationPosition;
}

export class NotificationsRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Stores notifications in one multi-row insert; nothing to store, no statement. */
  async insertMany(notifications: readonly Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.ctx.db
      .insertInto('notifications')
      .values(
        notifications.map((n) => ({
          id: n.id,
          user_id: n.userId,
          ticket_id: n.ticket?.id ?? null,
          ticket_number: n.ticket?.number ?? null,
          ticket_title: n.ticket?.title ?? null,
          kind: n.kind,
          data: writeJson(n.data),
          created_at: n.createdAt,
          read_at: n.readAt,
        })),
      )
      .execute();
  }

  /**
   * One page of a user's notifications, newest first, ordered by (created_at, id) so that rows
   * sharing a time still have one position each; fetches one extra row to tell if more follow.
   */
  async list(userId: string, query: NotificationListQuery): Promise<{ items: Notification[]; more: boolean }> {
    let q = this.selectViews().where('n.user_id', '=', userId);
    if (query.unreadOnly) q = q.where('n.read_at', 'is', null);
    if (query.after) {
      // Row-value comparison: both dialects walk the (user_id, created_at, id) index from there.
      const { createdAt, id } = query.after;
      q = q.where(sql<SqlBool>`(${sql.ref('n.created_at')}, ${sql.ref('n.id')}) < (${createdAt}, ${id})`);
    }
    const rows = await q
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(query.limit + 1)
      .execute();
    return { items: rows.slice(0, query.limit).map(toNotification), more: rows.length > query.limit };
  }

  /** The user's own notification, or null when it does not exist or belongs to someone else. */
  async findForUser(userId: string, id: string): Promise<Notification | null> {
    const row = await this.selectViews().where('n.user_id', '=', userId).where('n.id', '=', id).executeTakeFirst();
    return row ? toNotification(row) : null;
  }

  async countUnread(userId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Marks the user's own unread notifications among `ids` read; answers how many changed. */
  async markRead(userId: string, ids: readonly string[], at: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.ctx.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('id', 'in', [...ids])
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Marks read, for everyone told, the unread notifications of one kind about a ticket whose data
   * names `dataKey: value` (the request a decision settled): nobody has anything left to do about
   * them. Those of `keepFor` stay unread (they still have it to do: a request that moved to a
   * department they also supervise); answers who of them has one.
   */
  async settle(ticketId: string, kind: string, dataKey: string, value: string, at: string, keepFor: readonly string[] = []): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'data'])
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', kind)
      .where('read_at', 'is', null)
      .execute();
    const matching = rows.filter((r) => readJson<NotificationData>(r.data, {})[dataKey] === value);
    const ids = matching.filter((r) => !keepFor.includes(r.user_id)).map((r) => r.id);
    if (ids.length > 0) await this.ctx.db.updateTable('notifications').set({ read_at: at }).where('id', 'in', ids).execute();
    return [...new Set(matching.filter((r) => keepFor.includes(r.user_id)).map((r) => r.user_id))];
  }

  /** Marks every unread notification of the user read; answers how many changed. */
  async markAllRead(userId: string, at: string): Promise<number> {
    const result = await this.ctx.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private selectViews() {
    return this.ctx.db.selectFrom('notifications as n').selectAll('n');
  }
}

/** A notification row as stored; shared with the live feed, which reads the same rows. */
export function toNotification(row: Omit<NotificationsTable, 'data'> & { data: unknown }): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    ticket: toTicket(row),
    kind: toKind(row.kind),
    data: readJson<NotificationData>(row.data, {}),
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

function toTicket(row: Pick<NotificationsTable, 'ticket_id' | 'ticket_number' | 'ticket_title'>): NotificationTicket | null {
  return row.ticket_id !== null && row.ticket_number !== null && row.ticket_title !== null
    ? { id: row.ticket_id, number: row.ticket_number, title: row.ticket_title }
    : null;
}

/** Kinds are written only from NOTIFICATION_KINDS; anything else means the table was edited by hand. */
function toKind(kind: string): NotificationKind {
  if (!isNotificationKind(kind)) throw new Error(`Unknown notification kind in the database: ${JSON.stringify(kind)}`);
  return kind;
}
