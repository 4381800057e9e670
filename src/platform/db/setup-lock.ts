import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * Runs the start-up work that must happen once per database (encrypting old data, seeding an
 * empty one) under a PostgreSQL advisory lock, so that two processes started together on one
 * database do it one after the other: the second then finds it done. The lock is named after the
 * schema, as several installations (and the test suite) may share a database. SQLite needs none:
 * its writes already run one at a time.
 */
export async function withSetupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  return database.db.connection().execute(async (connection) => {
    const key = sql`hashtext('gongdan-setup:' || current_schema())`;
    await sql`select pg_advisory_lock(${key})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}
