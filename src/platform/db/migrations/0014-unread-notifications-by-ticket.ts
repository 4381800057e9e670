import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Finds the unread notifications of one kind about a ticket (the requests to decide that a
 * decision settles) without reading every notification. Partial: only unread rows are in it, so
 * it stays small however many notifications are kept, and marking one read takes it out.
 */
export const unreadNotificationsByTicketMigration = (): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await db.schema
      .createIndex('notifications_unread_ticket')
      .on('notifications')
      .columns(['ticket_id', 'kind'])
      .where(sql.ref('read_at'), 'is', null)
      .execute();
  },
});
