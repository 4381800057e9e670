import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';
import type { DialectName } from '../database.js';

/**
 * Full-text search over tickets (src/search). The application stores pre-tokenised text (tokens
 * separated by spaces; see src/search/domain/tokenize.ts), so the engines only split on spaces:
 *
 * - SQLite: a contentless FTS5 table (the index only, no second copy of the text) whose rowids
 *   map to tickets through `ticket_search_ids`; rows are replaced in place (contentless_delete).
 *   `unicode61` with every letter and number category (including code points unassigned in its
 *   Unicode 6.1 tables, e.g. newer CJK extensions) keeps each stored token whole.
 * - PostgreSQL: one tsvector per ticket built with to_tsvector('simple', …) and weights A/B/C,
 *   with a GIN index. Only the built-in parser and dictionary: nothing outside core.
 *
 * A new database starts with an empty index that every ticket change keeps current; a database
 * that already holds tickets is indexed by `gongdan reindex`.
 */
export const searchMigration = (t: ColumnTypes, dialect: DialectName): Migration => ({ up: (db) => up(db, t, dialect) });

async function up(db: Kysely<unknown>, _t: ColumnTypes, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await db.schema
      .createTable('ticket_search_ids')
      .addColumn('doc_id', 'integer', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull().unique().references('tickets.id'))
      .execute();
    await sql`create virtual table ticket_search_fts using fts5(
      title, body, notes,
      content = '', contentless_delete = 1,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Cn'"
    )`.execute(db);
    return;
  }
  await db.schema
    .createTable('ticket_search')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index ticket_search_document on ticket_search using gin (document)`.execute(db);
}
