/**
 * The server under test, in its own process so that it and the load generator use separate
 * cores. Configured from the environment like `gongdan serve` (plus GONGDAN_BENCH_PG_SCHEMA),
 * it adds GET /bench/noop — the framework's ceiling — and reports its port over IPC.
 *
 * GONGDAN_BENCH_OUTBOX=off      leaves the outbox worker stopped (serve starts it)
 * GONGDAN_BENCH_COUNT_QUERIES=1 counts and times every SQL statement (on SQLite: inside better-sqlite3,
 *                               BEGIN/COMMIT/SAVEPOINT included; on PostgreSQL: from compilation to result)
 *                               and the server's CPU time; GET /bench/queries reads and resets both
 */
import SQLite from 'better-sqlite3';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { AddressInfo } from 'node:net';
import { startApp, type RunningApp } from '../src/app/server.js';
import { parseConfig } from '../src/platform/config.js';

export interface ServerReady {
  ready: true;
  port: number;
}

interface StatementStats {
  count: number;
  totalMs: number;
}

type StatementMethod = (...args: unknown[]) => unknown;

/**
 * Times every statement better-sqlite3 runs, by SQL text: the engine's own time, without
 * Kysely's compilation or waits for the connection. Patches the shared Statement prototype.
 */
function instrumentSqlite(stats: Map<string, StatementStats>): void {
  const probe = new SQLite(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'run' | 'all' | 'get', StatementMethod>;
  probe.close();
  for (const method of ['run', 'all', 'get'] as const) {
    const original = prototype[method];
    prototype[method] = function timed(this: SQLite.Statement, ...args: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const entry = stats.get(this.source) ?? { count: 0, totalMs: 0 };
        entry.count++;
        entry.totalMs += performance.now() - start;
        stats.set(this.source, entry);
      }
    };
  }
}

/** Counts statements by SQL text and times them from compilation to result (connection waits included). */
class QueryCounter implements KyselyPlugin {
  private readonly started = new WeakMap<object, { sql: string; at: number }>();

  constructor(
    private readonly stats: Map<string, StatementStats>,
    private readonly compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => string,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { sql: this.compile(args.node, args.queryId), at: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const start = this.started.get(args.queryId);
    if (start) {
      const entry = this.stats.get(start.sql) ?? { count: 0, totalMs: 0 };
      entry.count++;
      entry.totalMs += performance.now() - start.at;
      this.stats.set(start.sql, entry);
    }
    return args.result;
  }
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const schema = process.env.GONGDAN_BENCH_PG_SCHEMA;
  if (schema && config.database.kind === 'postgres') config.database = { ...config.database, schema };
  const counting = process.env.GONGDAN_BENCH_COUNT_QUERIES === '1';
  const stats = new Map<string, StatementStats>();
  if (counting && config.database.kind === 'sqlite') instrumentSqlite(stats);
  const running: RunningApp = await startApp(config);
  if (process.env.GONGDAN_BENCH_OUTBOX !== 'off') running.outbox.start();

  running.app.get('/bench/noop', { config: { public: true } }, async () => ({ ok: true }));

  if (counting) {
    if (config.database.kind === 'postgres') {
      const executor = running.database.db.getExecutor();
      const counter = new QueryCounter(stats, (node, queryId) => executor.compileQuery(node, queryId).sql);
      // The unit of work reads `database.db` on every use case, so the plugin sees every statement.
      running.database.db = running.database.db.withPlugin(counter);
    }
    let cpuSince = process.cpuUsage();
    running.app.get('/bench/queries', { config: { public: true } }, async () => {
      const rows = [...stats].map(([sql, s]) => ({ sql, count: s.count, totalMs: Math.round(s.totalMs * 1000) / 1000 }));
      stats.clear();
      const cpu = process.cpuUsage(cpuSince);
      cpuSince = process.cpuUsage();
      return { statements: rows.sort((a, b) => b.totalMs - a.totalMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    });
  }

  await running.app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  const { port } = running.app.server.address() as AddressInfo;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await running.close();
    } finally {
      // A clean exit also lets --cpu-prof write its profile.
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent died or let go: do not linger.
  process.on('disconnect', stop);

  const ready: ServerReady = { ready: true, port };
  if (process.send) process.send(ready);
  else console.log(JSON.stringify(ready));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
