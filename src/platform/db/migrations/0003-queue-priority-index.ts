import type { Kysely, Migration } from 'kysely';

/** Department queues sorted by priority (urgent first, then oldest) read this index instead of sorting the queue. */
export const queuePriorityIndexMigration = (): Migration => ({ up });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tickets_queue_priority')
    .on('tickets')
    .columns(['department_id', 'status', 'priority_rank', 'created_at', 'id'])
    .execute();
}
