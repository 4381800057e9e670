import type { Kysely, Migration } from 'kysely';

/**
 * A single row whose token changes with every change to reference data, so that each process
 * can keep reference data in memory and reload it only when the token differs. A random token,
 * not a counter: a change rolled back and another committed could otherwise reuse a number.
 */
export const referenceVersionMigration = (): Migration => ({ up });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reference_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('token', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('reference_version' as never).values({ id: 1, token: 'initial' } as never).execute();
}
