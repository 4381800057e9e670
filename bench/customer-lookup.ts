/**
 * The screen-pop benchmark: `node --import tsx bench/customer-lookup.ts [options]`.
 *
 * Seeds a database with N tickets (default 1,000,000) and a quarter as many customers through
 * bench/seed.ts, the customers written the way databases from before encryption hold them (plain
 * numbers), so the next start encrypts them all: that start is timed too. Then it looks callers
 * up by phone number, written in the formats agents type, at two levels, one request at a time:
 *
 * - use case: `lookupCustomerByPhone` as the route calls it (no HTTP);
 * - HTTP: `GET /api/v1/customers/lookup?phone=…` against the real server on a local socket, with an
 *   API token, from a keep-alive client in the same process (so client time is included).
 *
 * It measures; it does not pass or fail. The target is p99 under 5 ms.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startApp, type RunningApp } from '../src/app/server.js';
import { createApiToken } from '../src/auth/use-cases/api-tokens.js';
import type { Actor } from '../src/auth/domain/actor.js';
import { lookupCustomerByPhone } from '../src/customers/use-cases/read-customers.js';
import { parseConfig, type AppConfig } from '../src/platform/config.js';
import { AppError } from '../src/platform/errors.js';
import { newSecret } from '../src/platform/security/secrets.js';
import { Rng } from './fixtures.js';
import { fmt } from './report.js';
import { loadReferenceData, seedTickets } from './seed.js';
import { PostgresSink, SqliteSink, type RowSink } from './sink.js';

const HELP = `Usage: node --import tsx bench/customer-lookup.ts [options]

  --tickets N          tickets to seed (default 1000000; customers are a quarter of that)
  --samples N          lookups per measurement (default 20000)
  --database-url URL   PostgreSQL instead of SQLite (a fresh schema; dropped unless --keep)
  --data-dir DIR       where the SQLite database and the run's state go (default .bench/customer-lookup-<N>)
  --reuse              reuse the database seeded by an earlier run in --data-dir
  --keep               keep the PostgreSQL schema
  --out FILE           JSON results (default <data-dir>/results.json)
`;

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '20000' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const TICKETS = Number(args.tickets);
const SAMPLES = Number(args.samples);
if (!Number.isInteger(TICKETS) || TICKETS < 1000 || !Number.isInteger(SAMPLES) || SAMPLES < 100) {
  process.stderr.write(`--tickets must be at least 1000 and --samples at least 100.\n${HELP}`);
  process.exit(2);
}
const DATABASE_URL = args['database-url'];
const dataDir = path.resolve(args['data-dir'] ?? path.join(import.meta.dirname, '..', '.bench', `customer-lookup-${DATABASE_URL ? 'pg-' : ''}${TICKETS}`));
const stateFile = path.join(dataDir, 'state.json');
const log = (message: string) => process.stderr.write(`[customer-lookup] ${message}\n`);

/** What a later --reuse run needs: the schema, the data key (PostgreSQL) and numbers known to belong to customers. */
interface State {
  tickets: number;
  schema?: string;
  dataKey?: string;
  phones: string[];
  seedSeconds: number;
}

function configFor(state: Pick<State, 'schema' | 'dataKey'>): AppConfig {
  const config = parseConfig({
    GONGDAN_DATA_DIR: dataDir,
    GONGDAN_ADMIN_PASSWORD: newSecret(12),
    GONGDAN_DEMO_PASSWORD: newSecret(12),
    GONGDAN_SCRYPT_LOG_N: '12',
    GONGDAN_DEFAULT_AREA_CODE: '010',
    LOG_LEVEL: 'silent',
    ...(DATABASE_URL && { DATABASE_URL, GONGDAN_DATA_KEY: state.dataKey }),
  });
  if (config.database.kind === 'postgres') config.database = { ...config.database, schema: state.schema };
  return config;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function seed(): Promise<State> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const base: Pick<State, 'schema' | 'dataKey'> = DATABASE_URL
    ? { schema: `gongdan_lookup_${Date.now().toString(36)}`, dataKey: randomBytes(32).toString('base64') }
    : {};
  if (base.schema) await adminQuery(`create schema ${base.schema}`);
  const config = configFor(base);
  log(`migrating and seeding the demo organisation (${config.database.kind})`);
  const running = await startApp(config);
  const reference = await loadReferenceData(running.ctx).finally(() => running.close());
  const sink: RowSink = config.database.kind === 'sqlite' ? new SqliteSink(config.database.file) : new PostgresSink(config.database.url, base.schema!);
  log(`seeding ${fmt(TICKETS, 0)} tickets and ${fmt(Math.round(TICKETS / 4), 0)} customers with plain phone numbers (as before encryption)`);
  let lastReport = performance.now();
  const stats = await seedTickets(sink, reference, {
    tickets: TICKETS,
    days: 90,
    now: Date.now(),
    timeZone: config.timeZone,
    onProgress: (done, total) => {
      if (performance.now() - lastReport > 15_000 || done === total) {
        lastReport = performance.now();
        log(`  ${fmt(done, 0)} / ${fmt(total, 0)} tickets`);
      }
    },
  }).finally(async () => {
    await sink.finish();
    await sink.close();
  });
  const state: State = { tickets: TICKETS, ...base, phones: stats.customerPhones, seedSeconds: stats.seconds };
  writeFileSync(stateFile, JSON.stringify(state));
  log(`seeded ${fmt(stats.tickets, 0)} tickets, ${fmt(stats.events, 0)} events and ${fmt(stats.customers, 0)} customers in ${fmt(stats.seconds)} s`);
  return state;
}

interface Latency {
  samples: number;
  /** CPU time of this process per lookup (server and, over HTTP, client): what a loaded machine cannot inflate. */
  cpuMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

function summarise(durations: number[], elapsedMs: number, cpuMs: number): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    samples: sorted.length,
    cpuMs: cpuMs / sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1)!,
    perSecond: (sorted.length / elapsedMs) * 1000,
  };
}

/** The ways agents and telephony systems write a number. */
function written(phone: string, rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return phone;
    case 1:
      return `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    case 2:
      return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    case 3:
      return `86${phone}`;
    default:
      return `0${phone}`;
  }
}

async function measure(label: string, count: number, once: (i: number) => Promise<void>): Promise<Latency> {
  for (let i = 0; i < Math.min(2000, count); i++) await once(i);
  const durations: number[] = new Array<number>(count);
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await once(i);
    durations[i] = performance.now() - t0;
  }
  const used = process.cpuUsage(cpu);
  const result = summarise(durations, performance.now() - started, (used.user + used.system) / 1000);
  log(
    `${label}: p50 ${fmt(result.p50, 2)} ms, p95 ${fmt(result.p95, 2)} ms, p99 ${fmt(result.p99, 2)} ms, max ${fmt(result.max, 1)} ms, ` +
      `${fmt(result.perSecond, 0)}/s, CPU ${fmt(result.cpuMs, 3)} ms per lookup (load average ${os.loadavg().map((l) => fmt(l, 1)).join(' ')})`,
  );
  return result;
}

function get(agent: http.Agent, port: number, url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: url, agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

async function main(): Promise<void> {
  const state: State = args.reuse && existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : await seed();
  if (state.tickets !== TICKETS) throw new Error(`${dataDir} holds ${state.tickets} tickets, not ${TICKETS}; drop --reuse`);
  const config = configFor(state);

  log('starting the application (encrypts the plain phone numbers on the first start)');
  const startedAt = performance.now();
  const running: RunningApp = await startApp(config);
  const startSeconds = (performance.now() - startedAt) / 1000;
  log(`started in ${fmt(startSeconds)} s`);
  const results: Record<string, unknown> = {
    tickets: TICKETS,
    customers: Math.max(2000, Math.round(TICKETS / 4)),
    database: config.database.kind,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`,
    seedSeconds: state.seedSeconds,
    startSeconds,
  };
  try {
    const ctx = running.ctx;
    const users = new Map<string, Actor>();
    for (const username of ['agent', 'admin', 'handler']) {
      const user = (await ctx.uow.read((repos) => repos.users.findByRef(username)))!;
      users.set(username, { id: user.id, role: user.role, departmentIds: user.departmentIds });
    }
    const rng = new Rng(4711);
    const phones = state.phones;
    const inputs = Array.from({ length: SAMPLES }, () => written(phones[rng.int(0, phones.length - 1)]!, rng));
    const unknown = Array.from({ length: SAMPLES }, (_, i) => `199${String(10_000_000 + i).slice(-8)}`);
    let found = 0;
    const lookup = async (actor: Actor, phone: string) => {
      try {
        const result = await lookupCustomerByPhone(ctx, actor, phone);
        if (result.tickets.recent.length >= 0) found++;
      } catch (error) {
        if (!(error instanceof AppError && error.status === 404)) throw error;
      }
    };
    results.useCase = {
      agent: await measure('use case, agent (visibility-scoped tickets)', SAMPLES, (i) => lookup(users.get('agent')!, inputs[i]!)),
      admin: await measure('use case, admin (every ticket)', SAMPLES, (i) => lookup(users.get('admin')!, inputs[i]!)),
      handler: await measure('use case, handler (masked)', SAMPLES, (i) => lookup(users.get('handler')!, inputs[i]!)),
      unknownNumber: await measure('use case, unknown number (404)', SAMPLES, (i) => lookup(users.get('agent')!, unknown[i]!)),
    };
    results.found = found;

    const address = await running.app.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    const token = (await createApiToken(ctx, users.get('agent')!.id, 'bench')).token;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const statuses = new Map<number, number>();
    const call = async (phone: string) => {
      const status = await get(agent, port, `/api/v1/customers/lookup?phone=${encodeURIComponent(phone)}`, token);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    };
    results.http = {
      agent: await measure('HTTP, agent', SAMPLES, (i) => call(inputs[i]!)),
      unknownNumber: await measure('HTTP, unknown number (404)', SAMPLES, (i) => call(unknown[i]!)),
      statuses: Object.fromEntries(statuses),
    };
    agent.destroy();
  } finally {
    await running.close();
    if (DATABASE_URL && !args.keep && !args.reuse) await adminQuery(`drop schema ${state.schema} cascade`);
  }
  const out = args.out ?? path.join(dataDir, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${out}`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
