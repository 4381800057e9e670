import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { UseCaseContext } from '../../src/app/context.js';
import { startApp, type RunningApp } from '../../src/app/server.js';
import { createApiToken } from '../../src/auth/use-cases/api-tokens.js';
import { ManualClock } from '../../src/platform/clock.js';
import { parseConfig, type AppConfig } from '../../src/platform/config.js';
import { ApiClient } from './api-client.js';

export type DialectName = 'sqlite' | 'postgres';

export const DEMO_PASSWORD = 'demo-password-1';
export const ADMIN_PASSWORD = 'admin-password-1';
/** PostgreSQL needs the data key given; on SQLite the app generates one in the test's data directory, as on a first start. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
export const DEMO_USERS = ['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** The dialects the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL names a server. */
export function dialects(): DialectName[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestApp {
  running: RunningApp;
  ctx: UseCaseContext;
  clock: ManualClock;
  config: AppConfig;
  /** An API client signed in (by API token) as one of the demo users. */
  as(user: DemoUser | string): ApiClient;
  /** A client that is not signed in. */
  anonymous: ApiClient;
  /** Creates an API token for any user, for clients of users a test created. */
  tokenFor(userId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the real application on a fresh database: a new SQLite file, or a new schema in the
 * PostgreSQL database of TEST_DATABASE_URL. The demo organisation is seeded as on a first start.
 */
export async function startTestApp(dialect: DialectName, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongdan-test-'));
  // scripts/run-tests.js names the run; it drops the run's schemas once every test process is done.
  const schema = `${process.env.GONGDAN_TEST_SCHEMA_PREFIX ?? 't_'}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const baseEnv = {
    GONGDAN_DATA_DIR: dir,
    GONGDAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GONGDAN_DEMO_PASSWORD: DEMO_PASSWORD,
    GONGDAN_SCRYPT_LOG_N: '10',
    LOG_LEVEL: 'silent',
    ...(dialect === 'postgres' && { GONGDAN_DATA_KEY: TEST_DATA_KEY }),
    ...env,
  };
  const config = parseConfig(baseEnv);
  if (dialect === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    await adminQuery(url, `create schema ${schema}`);
    config.database = { kind: 'postgres', url, schema };
  }
  const clock = new ManualClock('2026-11-23T01:30:00.000Z');
  const running = await startApp(config, clock);
  const tokens = new Map<string, string>();
  const tokenFor = async (userId: string) => (await createApiToken(running.ctx, userId, 'test')).token;
  for (const username of DEMO_USERS) {
    const user = await running.ctx.uow.read((repos) => repos.users.findByRef(username));
    tokens.set(username, await tokenFor(user!.id));
  }
  return {
    running,
    ctx: running.ctx,
    clock,
    config,
    as: (user) => new ApiClient(running.app, tokens.get(user) ?? user),
    anonymous: new ApiClient(running.app, null),
    tokenFor,
    close: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
      // The schema is not dropped here: Kysely's migrator in a parallel test process lists the
      // tables of every schema, and a schema dropped in the middle of that listing fails it.
    },
  };
}

/**
 * Another server on the database of a running test app, as a second node behind a load balancer
 * would be: its own process state (HTTP app, pool, caches, rate-limit plugin), the same database
 * (on SQLite, a second connection to the same file). Close it before the first.
 */
export async function startServerBeside(t: TestApp): Promise<{ running: RunningApp; anonymous: ApiClient; close(): Promise<void> }> {
  const running = await startApp(t.config, t.clock);
  return { running, anonymous: new ApiClient(running.app, null), close: () => running.close() };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
