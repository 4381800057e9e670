import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A notification keeps the number and title its ticket had when it was sent. It used to show the
 * ticket's current title, which a recipient who has since lost sight of the ticket (transferred
 * to another department) must not read. Existing notifications take the title the ticket has now.
 */
export const notificationTicketMigration = (): Migration => ({ up });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('ticket_number', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('ticket_title', 'text').execute();
  await sql`
    update notifications set
      ticket_number = (select number from tickets where tickets.id = notifications.ticket_id),
      ticket_title = (select title from tickets where tickets.id = notifications.ticket_id)
    where ticket_id is not null`.execute(db);
}
