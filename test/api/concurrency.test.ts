import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  version: number;
  assignee: { username: string } | null;
}
interface Page {
  items: Ticket[];
  nextCursor: string | null;
}

const refundBody = { description: '退款进度查询', category: 'refund', serviceItem: 'mall_presales', priority: 'medium' };

for (const dialect of dialects()) {
  describe(`two people, one ticket: versions, retries and numbering (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    it('refuses a stale If-Match with 409 and the current version, so nobody overwrites a colleague', async () => {
      const created = await t.as('agent').post<Ticket>('/api/v1/tickets', refundBody);
      assert.equal(created.headers.etag, `"${created.body.version}"`);
      const v = created.body.version;
      const first = await t.as('handler').post<Ticket>(`/api/v1/tickets/${created.body.id}/note`, { content: '第一条', internal: true }, { 'if-match': `"${v}"` });
      assert.equal(first.status, 200);
      const stale = await t.as('supervisor').post(`/api/v1/tickets/${created.body.id}/transfer`, { department: 'exceptions', reason: '转报障组', version: v });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.code, 'version_conflict');
      assert.equal(stale.body.currentVersion, v + 1);
      const fresh = await t.as('supervisor').post<Ticket>(`/api/v1/tickets/${created.body.id}/transfer`, { department: 'exceptions', reason: '转报障组' }, { 'if-match': `W/"${v + 1}"` });
      assert.equal(fresh.status, 200);
    });

    it('records nothing and keeps the version when an edit changes nothing', async () => {
      const created = await t.as('agent').post<Ticket>('/api/v1/tickets', refundBody);
      const same = await t.as('agent').patch<Ticket>(`/api/v1/tickets/${created.body.id}`, { description: refundBody.description, priority: 'medium' });
      assert.equal(same.status, 200, JSON.stringify(same.body));
      assert.equal(same.body.version, created.body.version, 'a colleague holding this version can still act');
      const events = await t.as('agent').get<{ items: Array<{ type: string }> }>(`/api/v1/tickets/${created.body.id}/events`);
      assert.ok(!events.body.items.some((e) => e.type === 'ticket.updated'));
      const changed = await t.as('agent').patch<Ticket>(`/api/v1/tickets/${created.body.id}`, { priority: 'urgent' }, { 'if-match': `"${created.body.version}"` });
      assert.equal(changed.body.version, created.body.version + 1);
    });

    it('keeps the version when the ticket page is saved unchanged: the same title, description or form in another key order', async () => {
      const fields = { orderNumber: 'SO12345678', amount: 99.5 };
      const created = await t.as('agent').post<Ticket & { title: string }>('/api/v1/tickets', { ...refundBody, title: '退款未到账', serviceItem: 'mall_aftersales', fields });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      for (const edit of [{ title: '退款未到账' }, { description: refundBody.description }, { fields: { amount: 99.5, orderNumber: 'SO12345678' } }]) {
        const same = await t.as('agent').patch<Ticket>(`/api/v1/tickets/${created.body.id}`, edit, { 'if-match': `"${created.body.version}"` });
        assert.equal(same.status, 200, JSON.stringify(same.body));
        assert.equal(same.body.version, created.body.version, `${JSON.stringify(edit)} changed nothing`);
      }
      const events = await t.as('agent').get<{ items: Array<{ type: string }> }>(`/api/v1/tickets/${created.body.id}/events`);
      assert.ok(!events.body.items.some((e) => e.type === 'ticket.updated'));
    });

    it('lets exactly one of two simultaneous accepts win', async () => {
      const admin = t.as('admin');
      const second = await admin.post<{ id: string }>('/api/v1/users', {
        username: `h-${dialect}`, displayName: '周处理', password: 'password-123', role: 'handler', departments: ['refunds'],
      });
      const other = t.as(await t.tokenFor(second.body.id));
      const created = await t.as('agent').post<Ticket>('/api/v1/tickets', refundBody);
      const results = await Promise.all([
        t.as('handler').post<Ticket>(`/api/v1/tickets/${created.body.id}/accept`),
        other.post<Ticket>(`/api/v1/tickets/${created.body.id}/accept`),
      ]);
      const statuses = results.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(results.map((r) => r.body)));
      assert.ok(statuses.some((s) => s === 409 || s === 403));
      const events = await admin.get<{ items: Array<{ type: string }> }>(`/api/v1/tickets/${created.body.id}/events`);
      assert.equal(events.body.items.filter((e) => e.type === 'ticket.accepted').length, 1);
    });

    it('merges two tickets into each other at once: at most one merge wins, the rest get 409, never a 500 or a wrong 422', async () => {
      // On PostgreSQL each merge locks its own ticket, then the other: the database breaks the
      // deadlock by ending one transaction, which runs again and finds its ticket merged.
      for (let round = 0; round < 3; round++) {
        const [a, b] = await Promise.all([0, 1].map(async () => (await t.as('agent').post<Ticket>('/api/v1/tickets', refundBody)).body));
        const answers = await Promise.all([
          t.as('agent').post<Ticket>(`/api/v1/tickets/${a!.id}/merge`, { into: b!.id }),
          t.as('supervisor').post<Ticket>(`/api/v1/tickets/${b!.id}/merge`, { into: a!.id }),
          t.as('agent').post<Ticket>(`/api/v1/tickets/${b!.id}/cancel`, { reason: '客户撤回' }),
        ]);
        const statuses = answers.map((r) => r.status);
        assert.ok(statuses.every((s) => s === 200 || s === 409), `round ${round}: ${JSON.stringify(answers.map((r) => [r.status, r.body]))}`);
        assert.ok(statuses.slice(0, 2).filter((s) => s === 200).length <= 1, `round ${round}: at most one merge wins: ${statuses}`);
        const [afterA, afterB] = await Promise.all([a, b].map(async (x) => (await t.as('admin').get<Ticket>(`/api/v1/tickets/${x!.id}`)).body.status));
        assert.ok(!(afterA === 'merged' && afterB === 'merged'), `round ${round}: never merged into each other`);
      }
    });

    it('returns the first ticket for a retried create with the same Idempotency-Key', async () => {
      const agent = t.as('agent');
      const headers = { 'idempotency-key': `call-${dialect}-1` };
      const first = await agent.post<Ticket>('/api/v1/tickets', refundBody, headers);
      const retry = await agent.post<Ticket>('/api/v1/tickets', refundBody, headers);
      assert.equal(first.status, 201);
      assert.equal(retry.status, 200);
      assert.equal(retry.body.id, first.body.id);
      const reused = await agent.post<{ code: string; ticket: { id: string; number: string } }>('/api/v1/tickets', { ...refundBody, priority: 'urgent' }, headers);
      assert.equal(reused.status, 422);
      assert.equal(reused.body.code, 'idempotency_key_reused');
      // The ticket the key made is named: a client that lost the first answer and changed the form meanwhile can open it.
      assert.deepEqual(reused.body.ticket, { id: first.body.id, number: first.body.number });
      const otherUser = await t.as('supervisor').post<Ticket>('/api/v1/tickets', refundBody, headers);
      assert.equal(otherUser.status, 201, 'keys belong to the user who sent them');
      assert.notEqual(otherUser.body.id, first.body.id);
    });

    it('creates one ticket when the same key arrives many times at once', async () => {
      const agent = t.as('agent');
      const before = await t.as('admin').get<Page>('/api/v1/tickets?limit=200');
      const headers = { 'idempotency-key': `burst-${dialect}` };
      const responses = await Promise.all(Array.from({ length: 6 }, () => agent.post<Ticket>('/api/v1/tickets', refundBody, headers)));
      assert.deepEqual([...new Set(responses.map((r) => r.status))].sort(), [200, 201]);
      assert.equal(new Set(responses.map((r) => r.body.id)).size, 1);
      const afterwards = await t.as('admin').get<Page>('/api/v1/tickets?limit=200');
      assert.equal(afterwards.body.items.length, before.body.items.length + 1);
    });

    it('numbers concurrent creates without gaps or duplicates', async () => {
      const agent = t.as('agent');
      const responses = await Promise.all(Array.from({ length: 20 }, () => agent.post<Ticket>('/api/v1/tickets', refundBody)));
      assert.ok(responses.every((r) => r.status === 201));
      const sequence = responses.map((r) => Number(r.body.number.slice(-6))).sort((a, b) => a - b);
      assert.equal(new Set(sequence).size, 20);
      assert.equal(sequence.at(-1)! - sequence[0]!, 19);
    });

    it('restarts numbering on the next day in the organisation time zone (Asia/Shanghai)', async () => {
      t.clock.set('2026-11-23T16:05:00.000Z'); // 00:05 on 24 November in Shanghai
      const created = await t.as('agent').post<Ticket>('/api/v1/tickets', refundBody);
      assert.equal(created.body.number, 'GD-20261124-000001');
    });
  });
}
