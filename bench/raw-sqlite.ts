import { rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Rng, uuidV7At } from './fixtures.js';

export interface InsertRate {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

export interface RawSqliteResult {
  sqliteVersion: string;
  settings: string;
  /** One INSERT per statement, each its own transaction (what a write per request costs at the bottom). */
  autocommit: InsertRate;
  /** The same statements inside one transaction: the engine's ceiling for single-row inserts. */
  oneTransaction: InsertRate;
}

/**
 * Raw single-row inserts into a scratch table shaped like a timeline row, in a separate file
 * with the application's settings (WAL, synchronous=NORMAL), through a prepared statement.
 */
export function rawSqliteInserts(file: string, options: { autocommitSeconds: number; transactionRows: number }): RawSqliteResult {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE scratch (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      at TEXT NOT NULL,
      content TEXT,
      data TEXT NOT NULL
    )`);
    const insert = db.prepare('INSERT INTO scratch (id, ticket_id, seq, type, at, content, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const rng = new Rng(99);
    const ticketId = uuidV7At(Date.now(), rng);
    const row = (i: number): [string, string, number, string, string, string, string] => [
      uuidV7At(Date.now(), rng),
      ticketId,
      i,
      'ticket.note_added',
      new Date().toISOString(),
      '已电话联系客户，客户表示知晓，等待进一步处理。',
      '{"internal":true}',
    ];

    // Autocommit: for a fixed time, checking the clock every 64 rows.
    const rows = Array.from({ length: 64 }, (_, i) => row(i));
    let autocommitRows = 0;
    const autoStart = performance.now();
    while (performance.now() - autoStart < options.autocommitSeconds * 1000) {
      for (const r of rows) {
        r[0] = uuidV7At(Date.now(), rng);
        insert.run(r);
      }
      autocommitRows += rows.length;
    }
    const autoSeconds = (performance.now() - autoStart) / 1000;

    const batch = Array.from({ length: options.transactionRows }, (_, i) => row(i));
    const txStart = performance.now();
    db.transaction(() => {
      for (const r of batch) insert.run(r);
    })();
    const txSeconds = (performance.now() - txStart) / 1000;

    const version = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    return {
      sqliteVersion: version,
      settings: 'journal_mode=WAL, synchronous=NORMAL, prepared statement, 7-column row with a text UUIDv7 primary key',
      autocommit: { rows: autocommitRows, seconds: round(autoSeconds), rowsPerSecond: Math.round(autocommitRows / autoSeconds) },
      oneTransaction: { rows: options.transactionRows, seconds: round(txSeconds), rowsPerSecond: Math.round(options.transactionRows / txSeconds) },
    };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
