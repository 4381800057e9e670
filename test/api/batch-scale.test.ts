import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  version: number;
  assignee: { username: string } | null;
  department: { code: string } | null;
}
type Result = { id: string; ok: true; version: number } | { ref: string; ok: false; code: string };
interface Batch {
  results: Result[];
  summary: { total: number; succeeded: number; failed: number };
}

/** Batches at the limit: 500 tickets, one over it, and many transactions in flight at once. */
for (const dialect of dialects()) {
  describe(`batch handling at the limit (${dialect})`, () => {
    let t: TestApp;
    let supervisor: ApiClient;
    const low: Ticket[] = [];

    const timed = async (client: ApiClient, body: Record<string, unknown>) => {
      const started = performance.now();
      const response = await client.post<Batch>('/api/v1/tickets/batch', body);
      const ms = performance.now() - started;
      assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 500));
      return { ...response.body, ms };
    };

    before(async () => {
      t = await startTestApp(dialect);
      supervisor = t.as('supervisor');
      const agent = t.as('agent');
      const create = (priority: string) =>
        agent.post<Ticket>('/api/v1/tickets', { description: '退款申请', category: 'refund', serviceItem: 'mall_presales', priority });
      for (let chunk = 0; chunk < 10; chunk++) {
        const made = await Promise.all(Array.from({ length: 50 }, () => create('low')));
        for (const r of made) {
          assert.equal(r.status, 201);
          low.push(r.body);
        }
      }
      assert.equal((await create('high')).status, 201);
    });
    after(async () => t?.close());

    it('refuses a selection over the limit with how many it matched', async () => {
      const filter = { department: 'refunds', status: 'pending' };
      const over = assertProblem(await supervisor.post('/api/v1/tickets/batch', { action: 'note', content: 'x', filter }), 422, 'batch_too_large');
      assert.deepEqual([over.limit, over.matching, over.matchingCapped], [500, 501, false]);
      const view = await supervisor.post<{ id: string; count: number }>('/api/v1/views', { name: '退款待处理', scope: 'department', department: 'refunds', filters: filter });
      assert.equal(view.body.count, 501);
      assertProblem(await supervisor.post('/api/v1/tickets/batch', { action: 'note', content: 'x', view: view.body.id }), 422, 'batch_too_large');
      const events = await t.as('admin').get<{ items: unknown[] }>(`/api/v1/tickets/${low[0]!.id}/events`);
      assert.equal(events.body.items.length, 2, 'created and dispatched; nothing written by the refused batches');
    });

    it('notes 500 tickets of a filter, and assigns 500 named ones, each with its own event', async (context) => {
      const noted = await timed(supervisor, { action: 'note', content: '批量跟进', filter: { department: 'refunds', status: 'pending', priority: 'low' } });
      assert.deepEqual(noted.summary, { total: 500, succeeded: 500, failed: 0 });
      context.diagnostic(`${dialect}: note on 500 tickets of a filter in ${noted.ms.toFixed(0)} ms`);

      const assigned = await timed(supervisor, {
        action: 'assign',
        assignee: 'handler',
        ids: low.map((x) => x.number),
        expectedVersions: Object.fromEntries(low.map((x) => [x.number, x.version + 1])),
      });
      assert.deepEqual(assigned.summary, { total: 500, succeeded: 500, failed: 0 });
      assert.ok(assigned.results.every((r, i) => r.ok && r.id === low[i]!.id && r.version === low[i]!.version + 2), 'in the order named');
      context.diagnostic(`${dialect}: assign 500 named tickets in ${assigned.ms.toFixed(0)} ms`);
      const page = await t.as('handler').get<{ items: Ticket[] }>('/api/v1/tickets?assignee=me&status=pending&limit=200');
      assert.equal(page.body.items.length, 200);
    });

    it('transfers many at once into a department that assigns automatically', async (context) => {
      const admin = t.as('admin');
      for (const username of ['ex1', 'ex2']) {
        const made = await admin.post('/api/v1/users', { username, displayName: username, password: 'password-123', role: 'handler', departments: ['exceptions'] });
        assert.equal(made.status, 201);
      }
      const moved = await timed(supervisor, { action: 'transfer', department: 'exceptions', reason: '转报障组', ids: low.slice(0, 100).map((x) => x.id) });
      assert.deepEqual(moved.summary, { total: 100, succeeded: 100, failed: 0 });
      context.diagnostic(`${dialect}: transfer 100 tickets into a least-open department in ${moved.ms.toFixed(0)} ms`);
      const counts = new Map<string, number>();
      for (const x of low.slice(0, 100)) {
        const now = (await admin.get<Ticket>(`/api/v1/tickets/${x.id}`)).body;
        assert.equal(now.department?.code, 'exceptions');
        counts.set(now.assignee?.username ?? 'none', (counts.get(now.assignee?.username ?? 'none') ?? 0) + 1);
      }
      assert.deepEqual([...counts.keys()].sort(), ['ex1', 'ex2'], 'each assigned automatically');
      assert.ok(Math.abs(counts.get('ex1')! - counts.get('ex2')!) <= 1, `least open keeps the load even: ${JSON.stringify([...counts])}`);
    });
  });
}
