import { expressionBuilder, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { FieldValue } from '../../catalog/domain/service-item-form.js';
import { readJson } from '../../platform/db/database.js';
import type { DB, TicketsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { VisibilityScope } from '../../tickets/domain/ticket-access.js';
import { filters, type TicketListQuery, type TicketsEb } from '../../tickets/persistence/tickets-repository.js';
import { selectTicketViews, toTicketView, type TicketView } from '../../tickets/persistence/ticket-view.js';
import { SEARCHABLE_EVENT_TYPES, type SearchDocument } from '../domain/search-document.js';
import type { TierExpression } from '../domain/tokenize.js';
import { fts5Expression, tsqueryAsTyped, tsqueryExpression, tsqueryRankExpression } from './search-query.js';

/**
 * Column weights. SQLite: bm25() per FTS5 column (title, body, notes). PostgreSQL: ts_rank's
 * weights for D, C, B, A (A = title, B = body, C = notes), with rank normalisation 1 (divided by
 * 1 + log of the document length, like bm25's length normalisation).
 */
export const BM25_WEIGHTS = [10, 4, 1.5] as const;
/** SQLite allows 32,766 parameters per statement; four per document. */
const SQLITE_ROWS_PER_INSERT = 500;
export const TS_RANK_WEIGHTS = '{0.05, 0.15, 0.4, 1.0}';
/** PostgreSQL: a ticket containing a run as typed scores (1 + this) times higher per such run. */
const AS_TYPED_BONUS = 3;

/** The text a ticket's search document and highlights are built from, as stored. */
export interface StoredSources {
  ticketId: string;
  number: string;
  title: string;
  description: string;
  fields: Record<string, FieldValue>;
  serviceItemId: string;
  result: string | null;
  customerName: string | null;
  createdAt: string;
  /** Searchable timeline entries, oldest first. */
  events: Array<{ type: string; content: string | null }>;
}

export interface RankedMatch {
  ticketId: string;
  /** Higher is better, comparable only within one query on one dialect. */
  score: number;
}

/** Which tickets a search may return: the list filters and the caller's visibility. */
export interface SearchScope {
  query: TicketListQuery;
  visibility: VisibilityScope;
}

/** What the similar-ticket scoring reads of a candidate. */
export interface CandidateText {
  id: string;
  title: string;
  description: string;
  customerId: string | null;
}

export class SearchRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Writes (or replaces) one ticket's search document: one row on each dialect. */
  async upsert(ticketId: string, doc: SearchDocument): Promise<void> {
    if (this.ctx.dialect === 'postgres') {
      await sql`insert into ticket_search (ticket_id, document) values (${ticketId}, ${tsvector(doc)})
        on conflict (ticket_id) do update set document = excluded.document`.execute(this.ctx.db);
      return;
    }
    const { doc_id: docId } = await this.ctx.db
      .insertInto('ticket_search_ids')
      .values({ ticket_id: ticketId })
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet((eb) => ({ ticket_id: eb.ref('excluded.ticket_id') })))
      .returning('doc_id')
      .executeTakeFirstOrThrow();
    await sql`insert or replace into ticket_search_fts (rowid, title, body, notes)
      values (${docId}, ${doc.title}, ${doc.body}, ${doc.notes})`.execute(this.ctx.db);
  }

  /** Many new documents at once (re-indexing): multi-row statements, in the order given. */
  async insertMany(docs: ReadonlyArray<{ ticketId: string; doc: SearchDocument }>): Promise<void> {
    if (docs.length === 0) return;
    if (this.ctx.dialect === 'postgres') {
      const rows = docs.map(({ ticketId, doc }) => sql`(${ticketId}, ${tsvector(doc)})`);
      await sql`insert into ticket_search (ticket_id, document) values ${sql.join(rows)}
        on conflict (ticket_id) do update set document = excluded.document`.execute(this.ctx.db);
      return;
    }
    // Multi-row statements: the ids first (their rowids), then the FTS rows under those rowids.
    for (let i = 0; i < docs.length; i += SQLITE_ROWS_PER_INSERT) {
      const chunk = docs.slice(i, i + SQLITE_ROWS_PER_INSERT);
      const ids = await this.ctx.db
        .insertInto('ticket_search_ids')
        .values(chunk.map(({ ticketId }) => ({ ticket_id: ticketId })))
        .onConflict((oc) => oc.column('ticket_id').doUpdateSet((eb) => ({ ticket_id: eb.ref('excluded.ticket_id') })))
        .returning(['doc_id', 'ticket_id'])
        .execute();
      const docIds = new Map(ids.map((row) => [row.ticket_id, row.doc_id]));
      const rows = chunk.map(({ ticketId, doc }) => sql`(${docIds.get(ticketId)!}, ${doc.title}, ${doc.body}, ${doc.notes})`);
      await sql`insert or replace into ticket_search_fts (rowid, title, body, notes) values ${sql.join(rows)}`.execute(this.ctx.db);
    }
  }

  /**
   * Before a bulk build on SQLite: a page cache large enough for FTS5's segment merges (the
   * application's 64 MiB makes them re-read the index from the file over and over). Affects this
   * connection only; `gongdan reindex` runs in its own process.
   */
  async prepareForBulk(): Promise<void> {
    if (this.ctx.dialect === 'sqlite') await sql`pragma cache_size = -1048576`.execute(this.ctx.db);
  }

  /** Empties the index (before a full re-index). */
  async clear(): Promise<void> {
    if (this.ctx.dialect === 'postgres') {
      await sql`delete from ticket_search`.execute(this.ctx.db);
      return;
    }
    await sql`delete from ticket_search_ids`.execute(this.ctx.db);
    await sql`insert into ticket_search_fts (ticket_search_fts) values ('delete-all')`.execute(this.ctx.db);
  }

  /** After a bulk build: merges SQLite's index segments into one (fewer lookups per query); analyses on PostgreSQL. */
  async optimize(): Promise<void> {
    if (this.ctx.dialect === 'postgres') await sql`analyze ticket_search`.execute(this.ctx.db);
    else await sql`insert into ticket_search_fts (ticket_search_fts) values ('optimize')`.execute(this.ctx.db);
  }

  async countDocuments(): Promise<number> {
    const table = this.ctx.dialect === 'postgres' ? 'ticket_search' : 'ticket_search_ids';
    const row = await this.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The tickets matching one tier, best first: among the `limit` most recent matches that pass
   * the filters (most recent = highest rowid on SQLite, latest created_at on PostgreSQL), ordered
   * by bm25 / ts_rank with the column weights, newer first among equal scores.
   */
  async rankTier(tier: TierExpression, scope: SearchScope, limit: number): Promise<RankedMatch[]> {
    return this.ctx.dialect === 'postgres' ? this.rankTierPostgres(tier, scope, limit) : this.rankTierSqlite(tier, scope, limit);
  }

  private async rankTierSqlite(tier: TierExpression, scope: SearchScope, limit: number): Promise<RankedMatch[]> {
    const expression = fts5Expression(tier);
    // 1. The newest `limit` matches passing the filters: FTS5 walks the doclists from the highest
    //    rowid down, the joins check each match, and the walk stops at `limit`.
    let newest = this.ctx.db
      .selectFrom('ticket_search_fts as f')
      .innerJoin('ticket_search_ids as s', 's.doc_id', 'f.rowid')
      .select([sql<number>`f.rowid`.as('doc'), 's.ticket_id as ticketId'])
      .where(sql<SqlBool>`f.ticket_search_fts match ${expression}`)
      .orderBy(sql`f.rowid`, 'desc')
      .limit(limit);
    if (needsTicketJoin(scope)) {
      newest = newest
        .innerJoin('tickets as t', 't.id', 's.ticket_id')
        .where((eb) => eb.and(filters(eb as unknown as TicketsEb, scope.query, scope.visibility)));
    }
    const candidates = await newest.execute();
    if (candidates.length === 0) return [];
    const ticketOf = new Map(candidates.map((c) => [c.doc, c.ticketId]));
    // 2. bm25 of every match from the oldest candidate up, without the joins; only candidates are kept.
    const [title, body, notes] = BM25_WEIGHTS;
    const scored = await this.ctx.db
      .selectFrom('ticket_search_fts as f')
      .select([sql<number>`f.rowid`.as('doc'), sql<number>`bm25(f.ticket_search_fts, ${sql.lit(title)}, ${sql.lit(body)}, ${sql.lit(notes)})`.as('rank')])
      .where(sql<SqlBool>`f.ticket_search_fts match ${expression}`)
      .where(sql<SqlBool>`f.rowid >= ${candidates[candidates.length - 1]!.doc}`)
      .execute();
    return scored
      .filter((row) => ticketOf.has(row.doc))
      .sort((a, b) => a.rank - b.rank || b.doc - a.doc)
      .map((row) => ({ ticketId: ticketOf.get(row.doc)!, score: -row.rank }));
  }

  private async rankTierPostgres(tier: TierExpression, scope: SearchScope, limit: number): Promise<RankedMatch[]> {
    const query = sql`to_tsquery('simple', ${tsqueryExpression(tier)})`;
    const newest = this.ctx.db
      .selectFrom('ticket_search as s')
      .innerJoin('tickets as t', 't.id', 's.ticket_id')
      .select(['s.ticket_id', 's.document', 't.created_at'])
      .where(sql<SqlBool>`s.document @@ ${query}`)
      .where((eb) => eb.and(filters(eb as unknown as TicketsEb, scope.query, scope.visibility)))
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .limit(limit);
    // bm25 on SQLite rewards a rare phrase by its own inverse frequency; ts_rank cannot, so the
    // tickets with a run as typed (无法上网, not 无法…上网 apart) get an explicit bonus.
    const bonuses = tsqueryAsTyped(tier).map((phrase) => sql`(m.document @@ to_tsquery('simple', ${phrase}))::int`);
    const asTypedBonus = sql`(1 + ${AS_TYPED_BONUS} * (${bonuses.length > 0 ? sql.join(bonuses, sql` + `) : sql`0`}))`;
    const rows = await this.ctx.db
      .with('m', () => newest)
      .selectFrom('m')
      .select(['m.ticket_id as ticketId', sql<number>`ts_rank(${TS_RANK_WEIGHTS}::float4[], m.document, to_tsquery('simple', ${tsqueryRankExpression(tier)}), 1) * ${asTypedBonus}`.as('rank')])
      .orderBy('rank', 'desc')
      .orderBy('m.created_at', 'desc')
      .orderBy('m.ticket_id', 'desc')
      .execute();
    return rows.map((r) => ({ ticketId: r.ticketId, score: Number(r.rank) }));
  }

  /**
   * The newest `limit` tickets passing the scope (the similar-ticket lookup asks for the open
   * tickets created in the window) whose document matches any of the
   * conjunctions, newest first, with the texts the scoring needs: a bounded walk, no ranking. The
   * filters are part of the walk, not applied after it: most of a call centre's tickets are
   * closed within the hour (answered on the spot), and the newest hundred matches of two common
   * words would otherwise be closed ones, hiding the open repeat from three days ago. On SQLite
   * the walk stops at the document of the first ticket created since `since` (documents are
   * numbered in creation order: new tickets, and re-indexing in creation order), so old matches
   * of common words are never visited.
   */
  async recentMatches(conjunctions: readonly TierExpression[], since: string, scope: SearchScope, limit: number): Promise<CandidateText[]> {
    if (conjunctions.length === 0) return [];
    const candidates = (eb: TicketsEb) => eb.and(filters(eb, scope.query, scope.visibility));
    let rows;
    if (this.ctx.dialect === 'postgres') {
      const query = conjunctions.map((c) => `(${tsqueryExpression(c)})`).join(' | ');
      const walk = (db: Kysely<DB>) =>
        db
          .selectFrom('ticket_search as s')
          .innerJoin('tickets as t', 't.id', 's.ticket_id')
          .select(['t.id', 't.title', 't.description', 't.customer_id'])
          .where(sql<SqlBool>`s.document @@ to_tsquery('simple', ${query})`)
          .where('t.created_at', '>=', since)
          .where((eb) => candidates(eb as unknown as TicketsEb))
          .orderBy('t.created_at', 'desc')
          .limit(limit)
          .execute();
      // The walk must go backwards through the window by created_at and stop at the `limit`th
      // candidate (3.4 ms over 1,100 tickets for 100). PostgreSQL expects few tickets to match both the
      // words and the filters, so it would rather collect every open ticket of the week by the
      // status index and sort them (29 ms for 5,600); without sorting on offer it walks.
      rows = this.ctx.db.isTransaction
        ? await walk(this.ctx.db)
        : await this.ctx.db.transaction().execute(async (trx) => {
            await sql`set local enable_sort = off`.execute(trx);
            return walk(trx);
          });
    } else {
      const floor = await this.ctx.db
        .selectFrom('tickets as t')
        .innerJoin('ticket_search_ids as s', 's.ticket_id', 't.id')
        .select('s.doc_id')
        .where('t.created_at', '>=', since)
        .orderBy('t.created_at')
        .limit(1)
        .executeTakeFirst();
      if (!floor) return [];
      const expression = conjunctions.map((c) => `(${fts5Expression(c)})`).join(' OR ');
      rows = await this.ctx.db
        .selectFrom('ticket_search_fts as f')
        .innerJoin('ticket_search_ids as s', 's.doc_id', 'f.rowid')
        .innerJoin('tickets as t', 't.id', 's.ticket_id')
        .select(['t.id', 't.title', 't.description', 't.customer_id'])
        .where(sql<SqlBool>`f.ticket_search_fts match ${expression}`)
        .where(sql<SqlBool>`f.rowid >= ${floor.doc_id}`)
        // The index walk must drive: without statistics SQLite would rather walk the status index
        // through every open ticket; its unary + keeps the filters off the indexes.
        .where((eb) => sql<SqlBool>`+(${candidates(eb as unknown as TicketsEb)})`)
        .orderBy(sql`f.rowid`, 'desc')
        .limit(limit)
        .execute();
    }
    return rows.map((r) => ({ id: r.id, title: r.title, description: r.description, customerId: r.customer_id }));
  }

  /** Those of the given tickets the scope lets the caller see, in no particular order. */
  async visibleAmong(ticketIds: readonly string[], visibility: VisibilityScope): Promise<Set<string>> {
    if (visibility.everything || ticketIds.length === 0) return new Set(visibility.everything ? ticketIds : []);
    const rows = await this.ctx.db
      .selectFrom('tickets as t')
      .select('t.id')
      .where('t.id', 'in', [...ticketIds])
      .where((eb) => {
        const passes = eb.and(filters(eb as unknown as TicketsEb, { sort: { key: 'createdAt', direction: 'desc' }, limit: ticketIds.length }, visibility));
        // The ids must drive the lookup; without statistics SQLite would walk a status index instead.
        return this.ctx.dialect === 'sqlite' ? sql<SqlBool>`+(${passes})` : passes;
      })
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** A list filter: tickets matching the tier (for searches sorted by a ticket field instead of relevance). */
  matchCondition(tier: TierExpression): Expression<SqlBool> {
    if (this.ctx.dialect === 'postgres') {
      return sql<SqlBool>`t.id in (select ticket_id from ticket_search where document @@ to_tsquery('simple', ${tsqueryExpression(tier)}))`;
    }
    return sql<SqlBool>`t.id in (select s.ticket_id from ticket_search_fts f join ticket_search_ids s on s.doc_id = f.rowid
      where f.ticket_search_fts match ${fts5Expression(tier)})`;
  }

  /** The list views of the given tickets, in the order given (unknown ids are left out). */
  async views(ticketIds: readonly string[]): Promise<TicketView[]> {
    if (ticketIds.length === 0) return [];
    const rows = await selectTicketViews(this.ctx.db).where('t.id', 'in', [...ticketIds]).execute();
    const byId = new Map(rows.map((row) => [row.id, toTicketView(row)]));
    return ticketIds.flatMap((id) => byId.get(id) ?? []);
  }

  /** What the given tickets' documents and highlights are made of. */
  async sources(ticketIds: readonly string[]): Promise<StoredSources[]> {
    if (ticketIds.length === 0) return [];
    const tickets = await this.ctx.db
      .selectFrom('tickets as t')
      .leftJoin('customers as cu', 'cu.id', 't.customer_id')
      .select([
        't.id',
        't.number',
        't.title',
        't.description',
        't.fields',
        't.service_item_id',
        't.result',
        't.created_at',
        'cu.name as customer_name',
      ])
      .where('t.id', 'in', [...ticketIds])
      .execute();
    const events = await this.ctx.db
      .selectFrom('ticket_events')
      .select(['ticket_id', 'type', 'content'])
      .where('ticket_id', 'in', [...ticketIds])
      .where('type', 'in', [...SEARCHABLE_EVENT_TYPES])
      .where('content', 'is not', null)
      .orderBy('ticket_id')
      .orderBy('seq')
      .execute();
    const byTicket = new Map<string, Array<{ type: string; content: string | null }>>();
    for (const e of events) {
      let list = byTicket.get(e.ticket_id);
      if (!list) byTicket.set(e.ticket_id, (list = []));
      list.push({ type: e.type, content: e.content });
    }
    return tickets.map((t) => ({
      ticketId: t.id,
      number: t.number,
      title: t.title,
      description: t.description,
      fields: readJson<Record<string, FieldValue>>(t.fields, {}),
      serviceItemId: t.service_item_id,
      result: t.result,
      customerName: t.customer_name,
      createdAt: t.created_at,
      events: byTicket.get(t.id) ?? [],
    }));
  }

  /** Ticket ids in creation order, after a position (for re-indexing in batches). */
  async ticketIdsAfter(after: { createdAt: string; id: string } | null, limit: number): Promise<Array<{ id: string; createdAt: string }>> {
    let q = this.ctx.db.selectFrom('tickets as t').select(['t.id', 't.created_at']).orderBy('t.created_at').orderBy('t.id').limit(limit);
    if (after) q = q.where(sql<SqlBool>`(t.created_at, t.id) > (${after.createdAt}, ${after.id})`);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
  }
}

/** The weighted tsvector of a document; positions of later fields follow those of earlier ones. */
function tsvector(doc: SearchDocument): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('simple', ${doc.title}), 'A') || setweight(to_tsvector('simple', ${doc.body}), 'B') || setweight(to_tsvector('simple', ${doc.notes}), 'C')`;
}

/** Whether the list filters or the caller's visibility restrict the tickets at all. */
function needsTicketJoin(scope: SearchScope): boolean {
  const eb = expressionBuilder<DB & { t: TicketsTable }, 't'>();
  return filters(eb, scope.query, scope.visibility).length > 0;
}
