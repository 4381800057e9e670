import type { Kysely, Migration } from 'kysely';

/**
 * Idempotency keys are forgotten after a retention period (housekeeping.job.ts); finding the
 * old ones must not scan every key ever sent. Delivered outbox messages are found through the
 * existing `outbox_pending` index, which starts with `processed_at`.
 */
export const housekeepingMigration = (): Migration => ({ up });

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').columns(['created_at']).execute();
}
