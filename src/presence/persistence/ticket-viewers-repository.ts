import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { TicketViewer } from '../domain/ticket-viewer.js';

/** A viewer as answered to others: who, and since when. */
export interface ViewerView {
  user: { id: string; username: string; displayName: string };
  since: string;
  lastSeen: string;
}

/**
 * The `ticket_viewers` table: one row per (ticket, user), renewed by each heartbeat. Kept in the
 * database (not in process memory) so that every server process behind a load balancer sees the
 * same viewers.
 */
export class TicketViewersRepository {
  constructor(private readonly ctx: DbContext) {}

  async find(ticketId: string, userId: string): Promise<TicketViewer | null> {
    const row = await this.ctx.db
      .selectFrom('ticket_viewers')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? { ticketId: row.ticket_id, userId: row.user_id, since: row.since, lastSeen: row.last_seen } : null;
  }

  /** Inserts or renews the entry; two tabs of one person share it. */
  async save(viewer: TicketViewer): Promise<void> {
    await this.ctx.db
      .insertInto('ticket_viewers')
      .values({ ticket_id: viewer.ticketId, user_id: viewer.userId, since: viewer.since, last_seen: viewer.lastSeen })
      .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doUpdateSet({ since: viewer.since, last_seen: viewer.lastSeen }))
      .execute();
  }

  /** The people whose last heartbeat on the ticket is at or after `cutoff`, but one, longest viewing first. */
  async activeOthers(ticketId: string, exceptUserId: string, cutoff: string): Promise<ViewerView[]> {
    const rows = await this.ctx.db
      .selectFrom('ticket_viewers as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .select(['u.id', 'u.username', 'u.display_name', 'v.since', 'v.last_seen'])
      .where('v.ticket_id', '=', ticketId)
      .where('v.user_id', '<>', exceptUserId)
      .where('v.last_seen', '>=', cutoff)
      .orderBy('v.since')
      .orderBy('u.id')
      .execute();
    return rows.map((r) => ({ user: { id: r.id, username: r.username, displayName: r.display_name }, since: r.since, lastSeen: r.last_seen }));
  }

  /**
   * Removes the person's entry and the ticket's expired ones. Only leaving tidies up: a heartbeat
   * that deleted other people's rows could wait on their heartbeats and deadlock with them.
   */
  async leave(ticketId: string, userId: string, cutoff: string): Promise<void> {
    await this.ctx.db
      .deleteFrom('ticket_viewers')
      .where('ticket_id', '=', ticketId)
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('last_seen', '<', cutoff)]))
      .execute();
  }

  /**
   * Removes up to `limit` expired entries of any ticket: those of pages that never said goodbye
   * (a crashed tab, a laptop closed for the weekend). On PostgreSQL rows another transaction holds
   * are skipped, never waited for, so this cannot deadlock with heartbeats.
   */
  async purgeExpired(cutoff: string, limit: number): Promise<number> {
    const expired = this.ctx.db
      .selectFrom('ticket_viewers as e')
      .select(['e.ticket_id', 'e.user_id'])
      .where('e.last_seen', '<', cutoff)
      .limit(limit)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .$asTuple('ticket_id', 'user_id');
    const result = await this.ctx.db
      .deleteFrom('ticket_viewers')
      .where((eb) => eb(eb.refTuple('ticket_id', 'user_id'), 'in', expired))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
