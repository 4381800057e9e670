/**
 * Measures the three ways of indexing Chinese text on the labelled corpus of the relevance tests
 * (test/fixtures/search-corpus.ts), on an in-memory SQLite database with the real migration,
 * repository and ranking:
 *
 * - bigram: overlapping character bigrams only (substring semantics);
 * - jieba: jieba search-mode words only;
 * - hybrid (the application's): bigrams for matching, marked jieba words to rank real words first.
 *
 *   node --import tsx bench/search-relevance.ts
 *
 * Prints, per strategy: mean precision at 5, recall (relevant tickets found at all), how many
 * expected-first tickets were not first, how many near misses outranked a relevant ticket (one
 * that jieba segments as the word), and
 * the index size in tokens. It reports; it does not fail.
 */
import { sql } from 'kysely';
import { makeRepositories } from '../src/app/repositories.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrator.js';
import { buildSearchDocument } from '../src/search/domain/search-document.js';
import { parseQuery, searchTiers, STRATEGIES, type Strategy } from '../src/search/domain/tokenize.js';
import { CORPUS, EXTRA_SERVICE_ITEMS, QUERIES, type CorpusTicket } from '../test/fixtures/search-corpus.js';

const UNINDEXED = new Set<string>([
  'mobile',
  ...EXTRA_SERVICE_ITEMS.flatMap((item) => (item.fields as ReadonlyArray<{ key: string; type: string }>).filter((f) => f.type === 'phone').map((f) => f.key)),
]);

function sourcesOf(ticket: CorpusTicket, index: number) {
  return {
    number: `GD-20261123-${String(index + 1).padStart(6, '0')}`,
    title: ticket.title,
    description: ticket.description,
    fieldValues: Object.entries(ticket.fields ?? {})
      .filter(([key]) => !UNINDEXED.has(key))
      .map(([, value]) => String(value)),
    customerName: ticket.customer?.name ?? null,
    texts: [...(ticket.notes ?? []), ...(ticket.result ? [ticket.result] : []), ...(ticket.reply ? [ticket.reply] : [])],
  };
}

async function evaluate(strategy: Strategy) {
  const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(database);
  await sql`pragma foreign_keys = off`.execute(database.db);
  const repos = makeRepositories({ db: database.db, dialect: 'sqlite' });
  let tokens = 0;
  for (const [index, ticket] of CORPUS.entries()) {
    const doc = buildSearchDocument(sourcesOf(ticket, index), strategy);
    tokens += [doc.title, doc.body, doc.notes].join(' ').split(' ').filter(Boolean).length;
    await repos.search.upsert(ticket.key, doc);
  }
  const scope = { query: { sort: { key: 'createdAt', direction: 'desc' }, limit: 50 } as const, visibility: { everything: true } as const };
  let precision = 0;
  let found = 0;
  let relevantTotal = 0;
  let firstMisses = 0;
  let nearMissesAbove = 0;
  const failures: string[] = [];
  for (const query of QUERIES) {
    const ranked: string[] = [];
    for (const tier of searchTiers(parseQuery(query.q, strategy))) {
      for (const match of await repos.search.rankTier(tier, scope, 1000)) if (!ranked.includes(match.ticketId)) ranked.push(match.ticketId);
    }
    const top = ranked.slice(0, 5);
    const p5 = top.filter((k) => query.relevant.includes(k)).length / Math.min(5, query.relevant.length);
    precision += p5;
    relevantTotal += query.relevant.length;
    found += query.relevant.filter((k) => ranked.includes(k)).length;
    const head = ranked.slice(0, query.first?.length ?? 0);
    const missed = (query.first ?? []).filter((k) => !head.includes(k));
    firstMisses += missed.length;
    const recognised = query.relevant.filter((k) => !query.segmentedOtherwise?.includes(k));
    const lastRelevant = Math.max(-1, ...recognised.map((k) => ranked.indexOf(k)).filter((i) => i >= 0));
    const above = (query.nearMisses ?? []).filter((k) => ranked.includes(k) && ranked.indexOf(k) < lastRelevant);
    nearMissesAbove += above.length;
    const lost = query.relevant.filter((k) => !ranked.includes(k));
    if (missed.length || above.length || lost.length || p5 < 1) {
      failures.push(`  ${query.q}: ${ranked.slice(0, 8).join(' ')}${p5 < 1 ? ` | P@5 ${p5.toFixed(2)}` : ''}${lost.length ? ` | not found ${lost.join(' ')}` : ''}${above.length ? ` | near miss above ${above.join(' ')}` : ''}`);
    }
  }
  await database.close();
  return {
    strategy,
    meanPrecisionAt5: precision / QUERIES.length,
    recall: found / relevantTotal,
    expectedFirstMissed: firstMisses,
    nearMissesAboveRelevant: nearMissesAbove,
    tokensPerTicket: tokens / CORPUS.length,
    failures,
  };
}

console.log(`${CORPUS.length} tickets, ${QUERIES.length} labelled queries\n`);
console.log('strategy  P@5    recall  first-missed  near-misses-above  tokens/ticket');
const details: string[] = [];
for (const strategy of STRATEGIES) {
  const r = await evaluate(strategy);
  console.log(
    `${r.strategy.padEnd(8)}  ${r.meanPrecisionAt5.toFixed(3)}  ${r.recall.toFixed(3)}   ${String(r.expectedFirstMissed).padStart(12)}  ${String(r.nearMissesAboveRelevant).padStart(17)}  ${r.tokensPerTicket.toFixed(1).padStart(13)}`,
  );
  if (r.failures.length) details.push(`${r.strategy}:`, ...r.failures);
}
if (details.length) console.log(`\nQueries not answered as labelled:\n${details.join('\n')}`);
