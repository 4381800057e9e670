import SQLite from 'better-sqlite3';
import pg from 'pg';

/** Column types as PostgreSQL needs them for `unnest`; SQLite ignores them. */
export type ColumnType = 'text' | 'integer' | 'timestamptz' | 'jsonb';

export interface TableSpec {
  name: string;
  columns: ReadonlyArray<readonly [string, ColumnType]>;
}

export type Cell = string | number | null;
export type Row = Cell[];

/** Where bulk rows go: one transaction per `flush`, big multi-row writes, no per-row round trips. */
export interface RowSink {
  readonly dialect: 'sqlite' | 'postgres';
  /** Writes the buffered rows of every table in one transaction, parents first (the order given). */
  flush(batches: ReadonlyArray<readonly [TableSpec, Row[]]>): Promise<void>;
  /** Raises each day's ticket counter to at least the given value. */
  upsertCounters(counters: ReadonlyMap<string, number>): Promise<void>;
  /** Statistics and journal settings back to what the application expects. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

const SQLITE_ROWS_PER_STATEMENT = 50;

/**
 * better-sqlite3 with the journal and fsync off for the load (the file is thrown away if the
 * process dies) and a large page cache, then back to WAL as the application runs it. Rows go
 * in 50 per INSERT statement.
 */
export class SqliteSink implements RowSink {
  readonly dialect = 'sqlite';
  private readonly db: SQLite.Database;
  private readonly statements = new Map<string, { single: SQLite.Statement; multi: SQLite.Statement }>();

  constructor(file: string) {
    this.db = new SQLite(file);
    // better-sqlite3 runs SQLite in defensive mode, which refuses journal_mode=OFF; lift it for the load.
    this.db.unsafeMode(true);
    const mode = this.db.pragma('journal_mode = OFF', { simple: true });
    if (mode !== 'off') throw new Error(`could not turn the journal off for the bulk load (journal_mode is ${String(mode)})`);
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -1048576');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('locking_mode = EXCLUSIVE');
  }

  private statementsFor(table: TableSpec) {
    let found = this.statements.get(table.name);
    if (!found) {
      const columns = table.columns.map(([name]) => name).join(', ');
      const tuple = `(${table.columns.map(() => '?').join(', ')})`;
      const sql = (n: number) => `INSERT INTO ${table.name} (${columns}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
      found = { single: this.db.prepare(sql(1)), multi: this.db.prepare(sql(SQLITE_ROWS_PER_STATEMENT)) };
      this.statements.set(table.name, found);
    }
    return found;
  }

  async flush(batches: ReadonlyArray<readonly [TableSpec, Row[]]>): Promise<void> {
    this.db.exec('BEGIN');
    try {
      for (const [table, rows] of batches) {
        const { single, multi } = this.statementsFor(table);
        let i = 0;
        for (; i + SQLITE_ROWS_PER_STATEMENT <= rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
          multi.run(rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT).flat());
        }
        for (; i < rows.length; i++) single.run(rows[i]!);
      }
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async upsertCounters(counters: ReadonlyMap<string, number>): Promise<void> {
    const upsert = this.db.prepare(
      'INSERT INTO ticket_counters (day, last_value) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET last_value = max(last_value, excluded.last_value)',
    );
    this.db.transaction(() => {
      for (const [day, value] of counters) upsert.run(day, value);
    })();
  }

  async finish(): Promise<void> {
    this.db.pragma('locking_mode = NORMAL');
    const mode = this.db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch the database back to WAL (journal_mode is ${String(mode)})`);
    this.db.unsafeMode(false);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

const PG_ROWS_PER_STATEMENT = 5000;

/** PostgreSQL: one `INSERT … SELECT FROM unnest($1::text[], …)` per 5,000 rows: a single parameter per column. */
export class PostgresSink implements RowSink {
  readonly dialect = 'postgres';
  private readonly pool: pg.Pool;

  constructor(url: string, schema: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
  }

  async flush(batches: ReadonlyArray<readonly [TableSpec, Row[]]>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      for (const [table, rows] of batches) {
        const columns = table.columns.map(([name]) => name).join(', ');
        const arrays = table.columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
        const sql = `INSERT INTO ${table.name} (${columns}) SELECT * FROM unnest(${arrays})`;
        for (let i = 0; i < rows.length; i += PG_ROWS_PER_STATEMENT) {
          const chunk = rows.slice(i, i + PG_ROWS_PER_STATEMENT);
          const params = table.columns.map((_, c) => chunk.map((row) => row[c] ?? null));
          await client.query(sql, params);
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async upsertCounters(counters: ReadonlyMap<string, number>): Promise<void> {
    await this.pool.query(
      `INSERT INTO ticket_counters (day, last_value) SELECT * FROM unnest($1::text[], $2::integer[])
       ON CONFLICT (day) DO UPDATE SET last_value = GREATEST(ticket_counters.last_value, excluded.last_value)`,
      [[...counters.keys()], [...counters.values()]],
    );
  }

  async finish(): Promise<void> {
    // Autovacuum would analyse a table this size within minutes of the load; do it now.
    await this.pool.query('ANALYZE users, department_members, customers, tickets, ticket_events, ticket_participants, ticket_counters');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
