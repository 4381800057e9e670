import { sql, type Kysely } from 'kysely';
import type { Database, DialectName } from './database.js';
import type { DB } from './schema.js';

/** What a repository needs: a query executor (the pool or the open transaction) and the dialect. */
export interface DbContext {
  db: Kysely<DB>;
  dialect: DialectName;
}

/** The part of a unit of work that code needing only some repositories depends on. */
export interface Transactor<R> {
  write<T>(work: (repos: R) => Promise<T>): Promise<T>;
  read<T>(work: (repos: R) => Promise<T>): Promise<T>;
  /**
   * Runs a small write in a transaction of its own, committed before the use case that needs it
   * begins, where writers run side by side (PostgreSQL): a hot row such as a counter is then
   * locked for one statement, not for a whole use case. Answers null where the work belongs in
   * the use case's own transaction instead (SQLite's one writer; a rehearsal).
   */
  aside<T>(work: (repos: R) => Promise<T>): Promise<T | null>;
}

interface Job<R> {
  work: (repos: R) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Enough to amortise a commit over a burst of requests without making any one of them wait long. */
const MAX_GROUP = 64;

/**
 * PostgreSQL ends one of two transactions that wait on each other's row locks (deadlock_detected)
 * and may refuse one that could not be serialised; neither did anything wrong, and the use case
 * run again from the start sees the other's outcome (a ticket already merged, say).
 */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= MAX_ATTEMPTS || typeof code !== 'string' || !RETRYABLE_CODES.has(code)) throw error;
    }
  }
}

/**
 * One use case = one transaction. `write` runs the function atomically with repositories bound
 * to the transaction; `read` runs it on the pool, for queries that change nothing.
 *
 * On SQLite, whose single writer pays for every commit with WAL writes and checkpoint syncs,
 * writes that arrive together share one commit (group commit): each runs inside its own
 * SAVEPOINT, so a failing use case rolls back alone and the others still commit. Every caller
 * is answered only after the commit that holds its changes. PostgreSQL groups commits itself,
 * so there each use case is its own transaction, run again when the database ends it to break a
 * deadlock.
 */
export class UnitOfWork<R> implements Transactor<R> {
  private readonly queue: Array<Job<R>> = [];
  private flushing = false;

  constructor(
    private readonly database: Database,
    private readonly makeRepositories: (ctx: DbContext) => R,
  ) {}

  write<T>(work: (repos: R) => Promise<T>): Promise<T> {
    if (this.database.dialect !== 'sqlite') {
      return withRetries(() => this.database.db.transaction().execute((trx) => work(this.repositories(trx))));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        // better-sqlite3 answers through microtasks, so a flush started now would commit before
        // the event loop reads the next request; waiting one turn lets a burst share the commit.
        setImmediate(() => void this.flush());
      }
    });
  }

  read<T>(work: (repos: R) => Promise<T>): Promise<T> {
    return work(this.repositories(this.database.db));
  }

  async aside<T>(work: (repos: R) => Promise<T>): Promise<T | null> {
    if (this.database.dialect === 'sqlite') return null;
    return withRetries(() => this.database.db.transaction().execute((trx) => work(this.repositories(trx))));
  }

  private repositories(db: Kysely<DB>): R {
    return this.makeRepositories({ db, dialect: this.database.dialect });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) await this.commitGroup(this.queue.splice(0, MAX_GROUP));
    } finally {
      this.flushing = false;
    }
  }

  private async commitGroup(group: Array<Job<R>>): Promise<void> {
    const settled: Array<() => void> = [];
    let trx;
    try {
      trx = await this.database.db.startTransaction().execute();
      for (const job of group) {
        await sql`savepoint unit_of_work`.execute(trx);
        try {
          // Fresh repositories per use case: nothing one memoises may leak into the next.
          const value = await job.work(this.repositories(trx));
          await sql`release unit_of_work`.execute(trx);
          settled.push(() => job.resolve(value));
        } catch (error) {
          await sql`rollback to unit_of_work`.execute(trx);
          await sql`release unit_of_work`.execute(trx);
          settled.push(() => job.reject(error));
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx?.rollback().execute().catch(() => undefined);
      for (const job of group) job.reject(error);
      return;
    }
    for (const settle of settled) settle();
  }
}

/** Whether a database error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** What a step run in its own savepoint came to: its value, or the error that rolled it back. */
export type StepOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs work inside the open transaction in a savepoint of its own: when it throws, only its
 * changes roll back and the error is handed back, so the transaction goes on. Steps run one
 * after another (a transaction is one connection). Only meaningful inside `write`.
 */
export type SavepointRunner = <T>(work: () => Promise<T>) => Promise<StepOutcome<T>>;

export function savepointRunner(ctx: DbContext): SavepointRunner {
  let depth = 0;
  return async (work) => {
    const name = sql.raw(`step_${++depth}`);
    try {
      await sql`savepoint ${name}`.execute(ctx.db);
      try {
        const value = await work();
        await sql`release ${name}`.execute(ctx.db);
        return { ok: true, value };
      } catch (error) {
        await sql`rollback to ${name}`.execute(ctx.db);
        await sql`release ${name}`.execute(ctx.db);
        return { ok: false, error };
      }
    } finally {
      depth--;
    }
  };
}

class Rehearsed {
  constructor(readonly value: unknown) {}
}

/**
 * A unit of work whose writes run in full and are then rolled back: a dry run of any use case,
 * with every check and query it makes, that leaves the database as it was. Reads are unchanged.
 */
export function rehearsal<R>(uow: Transactor<R>): Transactor<R> {
  return {
    read: (work) => uow.read(work),
    // Nothing may outlive the rehearsal: such writes go into its transaction and roll back with it.
    aside: async () => null,
    write: async <T>(work: (repos: R) => Promise<T>): Promise<T> => {
      try {
        await uow.write(async (repos) => {
          throw new Rehearsed(await work(repos));
        });
      } catch (error) {
        if (error instanceof Rehearsed) return error.value as T;
        throw error;
      }
      throw new Error('A rehearsed write was not rolled back.');
    },
  };
}
