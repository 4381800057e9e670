import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import type { DB } from './schema.js';
import { withPreparedStatements } from './prepared-statements.js';
import { withStatementCache } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  close(): Promise<void>;
}

const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;

/** Opens the configured database: embedded SQLite (WAL) by default, PostgreSQL when DATABASE_URL says so. */
export function openDatabase(config: AppConfig['database']): Database {
  return config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, config.schema);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  // NORMAL keeps WAL durable across application crashes; only an OS crash can lose the last commits.
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('cache_size = -65536');
  // Checkpoints (copying the WAL into the database file and syncing both) run in a worker thread
  // every second, so a request never waits for one; the request thread checkpoints itself only
  // if the WAL outgrows 64 MiB because the worker fell behind.
  connection.pragma('wal_autocheckpoint = 16000');
  connection.pragma('journal_size_limit = 67108864');
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file);
  // A grouped commit's savepoints outgrow SQLite's in-memory statement journal; keep it off disk.
  connection.pragma('temp_store = MEMORY');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * The checkpoint thread: its own connection copies the WAL back into the database file (and syncs
 * both) while the request thread keeps appending to the WAL, which WAL mode allows. PASSIVE never
 * waits for the writer. It is plain JavaScript run with `eval`, because a worker's entry module
 * does not go through the TypeScript loader on Node 20.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.sqliteModule);
const connection = new SQLite(workerData.file);
connection.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try { connection.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); connection.close(); parentPort.postMessage('stopped'); });
`;

function startCheckpointer(file: string): { stop(): Promise<void> } {
  // An eval'd worker resolves modules from the working directory, so hand it the exact file.
  const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { file, intervalMs: 1000, sqliteModule } });
  worker.unref();
  // Should the thread die, the request thread's own checkpoints (wal_autocheckpoint) take over.
  worker.on('error', (error) => process.emitWarning(`SQLite checkpoint thread stopped: ${String(error)}`));
  let stopped: Promise<void> | null = null;
  return {
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }).then(() => worker.terminate().then(() => undefined))),
  };
}

function openPostgres(url: string, schema?: string): Database {
  // Timestamps come back as ISO strings and counts as numbers, so both dialects read alike.
  const types = {
    getTypeParser(oid: number, format?: string) {
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return (value: string) => toIso(value);
      if (oid === PG_INT8) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: types as pg.CustomTypesConfig,
    // Our joins start from tickets and reach small reference tables in a sensible order; searching
    // all orders of the eight-table ticket view cost 7-15 ms of planning on every read. Parallel
    // plans are off: the similar-ticket lookup's LIMIT 100 scan took 3.6 ms alone and 14.7 ms
    // with the worker PostgreSQL started for it; a report that scans much may turn them back on
    // for its own transaction.
    options: [
      '-c join_collapse_limit=1',
      '-c max_parallel_workers_per_gather=0',
      ...(schema ? [`-c search_path=${schema}`] : []),
    ].join(' '),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** PostgreSQL prints `2026-11-23 02:00:00.123+00`; JavaScript wants `T` and a `+00:00` offset. */
function toIso(value: string): string {
  return new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

/** Answers true when the database accepts a trivial query. */
export async function isDatabaseReachable(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}

/** Parses a JSON column: jsonb arrives parsed from PostgreSQL, text from SQLite. */
export function readJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

/** Serialises a value for a JSON column on either dialect. */
export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
