import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../platform/config.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { OutboxWorker } from '../platform/outbox/outbox-worker.js';
import { buildApp } from './build-app.js';
import type { UseCaseContext } from './context.js';
import { createUnitOfWork } from './repositories.js';
import { isEmpty, seedOrganisation, type SeedResult } from './seed-demo.js';

export interface RunningApp {
  app: FastifyInstance;
  ctx: UseCaseContext;
  database: Database;
  outbox: OutboxWorker;
  /** Set when this start seeded a fresh database; carries the passwords to show once. */
  seeded: SeedResult | null;
  close(): Promise<void>;
}

/** Opens the database, migrates it, seeds a fresh one, and builds the HTTP app with its background worker. */
export async function startApp(config: AppConfig, clock: Clock = systemClock): Promise<RunningApp> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const ctx: UseCaseContext = { uow: createUnitOfWork(database), clock, timeZone: config.timeZone, scryptLogN: config.scryptLogN };
    const seeded = (await isEmpty(ctx))
      ? await seedOrganisation(ctx, { adminPassword: config.adminPassword, demoPassword: config.demoPassword, demo: config.seedDemo })
      : null;
    const app = await buildApp({ ctx, config, database });
    const outbox = new OutboxWorker(ctx.uow, clock, {
      pollMs: config.outboxPollMs,
      onError: (error, message) => app.log.error({ err: error, outboxId: message?.id }, 'outbox delivery failed'),
    });
    return {
      app,
      ctx,
      database,
      outbox,
      seeded,
      close: async () => {
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
