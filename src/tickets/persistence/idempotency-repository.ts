import type { DbContext } from '../../platform/db/unit-of-work.js';

/** Remembers which ticket a client's Idempotency-Key produced, so a retried create returns it. */
export class IdempotencyRepository {
  constructor(private readonly ctx: DbContext) {}

  async find(userId: string, key: string): Promise<{ requestHash: string; ticketId: string } | null> {
    const row = await this.ctx.db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'ticket_id'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { requestHash: row.request_hash, ticketId: row.ticket_id } : null;
  }

  async insert(entry: { userId: string; key: string; requestHash: string; ticketId: string; at: string }): Promise<void> {
    await this.ctx.db
      .insertInto('idempotency_keys')
      .values({
        user_id: entry.userId,
        key: entry.key,
        request_hash: entry.requestHash,
        ticket_id: entry.ticketId,
        created_at: entry.at,
      })
      .execute();
  }

  /** Forgets up to `limit` keys recorded before `before`, oldest first: a retry after that makes a new ticket. */
  async purgeOlderThan(before: string, limit: number): Promise<number> {
    const old = this.ctx.db
      .selectFrom('idempotency_keys')
      .select(['user_id', 'key'])
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .$asTuple('user_id', 'key');
    const result = await this.ctx.db
      .deleteFrom('idempotency_keys')
      .where((eb) => eb(eb.refTuple('user_id', 'key'), 'in', old))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
