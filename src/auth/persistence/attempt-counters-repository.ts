import { sql } from 'kysely';
import type { DbContext } from '../../platform/db/unit-of-work.js';

/** A key's count in its current window, and when that window ends (ms since 1970). */
export interface AttemptCount {
  hits: number;
  resetAt: number;
}

/**
 * The counts behind the password-guessing limits (`attempt_counters`, migration 0016), shared by
 * every server on the database. Each statement is atomic on its own (an upsert locks its row on
 * PostgreSQL; SQLite has one writer), so they run outside any use case's transaction and commit
 * at once: a count held back until a longer transaction commits would let a burst through.
 */
export class AttemptCountersRepository {
  constructor(private readonly ctx: DbContext) {}

  /**
   * Counts one attempt for the key: starts a window of `windowMs` if there is none or it has
   * ended, and answers the count in the window, this attempt included.
   */
  async hit(keyHash: string, windowMs: number, now: number): Promise<AttemptCount> {
    const resetAt = now + windowMs;
    const row = await this.ctx.db
      .insertInto('attempt_counters')
      .values({ key_hash: keyHash, hits: 1, reset_at: resetAt })
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({
          // Both read the row as it was: a window that has ended starts again with this attempt.
          hits: sql<number>`case when attempt_counters.reset_at <= ${now} then 1 else attempt_counters.hits + 1 end`,
          reset_at: sql<number>`case when attempt_counters.reset_at <= ${now} then ${resetAt} else attempt_counters.reset_at end`,
        }),
      )
      .returning(['hits', 'reset_at'])
      .executeTakeFirstOrThrow();
    return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
  }

  /** Takes back one attempt counted in the window ending at `resetAt` (a sign-in that succeeded); not one of a later window. */
  async refund(keyHash: string, resetAt: number): Promise<void> {
    await this.ctx.db
      .updateTable('attempt_counters')
      .set({ hits: sql<number>`hits - 1` })
      .where('key_hash', '=', keyHash)
      .where('reset_at', '=', resetAt)
      .where('hits', '>', 0)
      .execute();
  }

  /** Deletes the counts whose window has ended; answers how many. */
  async deleteExpired(now: number): Promise<number> {
    const result = await this.ctx.db.deleteFrom('attempt_counters').where('reset_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
