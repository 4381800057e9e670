import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { LruMap } from '../lru-map.js';

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a short
 * statement. Kysely compiles the same SQL text for the same query shape, so caching prepared
 * statements by text removes that cost. The connection is used by one query at a time, so a
 * cached statement is never run twice at once.
 */
export function withStatementCache(connection: SqliteConnection, capacity = 500): SqliteDatabase {
  const cache = new LruMap<string, Statement>(capacity);
  return {
    close: () => connection.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (!statement) {
        statement = connection.prepare(sql);
        cache.set(sql, statement);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
