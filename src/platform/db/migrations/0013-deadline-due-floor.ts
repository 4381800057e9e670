import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * The instant an approved extension promised (`due_not_before`): a clock on a business calendar
 * extended until Saturday noon or Monday 09:00 has no more working time than at Friday's close,
 * yet must not fall due before the time the supervisor approved.
 */
export const deadlineDueFloorMigration = (t: ColumnTypes): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await db.schema.alterTable('ticket_deadlines').addColumn('due_not_before', t.timestamp).execute();
  },
});
