import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCorpus } from '../fixtures/load-search-corpus.js';
import { CORPUS, QUERIES, type RelevanceQuery } from '../fixtures/search-corpus.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Hit {
  id: string;
  number: string;
  highlights: { title?: string; snippet: string };
}
interface Page {
  items: Hit[];
  nextCursor: string | null;
}

/** Relevant results among the first five, over how many relevant results could be there. */
function precisionAt5(ranked: readonly string[], relevant: readonly string[]): number {
  const top = ranked.slice(0, 5);
  return top.filter((k) => relevant.includes(k)).length / Math.min(5, relevant.length);
}

for (const dialect of dialects()) {
  describe(`search relevance on a labelled Chinese corpus (${dialect})`, () => {
    let t: TestApp;
    let keyOf: Map<string, string>;
    const rankings = new Map<string, string[]>();

    before(async () => {
      t = await startTestApp(dialect);
      const ids = await loadCorpus(t);
      keyOf = new Map([...ids].map(([key, id]) => [id, key]));
    });
    after(async () => t?.close());

    async function search(q: string): Promise<string[]> {
      const page = await t.as('admin').get<Page>(`/api/v1/tickets?q=${encodeURIComponent(q)}&limit=50`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      return page.body.items.map((hit) => keyOf.get(hit.id) ?? hit.id);
    }

    it(`holds ${CORPUS.length} tickets and ${QUERIES.length} labelled queries`, () => {
      assert.ok(CORPUS.length >= 80);
      assert.equal(new Set(CORPUS.map((c) => c.key)).size, CORPUS.length);
    });

    for (const query of QUERIES) {
      it(`"${query.q}": finds every relevant ticket, the expected ones first, near misses after`, async () => {
        const ranked = await search(query.q);
        rankings.set(query.q, ranked);
        checkQuery(query, ranked);
      });
    }

    it('averages a precision at 5 of at least 0.95 over all queries', () => {
      const scores = QUERIES.map((q) => precisionAt5(rankings.get(q.q) ?? [], q.relevant));
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      assert.ok(mean >= 0.95, `mean P@5 ${mean.toFixed(3)}`);
    });

    if (dialect === 'postgres') {
      it('ranks the same tickets as SQLite: same result sets, same expected tickets first', async () => {
        // Both dialects are checked against the same labels above; here the result sets must be equal too.
        const sqlite = await startTestApp('sqlite');
        try {
          const ids = await loadCorpus(sqlite);
          const keys = new Map([...ids].map(([key, id]) => [id, key]));
          for (const query of QUERIES) {
            const page = await sqlite.as('admin').get<Page>(`/api/v1/tickets?q=${encodeURIComponent(query.q)}&limit=50`);
            const there = page.body.items.map((hit) => keys.get(hit.id)!);
            const here = rankings.get(query.q) ?? (await search(query.q));
            assert.deepEqual([...here].sort(), [...there].sort(), `result sets of "${query.q}"`);
            const firsts = query.first?.length ?? 0;
            assert.deepEqual(new Set(here.slice(0, firsts)), new Set(there.slice(0, firsts)), `first results of "${query.q}"`);
          }
        } finally {
          await sqlite.close();
        }
      });
    }
  });
}

function checkQuery(query: RelevanceQuery, ranked: readonly string[]): void {
  const context = `"${query.q}" ranked ${ranked.join(' ')}`;
  for (const key of query.relevant) assert.ok(ranked.includes(key), `${context}: ${key} is missing`);
  if (query.first) {
    const head = ranked.slice(0, query.first.length);
    for (const key of query.first) assert.ok(head.includes(key), `${context}: ${key} should be among the first ${query.first.length}`);
  }
  const recognised = query.relevant.filter((k) => !query.segmentedOtherwise?.includes(k));
  const lastRelevant = Math.max(...recognised.map((k) => ranked.indexOf(k)));
  for (const key of query.nearMisses ?? []) {
    const at = ranked.indexOf(key);
    if (at >= 0) assert.ok(at > lastRelevant, `${context}: near miss ${key} ranks above a relevant ticket`);
  }
  assert.ok(precisionAt5(ranked, query.relevant) >= (query.minPrecision ?? 1), `${context}: precision at 5`);
}
