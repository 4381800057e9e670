import { readJson, writeJson } from '../db/database.js';
import type { DbContext } from '../db/unit-of-work.js';

export interface OutboxMessage {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Side effects are recorded in the same transaction as the change that causes them, then sent by the worker. */
export class OutboxRepository {
  constructor(private readonly ctx: DbContext) {}

  async enqueue(messages: ReadonlyArray<{ topic: string; payload: Record<string, unknown> }>, at: string): Promise<void> {
    if (messages.length === 0) return;
    await this.ctx.db
      .insertInto('outbox')
      .values(messages.map((m) => ({ topic: m.topic, payload: writeJson(m.payload), created_at: at, available_at: at, attempts: 0 })))
      .execute();
  }

  /**
   * Takes up to `limit` due messages and hides them for `leaseMs`, so that another worker
   * does not take them meanwhile. On PostgreSQL concurrent workers skip each other's rows.
   */
  async lease(now: string, leaseUntil: string, limit: number): Promise<OutboxMessage[]> {
    let query = this.ctx.db
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload', 'attempts'])
      .where('processed_at', 'is', null)
      .where('available_at', '<=', now)
      .orderBy('id')
      .limit(limit);
    if (this.ctx.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length === 0) return [];
    await this.ctx.db
      .updateTable('outbox')
      .set((eb) => ({ available_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      topic: r.topic,
      payload: readJson<Record<string, unknown>>(r.payload, {}),
      attempts: r.attempts + 1,
    }));
  }

  async markDone(ids: readonly number[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.ctx.db.updateTable('outbox').set({ processed_at: at, last_error: null }).where('id', 'in', [...ids]).execute();
  }

  async markFailed(id: number, error: string, retryAt: string): Promise<void> {
    await this.ctx.db
      .updateTable('outbox')
      .set({ last_error: error.slice(0, 2000), available_at: retryAt })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Deletes up to `limit` messages delivered before `before`, oldest first; undelivered ones stay
   * however old they are. On PostgreSQL rows another purge holds are skipped, never waited for.
   */
  async purgeDelivered(before: string, limit: number): Promise<number> {
    const delivered = this.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('processed_at', '<', before)
      .orderBy('processed_at')
      .limit(limit)
      .$if(this.ctx.dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
    const result = await this.ctx.db.deleteFrom('outbox').where('id', 'in', delivered).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async pendingCount(): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('processed_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
