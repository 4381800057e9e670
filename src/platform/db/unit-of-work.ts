import type { Kysely } from 'kysely';
import type { Database, DialectName } from './database.js';
import type { DB } from './schema.js';

/** What a repository needs: a query executor (the pool or the open transaction) and the dialect. */
export interface DbContext {
  db: Kysely<DB>;
  dialect: DialectName;
}

/**
 * One use case = one transaction. `write` runs the function inside a transaction with
 * repositories bound to it; `read` runs it on the pool, for queries that change nothing.
 */
export class UnitOfWork<R> {
  constructor(
    private readonly database: Database,
    private readonly makeRepositories: (ctx: DbContext) => R,
  ) {}

  write<T>(work: (repos: R) => Promise<T>): Promise<T> {
    return this.database.db
      .transaction()
      .execute((trx) => work(this.makeRepositories({ db: trx, dialect: this.database.dialect })));
  }

  read<T>(work: (repos: R) => Promise<T>): Promise<T> {
    return work(this.makeRepositories({ db: this.database.db, dialect: this.database.dialect }));
  }
}

/** Whether a database error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
