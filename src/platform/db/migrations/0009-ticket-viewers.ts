import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * Who is viewing a ticket now (src/presence): one row per ticket and user, renewed by the ticket
 * page's heartbeat and ignored once it is older than the expiry. In the database rather than in
 * memory, so every server process sees the same viewers.
 */
export const ticketViewersMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('ticket_viewers')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('since', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_viewers_pk', ['ticket_id', 'user_id'])
    .execute();
}
