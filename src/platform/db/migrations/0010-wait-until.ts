import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * When a ticket waiting on the customer or a partner is due back (`wait {until}`): the sweeper
 * resumes it then. Only waiting tickets have one, so the index holds a few rows however many
 * tickets there are, and creates (which never set it) do not maintain it.
 */
export const waitUntilMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('wait_until', t.timestamp).execute();
  await db.schema
    .createIndex('tickets_wait_until')
    .on('tickets')
    .columns(['wait_until', 'id'])
    .where(sql.ref('wait_until'), 'is not', null)
    .execute();
}
