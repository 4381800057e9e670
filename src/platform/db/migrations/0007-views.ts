import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * Saved views: a named list filter (the query of `GET /tickets` as an object), personal to its
 * owner or shared with a department's members or with everyone. References inside the filter
 * (department codes, usernames, `me`) are stored as written and resolved each time the view is used.
 */
export const viewsMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('filters', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  // The two ways a caller's views are found: their own personal ones, and those of their departments.
  await db.schema.createIndex('saved_views_owner').on('saved_views').columns(['owner_id', 'scope']).execute();
  await db.schema.createIndex('saved_views_department').on('saved_views').columns(['department_id', 'scope']).execute();
  // Views of overdue or warned tickets (超时/预警) are among the first anyone saves, and each is
  // counted whenever the views are listed. Only open tickets with a running time limit have a
  // state, so this index stays small; without it such a count read the whole table.
  await db.schema
    .createIndex('tickets_sla_state')
    .on('tickets')
    .columns(['sla_state', 'created_at', 'id'])
    .where(sql.ref('sla_state'), 'is not', null)
    .execute();
}
