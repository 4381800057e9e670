/**
 * The Gongdan benchmark: `npm run bench -- [options]`.
 *
 * Seeds a fresh database with N tickets (default 100,000) and their timelines, starts the real
 * server in a child process, drives it with autocannon from this process, and reports as a table
 * and as JSON: the framework's ceiling (a trivial route), ticket creates over HTTP, department
 * queue pages, ticket timelines, and raw SQLite single-row inserts for comparison.
 *
 * It measures; it does not pass or fail. Run `npm run bench -- --help` for the options.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { startApp } from '../src/app/server.js';
import { createApiToken } from '../src/auth/use-cases/api-tokens.js';
import { parseConfig } from '../src/platform/config.js';
import { reindexAll } from '../src/search/use-cases/reindex.js';
import { newSecret } from '../src/platform/security/secrets.js';
import type { ServerReady } from './bench-server.js';
import { cpuShare, waitForQuiet } from './cpu.js';
import { createBodies, Rng } from './fixtures.js';
import { cannon, requestJson, sequential, type PhaseResult } from './load.js';
import { rawSqliteInserts, type RawSqliteResult } from './raw-sqlite.js';
import { fmt, PHASE_HEADER, phaseRow, table } from './report.js';
import { fail as usageError, positiveInt as positiveOption } from './cli-args.js';
import { loadReferenceData, seedTickets, type SeedStats } from './seed.js';
import { PostgresSink, SqliteSink, type RowSink } from './sink.js';


const HINT = 'Run npm run bench -- --help for the options.';
const fail = (message: string): never => usageError(message, HINT);
const positiveInt = (name: string, value: string | undefined): number => positiveOption(name, value, HINT);

const HELP = `Usage: npm run bench -- [options]

  --tickets N          tickets to seed (default 100000; 1000000 works)
  --duration S         seconds per HTTP measurement (default 10)
  --connections C      concurrent clients for the loaded phases (default 16)
  --warmup S           seconds of warm-up before each loaded phase (default 2)
  --out FILE           JSON results (default .bench/results.json)
  --database-url URL   benchmark PostgreSQL instead of SQLite (a fresh schema is created, and dropped unless --keep)
  --data-dir DIR       where the SQLite database (or, for PostgreSQL, the record of the kept schema) goes
                       (default .bench/data-<N>, .bench/pg-<N> for PostgreSQL; recreated unless --reuse)
  --reuse              reuse the seeded database in --data-dir from an earlier run with the same --tickets
  --keep               keep the PostgreSQL schema after the run
  --days D             spread the seeded tickets over D days (default 90)
  --wait-idle          before each measurement, also wait (up to 30 min) until other processes use < 10% of
                       the CPUs (the server's own backlog from the previous phase is always awaited)
  --no-outbox          do not run the outbox worker in the server (\`gongdan serve\` runs it)
  --analyze            run ANALYZE on SQLite after seeding (the application never does)
  --phases LIST        comma-separated subset of noop,create,create-core,queue,timeline,raw (default all; none:
                       only seed); create-core is create with ?similar=false (no similar-ticket candidates)
  --no-index           do not build the search index of the seeded tickets (a real database has one; the
                       similar-ticket lookup of each create reads it)
  --profile            write a CPU profile of the server to .bench/profiles/
  --count-queries      count and time SQL statements per phase (slows the server; for diagnosis)

The time-limit (时限) benchmarks are separate scripts:
  npm run bench:sla -- [--tickets N] [--due N] [--database-url URL] [--reuse]
                       the sweeper on N open tickets with --due falling due in one minute (--help for more)
  npm run bench:calendar
                       the calendar maths and whole deadlines (startDeadline, fireDue) per second on one core
`;

const repoRoot = path.resolve(import.meta.dirname, '..');
const benchRoot = path.join(repoRoot, '.bench');


const { values: args } = parseOptions();

function parseOptions() {
  try {
    return parseArgs({
      options: {
        tickets: { type: 'string', default: '100000' },
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '16' },
        warmup: { type: 'string', default: '2' },
        out: { type: 'string', default: path.join(benchRoot, 'results.json') },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        reuse: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        days: { type: 'string', default: '90' },
        'no-outbox': { type: 'boolean', default: false },
        'no-index': { type: 'boolean', default: false },
        'wait-idle': { type: 'boolean', default: false },
        analyze: { type: 'boolean', default: false },
        phases: { type: 'string', default: 'noop,create,create-core,queue,timeline,raw' },
        profile: { type: 'boolean', default: false },
        'count-queries': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
}


const TICKETS = positiveInt('tickets', args.tickets);
const DURATION = positiveInt('duration', args.duration);
const CONNECTIONS = positiveInt('connections', args.connections);
const WARMUP = Number(args.warmup);
if (!Number.isFinite(WARMUP) || WARMUP < 0) fail(`--warmup must be a number of seconds, not ${args.warmup}`);
const DAYS = positiveInt('days', args.days);
const KNOWN_PHASES = ['noop', 'create', 'create-core', 'queue', 'timeline', 'raw'];
const PHASES = new Set(args.phases.split(',').map((p) => p.trim()).filter((p) => p !== '' && p !== 'none'));
for (const phase of PHASES) {
  if (!KNOWN_PHASES.includes(phase)) fail(`--phases: unknown phase ${phase}; choose from ${KNOWN_PHASES.join(', ')} (or none to only seed)`);
}
const DATABASE_URL = args['database-url'];
/**
 * PostgreSQL needs a key for customers' phone numbers (GONGDAN_DATA_KEY). The bench's data is
 * made up, so the key is fixed: a kept schema (--keep) opens again with it.
 */
const BENCH_DATA_KEY = createHash('sha256').update('gongdan bench data key').digest('base64');
const MIN_SEQUENTIAL_SAMPLES = 2_000;

interface SeedFile {
  tickets: number;
  days: number;
  seededAt: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; schema: string };
  tokens: { admin: string; agent: string; handler: string };
  seed: Omit<SeedStats, 'sampleTicketIds' | 'customerPhones'>;
  sampleTicketIds: string[];
  customerPhones: string[];
}

interface PhaseReport {
  name: string;
  request: string;
  as: string;
  sequential?: PhaseResult;
  concurrent?: PhaseResult;
  note?: string;
  queries?: QueryReport;
}

interface QueryStats {
  statements: Array<{ sql: string; count: number; totalMs: number }>;
  cpuMs: number;
}

interface QueryReport {
  /** The server's CPU time (user + system) per request, all threads. */
  serverCpuMsPerRequest: number;
  statementsPerRequest: number;
  statementMsPerRequest: number;
  top: Array<{ sql: string; perRequest: number; msPerRequest: number }>;
}

let child: ChildProcess | null = null;

function killChild(signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
}
process.on('exit', () => killChild('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChild('SIGKILL');
    process.exit(130);
  });
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<void> {
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  mkdirSync(benchRoot, { recursive: true });
  const startedAt = new Date().toISOString();
  // Separate defaults, so that a PostgreSQL run does not replace the record of the SQLite seed.
  const dataDir = path.resolve(args['data-dir'] ?? path.join(benchRoot, `${args['database-url'] ? 'pg' : 'data'}-${TICKETS}`));
  const seedFile = path.join(dataDir, 'seed.json');

  let seeded: SeedFile;
  if (args.reuse && existsSync(seedFile)) {
    seeded = JSON.parse(readFileSync(seedFile, 'utf8')) as SeedFile;
    if (seeded.tickets !== TICKETS) throw new Error(`${dataDir} holds ${seeded.tickets} tickets, not ${TICKETS}; drop --reuse`);
    log(`reusing the ${fmt(seeded.tickets, 0)}-ticket database in ${dataDir} (seeded ${seeded.seededAt})`);
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    seeded = await seedDatabase(dataDir);
    writeFileSync(seedFile, JSON.stringify(seeded));
  }

  const database = seeded.database;
  const pgSchema = database.kind === 'postgres' ? database.schema : undefined;
  const phases: PhaseReport[] = [];
  let raw: RawSqliteResult | undefined;
  let databaseBytes: number | undefined;
  // The code the server loads when it starts is the code measured.
  const code = codeVersion();
  try {
    const port = await startServer(dataDir, pgSchema);
    const base = `http://127.0.0.1:${port}`;
    log(`server listening on ${base} (pid ${child?.pid})`);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const countQueries = args['count-queries'];
    const queryStats = async (): Promise<QueryStats> => {
      if (!countQueries) return { statements: [], cpuMs: 0 };
      const { json } = await requestJson(base, 'GET', '/bench/queries', {});
      return json as QueryStats;
    };
    const idle = async (name: string) => {
      const waitIdle = args['wait-idle'];
      const waited = await waitForQuiet(child?.pid, waitIdle ? 10 : null, waitIdle ? 1800 : 60, (share) =>
        log(`${name}: waiting: server ${share.serverPercent}%, other processes ${share.otherPercent}% of the CPUs`),
      );
      if (waited === null) log(`${name}: the ${waitIdle ? 'machine' : 'server'} did not become quiet in time; measuring anyway`);
      else if (waited > 2.5) log(`${name}: waited ${waited}s for quiet`);
    };
    const measure = async (
      report: PhaseReport,
      options: { method: 'GET' | 'POST'; headers: Record<string, string>; next: () => { path: string; body?: string }; sequentialToo: boolean },
    ) => {
      if (WARMUP > 0) {
        log(`${report.name}: warming up ${WARMUP}s`);
        await cannon({ baseUrl: base, connections: CONNECTIONS, seconds: WARMUP, ...options });
      }
      if (options.sequentialToo) {
        await queryStats();
        await idle(report.name);
        log(`${report.name}: sequential, ${DURATION}s and at least ${MIN_SEQUENTIAL_SAMPLES} requests`);
        const cpu = cpuShare(child?.pid);
        report.sequential = await sequential({
          baseUrl: base,
          headers: options.headers,
          seconds: DURATION,
          minSamples: MIN_SEQUENTIAL_SAMPLES,
          nextPath: () => options.next().path,
        });
        report.sequential.cpu = cpu();
        if (countQueries) report.queries = summariseQueries(await queryStats(), report.sequential.requests);
      }
      await queryStats();
      await idle(report.name);
      log(`${report.name}: ${CONNECTIONS} connections for ${DURATION}s`);
      const cpu = cpuShare(child?.pid);
      report.concurrent = await cannon({ baseUrl: base, connections: CONNECTIONS, seconds: DURATION, ...options });
      report.concurrent.cpu = cpu();
      for (const result of [report.sequential, report.concurrent]) {
        if (result?.cpu && result.cpu.otherPercent + result.cpu.stealPercent > 10) {
          const pgNote = database.kind === 'postgres' ? '; on PostgreSQL this includes the database server' : '';
          log(`${report.name}: WARNING other processes used ${result.cpu.otherPercent}% of the CPUs (steal ${result.cpu.stealPercent}%${pgNote}): this measurement may not be clean`);
        }
      }
      if (countQueries && !options.sequentialToo) report.queries = summariseQueries(await queryStats(), report.concurrent.requests);
      const failures = [report.sequential, report.concurrent].find((r) => r?.firstFailure)?.firstFailure;
      if (failures) log(`${report.name}: first failure: ${failures}`);
      phases.push(report);
      printPhase(report);
    };

    if (PHASES.has('noop')) {
      await measure(
        { name: 'trivial route', request: 'GET /bench/noop', as: 'anonymous' },
        { method: 'GET', headers: {}, next: () => ({ path: '/bench/noop' }), sequentialToo: false },
      );
    }

    // Both create phases draw from one sequence of bodies, so the second never repeats the first's.
    let bodies: string[] | null = null;
    let nextBody = 1;
    const measureCreates = async (name: string, url: string, request: string) => {
      const all = (bodies ??= createBodies(20_000, seeded.customerPhones));
      const headers = { ...bearer(seeded.tokens.agent), 'content-type': 'application/json' };
      const probe = await requestJson(base, 'POST', url, bearer(seeded.tokens.agent), JSON.parse(all[0]!));
      if (probe.status !== 201) throw new Error(`a probe create answered ${probe.status}: ${JSON.stringify(probe.json)}`);
      await measure(
        { name, request, as: 'agent (API token)' },
        { method: 'POST', headers, next: () => ({ path: url, body: all[nextBody++ % all.length]! }), sequentialToo: false },
      );
    };
    if (PHASES.has('create')) {
      await measureCreates('create ticket', '/api/v1/tickets', 'POST /api/v1/tickets (varied bodies, routed; answers the similar-ticket candidates)');
    }
    if (PHASES.has('create-core')) {
      await measureCreates('create, no similar', '/api/v1/tickets?similar=false', 'POST /api/v1/tickets?similar=false (the same without the candidates)');
    }

    if (PHASES.has('queue')) {
      const queues = [
        {
          name: 'queue page: department, oldest first',
          path: '/api/v1/tickets?queue=department&limit=50',
          as: 'handler (member of refunds)',
          token: seeded.tokens.handler,
        },
        {
          name: 'queue page: exceptions pending, by createdAt',
          path: '/api/v1/tickets?department=exceptions&status=pending&limit=50&sort=createdAt',
          as: 'admin',
          token: seeded.tokens.admin,
        },
        {
          name: 'queue page: department, by priority',
          path: '/api/v1/tickets?queue=department&limit=50&sort=priority',
          as: 'handler (member of refunds)',
          token: seeded.tokens.handler,
        },
      ];
      for (const queue of queues) {
        const probe = await requestJson(base, 'GET', queue.path, bearer(queue.token));
        const page = probe.json as { items?: unknown[]; nextCursor?: string | null };
        if (probe.status !== 200) throw new Error(`${queue.path} answered ${probe.status}: ${JSON.stringify(probe.json)}`);
        await measure(
          { name: queue.name, request: `GET ${queue.path}`, as: queue.as, note: `${page.items?.length ?? 0} rows, more: ${page.nextCursor ? 'yes' : 'no'}` },
          { method: 'GET', headers: bearer(queue.token), next: () => ({ path: queue.path }), sequentialToo: true },
        );
      }
    }

    if (PHASES.has('timeline')) {
      const rng = new Rng(11);
      const ids = seeded.sampleTicketIds;
      const next = () => ({ path: `/api/v1/tickets/${ids[rng.int(0, ids.length - 1)]!}/events` });
      const probe = await requestJson(base, 'GET', next().path, bearer(seeded.tokens.admin));
      if (probe.status !== 200) throw new Error(`a timeline probe answered ${probe.status}: ${JSON.stringify(probe.json)}`);
      await measure(
        { name: 'ticket timeline', request: 'GET /api/v1/tickets/{random seeded id}/events', as: 'admin', note: `${ids.length} distinct ids` },
        { method: 'GET', headers: bearer(seeded.tokens.admin), next, sequentialToo: true },
      );
    }
  } finally {
    await stopServer();
  }

  if (database.kind === 'sqlite') {
    databaseBytes = ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(database.file + suffix) ? statSync(database.file + suffix).size : 0), 0);
  } else {
    databaseBytes = await postgresSchemaBytes(DATABASE_URL!, database.schema);
    if (!args.keep) await adminQuery(DATABASE_URL!, `drop schema ${database.schema} cascade`);
  }

  if (PHASES.has('raw')) {
    log('raw SQLite single-row inserts');
    raw = rawSqliteInserts(path.join(benchRoot, `raw-${process.pid}.sqlite`), { autocommitSeconds: Math.min(DURATION, 5), transactionRows: 200_000 });
  }

  const results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    code,
    options: {
      tickets: TICKETS,
      days: DAYS,
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP,
      outboxWorker: !args['no-outbox'],
      analyze: args.analyze,
      reused: args.reuse && seeded.seededAt < startedAt,
    },
    database: {
      dialect: database.kind,
      ...(database.kind === 'sqlite' ? { file: path.relative(repoRoot, database.file) } : { schema: database.schema }),
      sizeBytes: databaseBytes,
    },
    seed: seeded.seed,
    phases,
    rawSqliteInserts: raw,
    targets: targets(phases, TICKETS, database.kind),
  };
  mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  printSummary(results.machine, seeded, phases, raw, results.targets, databaseBytes);
  log(`results written to ${path.relative(process.cwd(), path.resolve(args.out))}`);
}

/** Fresh database: migrations and the demo organisation through the application, then bulk rows. */
async function seedDatabase(dataDir: string): Promise<SeedFile> {
  const env: Record<string, string> = {
    GONGDAN_DATA_DIR: dataDir,
    GONGDAN_ADMIN_PASSWORD: newSecret(12),
    GONGDAN_DEMO_PASSWORD: newSecret(12),
    GONGDAN_SCRYPT_LOG_N: '12',
    LOG_LEVEL: 'silent',
  };
  if (DATABASE_URL) Object.assign(env, { DATABASE_URL, GONGDAN_DATA_KEY: BENCH_DATA_KEY });
  const config = parseConfig(env);
  let schema: string | undefined;
  if (config.database.kind === 'postgres') {
    schema = `gongdan_bench_${Date.now().toString(36)}`;
    await adminQuery(config.database.url, `create schema ${schema}`);
    config.database = { ...config.database, schema };
  }
  log(`migrating and seeding the demo organisation (${config.database.kind})`);
  const running = await startApp(config);
  let tokens: SeedFile['tokens'];
  let reference;
  try {
    const tokenOf = async (username: string) => {
      const user = await running.ctx.uow.read((repos) => repos.users.findByRef(username));
      if (!user) throw new Error(`the demo user ${username} is missing`);
      return (await createApiToken(running.ctx, user.id, 'bench')).token;
    };
    tokens = { admin: await tokenOf('admin'), agent: await tokenOf('agent'), handler: await tokenOf('handler') };
    reference = await loadReferenceData(running.ctx);
  } finally {
    await running.close();
  }

  const sink: RowSink =
    config.database.kind === 'sqlite' ? new SqliteSink(config.database.file) : new PostgresSink(config.database.url, schema!);
  log(`seeding ${fmt(TICKETS, 0)} tickets over ${DAYS} days`);
  let lastReport = performance.now();
  let stats: SeedStats;
  try {
    stats = await seedTickets(sink, reference, {
      tickets: TICKETS,
      days: DAYS,
      now: Date.now(),
      timeZone: config.timeZone,
      onProgress: (done, total) => {
        if (performance.now() - lastReport > 10_000 || done === total) {
          lastReport = performance.now();
          log(`  ${fmt(done, 0)} / ${fmt(total, 0)} tickets`);
        }
      },
    });
  } finally {
    await sink.close();
  }
  // The generator writes phone numbers in plain text, as databases from before encryption had
  // them; the application encrypts them at its first start (~0.6 ms per customer). Done here, so
  // the server started for the measurements starts in seconds rather than timing out.
  log(`encrypting the phone numbers of ${fmt(stats.customers, 0)} customers (what a first start does)`);
  const encrypting = performance.now();
  const started = await startApp(config);
  try {
    log(`  done in ${fmt((performance.now() - encrypting) / 1000)} s`);
    if (!args['no-index']) {
      // A real database has every ticket in the search index (created through the API, or by
      // `gongdan reindex`); each create's similar-ticket lookup reads the last days of it.
      log(`indexing the seeded tickets for search (what \`gongdan reindex\` does)`);
      const indexed = await reindexAll(started.ctx);
      log(`  ${fmt(indexed.tickets, 0)} tickets in ${fmt(indexed.seconds)} s (${fmt(indexed.ticketsPerSecond, 0)}/s)`);
    }
  } finally {
    await started.close();
  }
  if (args.analyze && config.database.kind === 'sqlite') {
    const db = new SQLite(config.database.file);
    db.exec('ANALYZE');
    db.close();
  }
  const { sampleTicketIds, customerPhones, ...seed } = stats;
  log(
    `seeded ${fmt(stats.tickets, 0)} tickets, ${fmt(stats.events, 0)} events, ${fmt(stats.participants, 0)} participants, ` +
      `${fmt(stats.customers, 0)} customers in ${fmt(stats.seconds)} s (${fmt(stats.ticketsPerSecond, 0)} tickets/s, ${fmt(stats.rowsPerSecond, 0)} rows/s)`,
  );
  return {
    tickets: TICKETS,
    days: DAYS,
    seededAt: new Date().toISOString(),
    database: config.database.kind === 'sqlite' ? { kind: 'sqlite', file: config.database.file } : { kind: 'postgres', schema: schema! },
    tokens,
    seed,
    sampleTicketIds,
    customerPhones,
  };
}

function startServer(dataDir: string, pgSchema: string | undefined): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GONGDAN_') || key === 'DATABASE_URL') delete env[key];
  Object.assign(env, {
    GONGDAN_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    GONGDAN_BENCH_OUTBOX: args['no-outbox'] ? 'off' : 'on',
    GONGDAN_BENCH_COUNT_QUERIES: args['count-queries'] ? '1' : '0',
    ...(DATABASE_URL && { DATABASE_URL, GONGDAN_DATA_KEY: BENCH_DATA_KEY }),
    ...(pgSchema && { GONGDAN_BENCH_PG_SCHEMA: pgSchema }),
  });
  const profileDir = path.join(benchRoot, 'profiles');
  if (args.profile) mkdirSync(profileDir, { recursive: true });
  const nodeArgs = [...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', path.join(repoRoot, 'bench', 'bench-server.ts')];
  log(`starting the server: node ${nodeArgs.join(' ')}`);
  const started = spawn(process.execPath, nodeArgs, { cwd: repoRoot, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child = started;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 180 s')), 180_000);
    started.on('message', (message: ServerReady) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.port);
      }
    });
    started.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}, signal ${signal}) before it was ready`));
    });
  });
}

async function stopServer(): Promise<void> {
  const running = child;
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
  running.kill('SIGTERM');
  const timeout = setTimeout(() => running.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timeout);
  child = null;
}

function summariseQueries({ statements, cpuMs }: QueryStats, requests: number): QueryReport {
  const perRequest = (n: number) => Math.round((n / Math.max(1, requests)) * 1000) / 1000;
  return {
    serverCpuMsPerRequest: perRequest(cpuMs),
    statementsPerRequest: perRequest(statements.reduce((sum, s) => sum + s.count, 0)),
    statementMsPerRequest: perRequest(statements.reduce((sum, s) => sum + s.totalMs, 0)),
    top: statements.slice(0, 25).map((s) => ({ sql: s.sql, perRequest: perRequest(s.count), msPerRequest: perRequest(s.totalMs) })),
  };
}

function machine() {
  const cpus = os.cpus();
  const memory = new SQLite(':memory:');
  const sqliteVersion = (memory.prepare('select sqlite_version() as v').get() as { v: string }).v;
  memory.close();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion,
  };
}

/** Which code was measured: the commit, and whether src/ had uncommitted changes. */
function codeVersion(): { commit: string; srcUncommittedChanges: string[] } {
  const git = (...gitArgs: string[]) => {
    try {
      return execFileSync('git', gitArgs, { cwd: repoRoot, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    srcUncommittedChanges: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean),
  };
}

function targets(phases: PhaseReport[], tickets: number, dialect: string) {
  const find = (name: string) => phases.find((p) => p.name === name);
  const create = find('create ticket')?.concurrent;
  const queueP99 = Math.max(
    ...['queue page: department, oldest first', 'queue page: exceptions pending, by createdAt']
      .map((name) => find(name)?.sequential?.latencyMs.p99)
      .filter((v): v is number => v !== undefined),
  );
  const note = `targets are stated for a 2-core machine with SQLite${tickets >= 1_000_000 ? '' : ' (the queue target for 1,000,000 tickets)'}; this run: ${os.cpus().length} cores, ${dialect}, ${tickets} tickets`;
  return {
    note,
    createsPerSecond: create ? { target: '>= 3000', actual: create.requestsPerSecond, met: create.requestsPerSecond >= 3000 } : null,
    createP99Ms: create ? { target: '< 25', actual: create.latencyMs.p99, met: create.latencyMs.p99 < 25 } : null,
    createNon2xx: create ? { target: '0', actual: create.non2xx + create.errors, met: create.non2xx + create.errors === 0 } : null,
    queuePageP99Ms: Number.isFinite(queueP99) ? { target: '< 10 (sequential)', actual: queueP99, met: queueP99 < 10 } : null,
  };
}

function printPhase(report: PhaseReport): void {
  const rows = [
    ...(report.sequential ? [phaseRow(report.name, report.sequential)] : []),
    ...(report.concurrent ? [phaseRow(report.name, report.concurrent)] : []),
  ];
  process.stderr.write(`${table(PHASE_HEADER, rows)}\n`);
}

function printSummary(
  m: ReturnType<typeof machine>,
  seeded: SeedFile,
  phases: PhaseReport[],
  raw: RawSqliteResult | undefined,
  t: ReturnType<typeof targets>,
  databaseBytes: number | undefined,
): void {
  const s = seeded.seed;
  const out: string[] = [];
  out.push('');
  out.push(`Gongdan benchmark: ${fmt(seeded.tickets, 0)} tickets on ${seeded.database.kind}; ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, SQLite ${m.sqlite}`);
  out.push(
    `Seed: ${fmt(s.tickets, 0)} tickets, ${fmt(s.events, 0)} events, ${fmt(s.participants, 0)} participants, ${fmt(s.customers, 0)} customers ` +
      `in ${fmt(s.seconds)} s = ${fmt(s.ticketsPerSecond, 0)} tickets/s (${fmt(s.rowsPerSecond, 0)} rows/s); database ${databaseBytes ? fmt(databaseBytes / 2 ** 20, 0) : '?'} MiB`,
  );
  out.push(`Statuses: ${Object.entries(s.byStatus).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(', ')}`);
  out.push('');
  out.push(
    table(
      ['measurement', ...PHASE_HEADER.slice(1)],
      phases.flatMap((p) => [
        ...(p.sequential ? [phaseRow(p.name, p.sequential)] : []),
        ...(p.concurrent ? [phaseRow(p.name, p.concurrent)] : []),
      ]),
    ),
  );
  if (raw) {
    out.push('');
    out.push(
      table(
        ['raw SQLite single-row inserts', 'rows', 'seconds', 'rows/s'],
        [
          ['autocommit (1 transaction per insert)', fmt(raw.autocommit.rows, 0), fmt(raw.autocommit.seconds, 2), fmt(raw.autocommit.rowsPerSecond, 0)],
          ['one transaction', fmt(raw.oneTransaction.rows, 0), fmt(raw.oneTransaction.seconds, 2), fmt(raw.oneTransaction.rowsPerSecond, 0)],
        ],
      ),
    );
  }
  const check = (label: string, v: { target: string; actual: number; met: boolean } | null) =>
    v ? [label, v.target, fmt(v.actual, v.actual >= 100 ? 0 : 2), v.met ? 'yes' : 'no'] : [label, '-', '-', '-'];
  out.push('');
  out.push(
    table(
      ['target (not a pass/fail test)', 'target', 'actual', 'met'],
      [
        check('creates per second (16 clients)', t.createsPerSecond),
        check('create p99 ms (16 clients)', t.createP99Ms),
        check('create non-2xx', t.createNon2xx),
        check('queue page p99 ms', t.queuePageP99Ms),
      ],
    ),
  );
  out.push(`(${t.note})`);
  const counted = phases.filter((p) => p.queries);
  for (const p of counted) {
    out.push('');
    const q = p.queries!;
    out.push(`Per request, ${p.name}: server CPU ${q.serverCpuMsPerRequest} ms; ${q.statementsPerRequest} SQL statements taking ${q.statementMsPerRequest} ms`);
    for (const q of p.queries!.top.slice(0, 15)) out.push(`  ${fmt(q.perRequest, 2).padStart(6)} x ${fmt(q.msPerRequest, 3).padStart(7)} ms  ${q.sql.slice(0, 160)}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
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

async function postgresSchemaBytes(url: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ bytes: string | null }>(
      `select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind = 'r'`,
      [schema],
    );
    return Number(result.rows[0]?.bytes ?? 0);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  killChild('SIGKILL');
  process.exit(1);
});
