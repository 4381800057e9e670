import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/** CSV import jobs and their per-row errors. */
export const importsMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(_db: Kysely<unknown>, _t: ColumnTypes): Promise<void> {
  // Filled in by the issue-4 work on this area.
}
