import type { Kysely, Migration } from 'kysely';

/**
 * The counts behind the limits on guessing passwords (sign-in per address and username, sign-in
 * per address, the current password on a change): one row per counted key and minute window. In
 * the database rather than in each process's memory, so servers sharing one PostgreSQL database
 * share the limits (N servers allowed N times the limit before). Keys are SHA-256 hashes, so no
 * address or username is stored; `reset_at` is when the window ends, in milliseconds since 1970,
 * and finds the expired rows to delete.
 */
export const attemptCountersMigration = (): Migration => ({ up });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempt_counters_reset_at').on('attempt_counters').columns(['reset_at']).execute();
}
