/**
 * The CSV import and export benchmark: `node --import tsx bench/import-export.ts [options]`.
 *
 * Seeds a database with N tickets (default 100,000) in bulk through bench/seed.ts, starts the
 * application, and then, over HTTP on a local socket with an administrator's API token:
 *
 * - uploads a customer file (default 10,000 rows: name, two phone numbers, email, tier, tags) and
 *   runs the import worker until it is done: rows per second of the whole import;
 * - uploads a ticket file (default 10,000 rows across four kinds of ticket, each through the real
 *   create: routing, time limits, search index, events) and runs the worker: rows per second;
 * - exports every ticket (`GET /api/v1/tickets/export.csv`) and every customer, streamed:
 *   time to the first byte, rows per second, and the process's peak memory while streaming.
 *
 * The worker runs in this process exactly as `gongdan serve` runs it. It measures; it does not
 * pass or fail.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startApp, type RunningApp } from '../src/app/server.js';
import { createApiToken } from '../src/auth/use-cases/api-tokens.js';
import { parseConfig, type AppConfig } from '../src/platform/config.js';
import { newSecret } from '../src/platform/security/secrets.js';
import { Rng } from './fixtures.js';
import { fmt, table } from './report.js';
import { loadReferenceData, seedTickets } from './seed.js';
import { PostgresSink, SqliteSink, type RowSink } from './sink.js';

const HELP = `Usage: node --import tsx bench/import-export.ts [options]

  --customers N        rows of the customer file to import (default 10000)
  --tickets N          rows of the ticket file to import (default 10000)
  --export-tickets N   tickets to seed in bulk before the export (default 100000)
  --database-url URL   PostgreSQL instead of SQLite (a fresh schema; dropped unless --keep)
  --data-dir DIR       where the SQLite database goes (default .bench/import-export)
  --keep               keep the PostgreSQL schema
  --out FILE           JSON results (default <data-dir>/results.json)
`;

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    tickets: { type: 'string', default: '10000' },
    'export-tickets': { type: 'string', default: '100000' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const CUSTOMERS = Number(args.customers);
const TICKETS = Number(args.tickets);
const EXPORT_TICKETS = Number(args['export-tickets']);
if (![CUSTOMERS, TICKETS, EXPORT_TICKETS].every((n) => Number.isInteger(n) && n >= 100)) {
  process.stderr.write(`--customers, --tickets and --export-tickets must be whole numbers of at least 100.\n${HELP}`);
  process.exit(2);
}
const DATABASE_URL = args['database-url'];
const dataDir = path.resolve(args['data-dir'] ?? path.join(import.meta.dirname, '..', '.bench', `import-export${DATABASE_URL ? '-pg' : ''}`));
const log = (message: string) => process.stderr.write(`[import-export] ${message}\n`);
const schema = DATABASE_URL ? `gongdan_transfer_${Date.now().toString(36)}` : undefined;
const dataKey = randomBytes(32).toString('base64');

function config(): AppConfig {
  const parsed = parseConfig({
    GONGDAN_DATA_DIR: dataDir,
    GONGDAN_ADMIN_PASSWORD: newSecret(12),
    GONGDAN_DEMO_PASSWORD: newSecret(12),
    GONGDAN_SCRYPT_LOG_N: '12',
    GONGDAN_DATA_KEY: dataKey,
    LOG_LEVEL: 'silent',
    ...(DATABASE_URL && { DATABASE_URL }),
  });
  if (parsed.database.kind === 'postgres') parsed.database = { ...parsed.database, schema };
  return parsed;
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

const phone = (prefix: string, i: number) => `${prefix}${String(i).padStart(8, '0')}`;

function customerFile(rows: number): Buffer {
  const rng = new Rng(11);
  const tiers = ['', '', '', 'VIP', '金卡'];
  const lines = ['姓名,手机,办公电话,邮箱,等级,标签'];
  for (let i = 0; i < rows; i++) {
    const tags = rng.chance(0.3) ? '老客户；投诉多' : rng.chance(0.5) ? '新客户' : '';
    lines.push(`导入客户${i},${phone('158', i)},010-${String(60_000_000 + i).slice(-8)} [办公],customer${i}@example.com,${rng.pick(tiers)},${tags}`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function ticketFile(rows: number): Buffer {
  const rng = new Rng(12);
  const lines = ['标题,描述,渠道,工单分类,服务目录,优先级,客户姓名,客户电话,订单号,金额,在线解答,处理结果'];
  for (let i = 0; i < rows; i++) {
    // Half the callers are customers of the customer file, half are new.
    const caller = rng.chance(0.5) ? phone('158', rng.int(0, CUSTOMERS - 1)) : phone('159', i);
    switch (i % 4) {
      case 0:
        lines.push(`退款未到账${i},订单SO${20261123000000 + i}退款一周未到账，客户要求尽快处理,电话,退款,商城售后,高,,${caller},SO${20261123000000 + i},${rng.int(1, 5000)}.00,,`);
        break;
      case 1:
        lines.push(`宽带故障${i},家里光猫红灯无法上网，已重启无效,微信,故障申报,其它,紧急,,${caller},,,,`);
        break;
      case 2:
        lines.push(`咨询${i},询问营业厅营业时间,电话,咨询,其它,低,,${caller},,,是,工作日9-18点`);
        break;
      default:
        lines.push(`投诉${i},快递员态度恶劣，要求道歉,电话,投诉,其它,中,,${caller},,,,`);
    }
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function request(port: number, token: string, method: string, url: string, body?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'text/csv', 'content-length': body.length }) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface ImportResult {
  rows: number;
  uploadMs: number;
  seconds: number;
  rowsPerSecond: number;
  cpuMsPerRow: number;
  counts: Record<string, number>;
}

async function timeImport(running: RunningApp, port: number, token: string, kind: string, file: Buffer, rows: number): Promise<ImportResult> {
  const uploadStarted = performance.now();
  const cpu = process.cpuUsage();
  const started = await request(port, token, 'POST', `/api/v1/imports?kind=${kind}`, file);
  const uploadMs = performance.now() - uploadStarted;
  if (started.status !== 202) throw new Error(`upload refused: ${started.status} ${started.body}`);
  const job = JSON.parse(started.body) as { id: string };
  let lastReport = performance.now();
  while (await running.imports.runOnce()) {
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const progress = JSON.parse((await request(port, token, 'GET', `/api/v1/imports/${job.id}`)).body) as { progress: number };
      log(`  ${kind}: ${progress.progress}%`);
    }
  }
  const seconds = (performance.now() - uploadStarted) / 1000;
  const used = process.cpuUsage(cpu);
  const done = JSON.parse((await request(port, token, 'GET', `/api/v1/imports/${job.id}`)).body) as { status: string; counts: Record<string, number> };
  if (done.status !== 'done' || done.counts.failed !== 0) throw new Error(`import ended ${done.status} with ${JSON.stringify(done.counts)}`);
  const result = { rows, uploadMs, seconds, rowsPerSecond: rows / seconds, cpuMsPerRow: (used.user + used.system) / 1000 / rows, counts: done.counts };
  log(`${kind}: ${fmt(rows, 0)} rows in ${fmt(seconds, 1)} s (upload ${fmt(uploadMs, 0)} ms): ${fmt(result.rowsPerSecond, 0)} rows/s, CPU ${fmt(result.cpuMsPerRow, 2)} ms a row (load ${os.loadavg().map((l) => fmt(l, 1)).join(' ')})`);
  return result;
}

interface ExportResult {
  rows: number;
  megabytes: number;
  firstByteMs: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU of this process (server, and the client counting bytes) per row. */
  cpuMsPerRow: number;
  peakRssDeltaMb: number;
}

/** Streams an export over the socket, counting rows and bytes as they come, and the process's memory. */
function timeExport(port: number, token: string, url: string): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let firstByte = 0;
    let bytes = 0;
    let lines = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const req = http.get({ host: '127.0.0.1', port, path: url, headers: { authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`export answered ${response.statusCode}`));
      response.on('data', (chunk: Buffer) => {
        if (firstByte === 0) firstByte = performance.now() - started;
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      });
      response.on('end', () => {
        clearInterval(sampler);
        const seconds = (performance.now() - started) / 1000;
        const rows = lines - 1;
        const used = process.cpuUsage(cpu);
        const cpuMsPerRow = (used.user + used.system) / 1000 / rows;
        resolve({ rows, megabytes: bytes / 2 ** 20, firstByteMs: firstByte, seconds, rowsPerSecond: rows / seconds, cpuMsPerRow, peakRssDeltaMb: (peak - rssBefore) / 2 ** 20 });
      });
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (schema) await adminQuery(`create schema ${schema}`);
  const settings = config();
  const results: Record<string, unknown> = {
    database: settings.database.kind,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`,
    loadAverageAtStart: os.loadavg(),
  };
  try {
    log(`migrating and seeding the demo organisation (${settings.database.kind})`);
    const first = await startApp(settings);
    const reference = await loadReferenceData(first.ctx).finally(() => first.close());
    const sink: RowSink = settings.database.kind === 'sqlite' ? new SqliteSink(settings.database.file) : new PostgresSink(settings.database.url, schema!);
    log(`seeding ${fmt(EXPORT_TICKETS, 0)} tickets in bulk for the export`);
    const stats = await seedTickets(sink, reference, { tickets: EXPORT_TICKETS, days: 90, now: Date.now(), timeZone: settings.timeZone }).finally(async () => {
      await sink.finish();
      await sink.close();
    });
    log(`seeded ${fmt(stats.tickets, 0)} tickets and ${fmt(stats.customers, 0)} customers in ${fmt(stats.seconds)} s; starting (encrypts their phone numbers)`);
    const running = await startApp(settings);
    try {
      const admin = (await running.ctx.uow.read((repos) => repos.users.findByRef('admin')))!;
      const token = (await createApiToken(running.ctx, admin.id, 'bench')).token;
      const address = await running.app.listen({ port: 0, host: '127.0.0.1' });
      const port = Number(new URL(address).port);

      results.customerImport = await timeImport(running, port, token, 'customers', customerFile(CUSTOMERS), CUSTOMERS);
      results.ticketImport = await timeImport(running, port, token, 'tickets', ticketFile(TICKETS), TICKETS);
      const tickets = await timeExport(port, token, '/api/v1/tickets/export.csv');
      log(`ticket export: ${fmt(tickets.rows, 0)} rows, ${fmt(tickets.megabytes)} MiB in ${fmt(tickets.seconds)} s: ${fmt(tickets.rowsPerSecond, 0)} rows/s, CPU ${fmt(tickets.cpuMsPerRow, 3)} ms a row, first byte ${fmt(tickets.firstByteMs, 0)} ms, peak RSS +${fmt(tickets.peakRssDeltaMb, 0)} MiB`);
      const customers = await timeExport(port, token, '/api/v1/customers/export.csv');
      log(`customer export: ${fmt(customers.rows, 0)} rows, ${fmt(customers.megabytes)} MiB in ${fmt(customers.seconds)} s: ${fmt(customers.rowsPerSecond, 0)} rows/s, CPU ${fmt(customers.cpuMsPerRow, 3)} ms a row, first byte ${fmt(customers.firstByteMs, 0)} ms, peak RSS +${fmt(customers.peakRssDeltaMb, 0)} MiB`);
      results.ticketExport = tickets;
      results.customerExport = customers;
      results.loadAverageAtEnd = os.loadavg();
      const imported = (name: string, r: ImportResult) => [name, fmt(r.rows, 0), fmt(r.seconds), fmt(r.rowsPerSecond, 0), fmt(r.cpuMsPerRow, 3), '-', '-'];
      const exported = (name: string, r: ExportResult) => [name, fmt(r.rows, 0), fmt(r.seconds), fmt(r.rowsPerSecond, 0), fmt(r.cpuMsPerRow, 3), fmt(r.firstByteMs, 0), fmt(r.peakRssDeltaMb, 0)];
      const rows = [
        imported('customer import', results.customerImport as ImportResult),
        imported('ticket import', results.ticketImport as ImportResult),
        exported('ticket export', tickets),
        exported('customer export', customers),
      ];
      process.stdout.write(`\n${table(['measurement', 'rows', 'seconds', 'rows/s', 'CPU ms/row', 'first byte ms', 'peak RSS +MiB'], rows)}\n\n`);
    } finally {
      await running.close();
    }
  } finally {
    if (schema && !args.keep) await adminQuery(`drop schema ${schema} cascade`);
  }
  const out = args.out ?? path.join(dataDir, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${out}`);
}

await main();
