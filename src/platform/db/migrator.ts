import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { columnTypes } from './column-types.js';
import type { Database } from './database.js';
import { coreMigration } from './migrations/0001-core.js';
import { referenceVersionMigration } from './migrations/0002-reference-version.js';
import { queuePriorityIndexMigration } from './migrations/0003-queue-priority-index.js';
import { timeLimitsMigration } from './migrations/0004-time-limits.js';
import { customersMigration } from './migrations/0005-customers.js';
import { searchMigration } from './migrations/0006-search.js';
import { viewsMigration } from './migrations/0007-views.js';
import { importsMigration } from './migrations/0008-imports.js';
import { ticketViewersMigration } from './migrations/0009-ticket-viewers.js';
import { waitUntilMigration } from './migrations/0010-wait-until.js';
import { housekeepingMigration } from './migrations/0011-housekeeping.js';
import { notificationTicketMigration } from './migrations/0012-notification-ticket.js';
import { deadlineDueFloorMigration } from './migrations/0013-deadline-due-floor.js';
import { unreadNotificationsByTicketMigration } from './migrations/0014-unread-notifications-by-ticket.js';
import { bankBreachedClocksMigration } from './migrations/0015-bank-breached-clocks.js';
import { attemptCountersMigration } from './migrations/0016-attempt-counters.js';

/** Migrations live in code (not scanned from disk) so that the same list runs under tsx, tests and builds. */
function migrationsFor(database: Database): Record<string, Migration> {
  const types = columnTypes(database.dialect);
  return {
    '0001-core': coreMigration(types),
    '0002-reference-version': referenceVersionMigration(),
    '0003-queue-priority-index': queuePriorityIndexMigration(),
    '0004-time-limits': timeLimitsMigration(types),
    '0005-customers': customersMigration(types),
    '0006-search': searchMigration(types, database.dialect),
    '0007-views': viewsMigration(types),
    '0008-imports': importsMigration(types),
    '0009-ticket-viewers': ticketViewersMigration(types),
    '0010-wait-until': waitUntilMigration(types),
    '0011-housekeeping': housekeepingMigration(),
    '0012-notification-ticket': notificationTicketMigration(),
    '0013-deadline-due-floor': deadlineDueFloorMigration(types),
    '0014-unread-notifications-by-ticket': unreadNotificationsByTicketMigration(),
    '0015-bank-breached-clocks': bankBreachedClocksMigration(),
    '0016-attempt-counters': attemptCountersMigration(),
  };
}

/** Brings the schema up to date; runs at every start and is a no-op when nothing is pending. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(database) };
  // Kysely looks for its bookkeeping tables in every schema unless told which one to use.
  const migrationTableSchema =
    database.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db: database.db, provider, ...(migrationTableSchema && { migrationTableSchema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
