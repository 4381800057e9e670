import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config.js';
import type { DB } from './schema.js';
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
  // Each checkpoint syncs the WAL and the database file; with many indexes a commit dirties many
  // pages, so the default (1,000 pages) checkpointed every few dozen tickets. 16,000 pages (64 MiB)
  // halves commit time under load; the WAL is truncated back to that size after each checkpoint.
  connection.pragma('wal_autocheckpoint = 16000');
  connection.pragma('journal_size_limit = 67108864');
  // A grouped commit's savepoints outgrow SQLite's in-memory statement journal; keep it off disk.
  connection.pragma('temp_store = MEMORY');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
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
    // all orders of the eight-table ticket view cost 7-15 ms of planning on every read.
    options: ['-c join_collapse_limit=1', ...(schema ? [`-c search_path=${schema}`] : [])].join(' '),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
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
