import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Statements with a plan worth keeping; transaction control and settings are sent as they are. */
const PLANNED = /^\s*(select|insert|update|delete|with)\b/i;
/**
 * Full-text matches are left unnamed: how many rows a tsquery matches depends wholly on its words,
 * and the generic plan PostgreSQL settled on for the similar-ticket walk took twice as long.
 */
const WORD_DEPENDENT = /@@/;
/**
 * Nor are statements answering every column (`select *`, `returning *`): after a migration adds a
 * column, PostgreSQL refuses to run such a prepared statement ("cached plan must not change result
 * type"), which during a rolling deploy would break the older processes still serving.
 */
const EVERY_COLUMN = /(?:select|returning|\.)\s*\*/i;

/**
 * Kysely sends every query to PostgreSQL unnamed, so the server parses and plans it on every
 * execution; for the joined ticket view that planning costs several times the execution. Naming
 * a statement makes each pooled connection prepare it once and reuse the parse, and PostgreSQL
 * may then keep a generic plan (plan_cache_mode auto: only when it costs no more than the custom
 * plans it has made). The name is a hash of the text, so one text always has one name.
 *
 * Only texts that recur are named: a text seen `recurAfter` times, up to `capacity` texts per
 * process. Texts with a list of values inlined as parameters (`in ($1, $2, …)`) vary in length and
 * would mostly be prepared to be used once; the cap bounds what each connection keeps.
 */
export function withPreparedStatements(pool: pg.Pool, options: { capacity?: number; recurAfter?: number } = {}): PostgresPool {
  const capacity = options.capacity ?? 300;
  const recurAfter = options.recurAfter ?? 2;
  const seen = new Map<string, number>();
  const named = new Map<string, string>();

  const nameOf = (text: string): string | undefined => {
    if (!PLANNED.test(text) || WORD_DEPENDENT.test(text) || EVERY_COLUMN.test(text)) return undefined;
    const known = named.get(text);
    if (known || named.size >= capacity) return known;
    const count = (seen.get(text) ?? 0) + 1;
    if (count < recurAfter) {
      // The counts of texts that never recur must not grow without bound either.
      if (seen.size >= capacity * 10) seen.clear();
      seen.set(text, count);
      return undefined;
    }
    seen.delete(text);
    const name = `k_${createHash('sha1').update(text).digest('base64url')}`;
    named.set(text, name);
    return name;
  };

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>) {
        if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable) as unknown as PostgresCursor<R>;
        const name = nameOf(sqlOrCursor);
        const values = parameters as unknown[];
        return (name ? client.query({ name, text: sqlOrCursor, values }) : client.query(sqlOrCursor, values)) as unknown as Promise<PostgresQueryResult<R>>;
      }
      return { query, release: () => client.release() };
    },
    end: () => pool.end(),
  };
}
