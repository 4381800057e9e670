import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../platform/config.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { withSetupLock } from '../platform/db/setup-lock.js';
import { OutboxWorker } from '../platform/outbox/outbox-worker.js';
import { FieldCipher, resolveDataKey, discardWrongKey } from '../platform/security/field-encryption.js';
import { prepareCustomerData } from '../customers/use-cases/prepare-customer-data.js';
import { SlaSweeper } from '../sla/sla-sweeper.job.js';
import { ImportWorker } from '../transfer/import-worker.job.js';
import { buildApp } from './build-app.js';
import { Housekeeping } from './housekeeping.job.js';
import type { UseCaseContext } from './context.js';
import { createUnitOfWork } from './repositories.js';
import { isEmpty, seedOrganisation, type SeedResult } from './seed-demo.js';

export interface RunningApp {
  app: FastifyInstance;
  ctx: UseCaseContext;
  database: Database;
  outbox: OutboxWorker;
  /** Not started here: `gongdan serve` starts it; tests sweep by hand after moving the clock. */
  slaSweeper: SlaSweeper;
  /** CSV imports in the background. Not started here either: `gongdan serve` starts it; tests run chunks by hand (`runOnce`). */
  imports: ImportWorker;
  /** Deletes delivered outbox messages and old idempotency keys. Started by `gongdan serve`; tests call `runOnce`. */
  housekeeping: Housekeeping;
  /** Set when this start seeded a fresh database; carries the passwords to show once. */
  seeded: SeedResult | null;
  /** The key file this start generated (SQLite without GONGDAN_DATA_KEY), to tell the operator to back it up. */
  generatedDataKeyFile: string | null;
  close(): Promise<void>;
}

/** Opens the database, migrates it, seeds a fresh one, and builds the HTTP app with its background worker. */
export async function startApp(config: AppConfig, clock: Clock = systemClock): Promise<RunningApp> {
  // Before the database opens: a PostgreSQL start without GONGDAN_DATA_KEY stops here, naming it.
  const dataKey = resolveDataKey(config);
  const cipher = new FieldCipher(dataKey.key);
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const ctx: UseCaseContext = {
      uow: createUnitOfWork(database, cipher),
      clock,
      timeZone: config.timeZone,
      scryptLogN: config.scryptLogN,
      defaultAreaCode: config.defaultAreaCode,
    };
    const { encryptedPhones, seeded } = await withSetupLock(database, async () => ({
      ...(await prepareCustomerData(ctx, cipher.fingerprint, () => discardWrongKey(dataKey))),
      seeded: (await isEmpty(ctx))
        ? await seedOrganisation(ctx, { adminPassword: config.adminPassword, demoPassword: config.demoPassword, demo: config.seedDemo })
        : null,
    }));
    const app = await buildApp({ ctx, config, database });
    if (dataKey.source === 'generated') {
      app.log.warn({ file: dataKey.file }, 'Generated the data key that encrypts customer personal data; back it up, apart from the database (or set GONGDAN_DATA_KEY)');
    }
    for (const warning of dataKey.warnings) app.log.warn(warning);
    if (encryptedPhones > 0) app.log.info({ customers: encryptedPhones }, 'Encrypted the plain phone numbers of existing customers');
    const outbox = new OutboxWorker(ctx.uow, clock, {
      pollMs: config.outboxPollMs,
      onError: (error, message) => app.log.error({ err: error, outboxId: message?.id }, 'outbox delivery failed'),
    });
    const slaSweeper = new SlaSweeper(ctx, {
      intervalMs: config.slaSweepMs,
      onError: (error, ticketId) => app.log.error({ err: error, ticketId }, 'time-limit sweep failed'),
      onSweep: ({ tickets, firings }) => app.log.info({ tickets, firings }, 'time-limit milestones fired'),
      onResume: ({ resumed }) => app.log.info({ tickets: resumed }, 'waiting tickets resumed at their resume time'),
    });
    const imports = new ImportWorker(ctx, {
      pollMs: config.importPollMs,
      onError: (error) => app.log.error({ err: error }, 'import chunk failed'),
      onFinished: ({ jobId, status, counts }) => app.log.info({ jobId, status, counts }, 'import finished'),
    });
    const housekeeping = new Housekeeping(ctx, {
      intervalMs: config.housekeepingMs,
      outboxRetentionMs: config.outboxRetentionMs,
      idempotencyRetentionMs: config.idempotencyRetentionMs,
      onError: (error) => app.log.error({ err: error }, 'housekeeping failed'),
      onPurge: (deleted) => app.log.info(deleted, 'deleted delivered outbox messages and expired idempotency keys'),
    });
    return {
      app,
      ctx,
      database,
      outbox,
      slaSweeper,
      imports,
      housekeeping,
      seeded,
      generatedDataKeyFile: dataKey.source === 'generated' ? dataKey.file! : null,
      close: async () => {
        await housekeeping.stop();
        await imports.stop();
        await slaSweeper.stop();
        await outbox.stop();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
