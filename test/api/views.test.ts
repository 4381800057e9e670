import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertInvalidField, assertProblem, assertUnknownKeyRefused } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  createdAt: string;
  department: { code: string } | null;
  assignee: { username: string } | null;
  priority: { code: string };
}
interface Page {
  items: Ticket[];
  nextCursor: string | null;
}
interface View {
  id: string;
  name: string;
  scope: 'personal' | 'department' | 'everyone';
  department: { id: string; code: string; name: string } | null;
  owner: { username: string } | null;
  filters: Record<string, unknown>;
  mayChange: boolean;
  count: number | null;
  countCapped: boolean;
  countError: { code: string; message: string } | null;
}

for (const dialect of dialects()) {
  describe(`saved views (${dialect})`, () => {
    let t: TestApp;
    let handler2: ApiClient;
    let lead: ApiClient;
    const refunds: Ticket[] = [];
    const complaints: Ticket[] = [];
    let byHandler2: Ticket;

    const create = async (client: ApiClient, body: Record<string, unknown>) => {
      const response = await client.post<View>('/api/v1/views', body);
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };
    const viewsOf = async (client: ApiClient) => {
      const response = await client.get<{ items: View[] }>('/api/v1/views');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items;
    };
    const ticketsOf = async (client: ApiClient, query: string) => {
      const response = await client.get<Page>(`/api/v1/tickets?${query}&limit=200`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items;
    };
    const ids = (tickets: Ticket[]) => tickets.map((x) => x.id).sort();

    before(async () => {
      t = await startTestApp(dialect);
      const admin = t.as('admin');
      const second = await admin.post<{ id: string }>('/api/v1/users', {
        username: 'handler2', displayName: '钱处理', password: 'password-123', role: 'handler', departments: ['refunds'],
      });
      handler2 = t.as(await t.tokenFor(second.body.id));
      const leadUser = await admin.get<{ id: string }>('/api/v1/users/lead');
      lead = t.as(await t.tokenFor(leadUser.body.id));
      const agent = t.as('agent');
      for (let i = 0; i < 6; i++) {
        t.clock.advance(60_000);
        const r = await agent.post<Ticket>('/api/v1/tickets', { description: `退款申请 ${i}`, category: 'refund', serviceItem: 'mall_presales', priority: i % 2 ? 'high' : 'low' });
        assert.equal(r.body.department?.code, 'refunds');
        refunds.push(r.body);
      }
      for (let i = 0; i < 3; i++) {
        t.clock.advance(60_000);
        const r = await agent.post<Ticket>('/api/v1/tickets', { description: `投诉 ${i}`, category: 'complaint', serviceItem: 'mall_presales', priority: 'medium' });
        assert.equal(r.body.department?.code, 'internal_control');
        complaints.push(r.body);
      }
      // One refund ticket the agent did not create: the agent may not see it while it is pending.
      t.clock.advance(60_000);
      byHandler2 = (await handler2.post<Ticket>('/api/v1/tickets', { description: '退款 by handler2', category: 'refund', serviceItem: 'mall_presales', priority: 'low' })).body;
      assert.equal(byHandler2.status, 'pending');
      refunds.push(byHandler2);
      // handler works on two, handler2 on one.
      for (const ticket of [refunds[0]!, refunds[1]!]) assert.equal((await t.as('handler').post(`/api/v1/tickets/${ticket.id}/accept`)).status, 200);
      assert.equal((await handler2.post(`/api/v1/tickets/${refunds[2]!.id}/accept`)).status, 200);
    });
    after(async () => t?.close());

    it('keeps a personal view to its owner, with its count', async () => {
      const handler = t.as('handler');
      const view = await create(handler, { name: '我处理中的', filters: { status: 'in_progress', assignee: 'me' } });
      assert.equal(view.scope, 'personal');
      assert.equal(view.owner?.username, 'handler');
      assert.deepEqual(view.filters, { status: ['in_progress'], assignee: ['me'] }, 'stored as the list takes it; `me` unresolved');
      assert.equal(view.count, 2);
      assert.equal(view.countCapped, false);
      assert.equal(view.mayChange, true);

      assert.ok((await viewsOf(handler)).some((v) => v.id === view.id));
      assert.ok(!(await viewsOf(handler2)).some((v) => v.id === view.id));
      assert.ok(!(await viewsOf(t.as('admin'))).some((v) => v.id === view.id), 'not even an administrator sees a personal view');
      for (const other of [handler2, t.as('admin'), t.as('supervisor')]) {
        assertProblem(await other.get(`/api/v1/views/${view.id}`), 404, 'not_found');
        assertProblem(await other.patch(`/api/v1/views/${view.id}`, { name: 'x' }), 404, 'not_found');
        assertProblem(await other.delete(`/api/v1/views/${view.id}`), 404, 'not_found');
        assertProblem(await other.get(`/api/v1/tickets?view=${view.id}`), 404, 'not_found');
      }

      const renamed = await handler.patch<View>(`/api/v1/views/${view.id}`, { name: '处理中', filters: { status: 'in_progress,pending', assignee: 'me' } });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.name, '处理中');
      assert.deepEqual(renamed.body.filters, { status: ['in_progress', 'pending'], assignee: ['me'] }, 'filters are replaced as a whole');
      const one = await handler.get<View>(`/api/v1/views/${view.id}`);
      assert.equal(one.body.count, 2);
      const uncounted = await handler.get<View>(`/api/v1/views/${view.id}?counts=false`);
      assert.equal(uncounted.body.count, null);
      assert.equal((await handler.delete(`/api/v1/views/${view.id}`)).status, 204);
      assertProblem(await handler.get(`/api/v1/views/${view.id}`), 404, 'not_found');
    });

    it("shares a department view with its members; `me` is whoever reads it", async () => {
      const supervisor = t.as('supervisor');
      const handler = t.as('handler');
      assertProblem(await handler.post('/api/v1/views', { name: 'x', scope: 'department', department: 'refunds' }), 403, 'view_change_forbidden');
      assertProblem(await lead.post('/api/v1/views', { name: 'x', scope: 'department', department: 'refunds' }), 403, 'view_change_forbidden');

      const view = await create(supervisor, { name: '我处理中的（退款组）', scope: 'department', department: 'refunds', filters: { assignee: ['me'], status: ['in_progress'] } });
      assert.equal(view.department?.code, 'refunds');
      assert.equal(view.count, 0, 'the supervisor holds none');

      const seen = async (client: ApiClient) => (await viewsOf(client)).find((v) => v.id === view.id);
      assert.equal((await seen(handler))?.count, 2);
      assert.equal((await seen(handler))?.mayChange, false);
      assert.equal((await seen(handler2))?.count, 1);
      assert.equal((await seen(t.as('admin')))?.count, 0, 'administrators see every shared view');
      assert.equal((await seen(t.as('admin')))?.mayChange, true);
      assert.equal(await seen(t.as('agent')), undefined, 'not a member of refunds');
      assert.equal(await seen(lead), undefined);
      assertProblem(await t.as('agent').get(`/api/v1/views/${view.id}`), 404, 'not_found');

      assert.deepEqual(ids(await ticketsOf(handler, `view=${view.id}`)), ids([refunds[0]!, refunds[1]!]));
      assert.deepEqual(ids(await ticketsOf(handler2, `view=${view.id}`)), ids([refunds[2]!]));

      assertProblem(await handler.patch(`/api/v1/views/${view.id}`, { name: 'mine' }), 403, 'view_change_forbidden');
      assertProblem(await handler.delete(`/api/v1/views/${view.id}`), 403, 'view_change_forbidden');
      assertProblem(await supervisor.patch(`/api/v1/views/${view.id}`, { scope: 'everyone' }), 403, 'view_change_forbidden');
      assertProblem(await supervisor.patch(`/api/v1/views/${view.id}`, { department: 'internal_control' }), 403, 'view_change_forbidden', [], 'not their department');
      const admin = await t.as('admin').patch<View>(`/api/v1/views/${view.id}`, { name: '处理中（退款组）' });
      assert.equal(admin.status, 200);
      assertProblem(await t.as('admin').patch(`/api/v1/views/${view.id}`, { scope: 'personal' }), 403, 'view_change_forbidden', [], "a personal view stays its owner's");
      const moved = await supervisor.patch<View>(`/api/v1/views/${view.id}`, { department: 'difficult_cases' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(await seen(handler), undefined, 'moved away from refunds');
      const back = await supervisor.patch<View>(`/api/v1/views/${view.id}`, { scope: 'personal' });
      assert.equal(back.body.scope, 'personal');
      assert.equal(back.body.department, null);
      const shared = await supervisor.patch<View>(`/api/v1/views/${view.id}`, { scope: 'department', department: 'refunds' });
      assert.equal(shared.body.department?.code, 'refunds');
      assert.equal((await seen(handler))?.count, 2);
    });

    it("shares with everyone (administrators only); each reader's count is what they may see", async () => {
      assertProblem(await t.as('supervisor').post('/api/v1/views', { name: '全部待处理', scope: 'everyone' }), 403, 'view_change_forbidden');
      const view = await create(t.as('admin'), { name: '全部待处理', scope: 'everyone', filters: { status: 'pending', sort: 'createdAt' } });
      const pending = refunds.slice(3).concat(complaints);
      assert.equal(view.count, pending.length);
      for (const user of ['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const) {
        const client = t.as(user);
        const listed = (await viewsOf(client)).find((v) => v.id === view.id);
        assert.ok(listed, user);
        const tickets = await ticketsOf(client, `view=${view.id}`);
        assert.equal(listed.count, tickets.length, `${user}: the count is the length of the list`);
        assert.ok(tickets.every((x) => x.status === 'pending'));
        const times = tickets.map((x) => x.createdAt);
        assert.deepEqual(times, [...times].sort(), `${user}: the saved sort applies`);
      }
      assert.equal((await viewsOf(t.as('agent'))).find((v) => v.id === view.id)?.count, pending.length - 1, 'the agent does not see the pending ticket handler2 created');
      assert.equal((await viewsOf(t.as('handler'))).find((v) => v.id === view.id)?.count, 4, 'refunds only');
      assert.equal((await viewsOf(lead)).find((v) => v.id === view.id)?.count, 3, 'internal control only');
    });

    it('narrows a view with the parameters given beside it, and pages through it', async () => {
      const admin = t.as('admin');
      const view = await create(admin, { name: '退款与投诉', filters: { department: 'refunds,internal_control', status: ['pending', 'in_progress'] } });
      assert.equal(view.count, 10);
      assert.deepEqual(ids(await ticketsOf(admin, `view=${view.id}&department=refunds`)), ids(refunds));
      assert.deepEqual(ids(await ticketsOf(admin, `view=${view.id}&status=in_progress`)), ids(refunds.slice(0, 3)));
      assert.deepEqual(await ticketsOf(admin, `view=${view.id}&status=closed`), [], 'a status outside the view: nothing');
      assert.deepEqual(await ticketsOf(admin, `view=${view.id}&department=exceptions`), [], 'a department outside the view: nothing');
      assert.deepEqual(ids(await ticketsOf(admin, `view=${view.id}&priority=high`)), ids(refunds.filter((_, i) => i % 2 === 1 && i < 6)));
      assert.deepEqual(ids(await ticketsOf(admin, `view=${view.id}&assignee=none`)), ids([...refunds.slice(3), ...complaints]));
      const from = complaints[0]!.createdAt;
      assert.deepEqual(ids(await ticketsOf(admin, `view=${view.id}&createdFrom=${from}`)), ids([...complaints, byHandler2]));
      const sorted = await ticketsOf(admin, `view=${view.id}&sort=createdAt`);
      assert.deepEqual(sorted.map((x) => x.id), [...refunds.slice(0, 6), ...complaints, byHandler2].map((x) => x.id), 'the sort given replaces the view’s');

      const mine = await create(t.as('handler'), { name: '部门队列', filters: { queue: 'department' } });
      assert.equal(mine.count, 4);
      assert.deepEqual(ids(await ticketsOf(t.as('handler'), `view=${mine.id}&queue=mine`)), [], 'two queues both apply: pending in refunds and mine (none pending)');

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/tickets?view=${view.id}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await admin.get<Page>(url);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        seen.push(...page.body.items.map((x) => x.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 10);
      assert.equal(new Set(seen).size, 10);
    });

    it('saves a search text like any other parameter; its count and list agree', async () => {
      const agent = t.as('agent');
      const modem: Ticket[] = [];
      for (const text of ['光猫红灯一直闪', '光猫无法上网，已重启', '宽带光猫更换']) {
        t.clock.advance(60_000);
        modem.push((await agent.post<Ticket>('/api/v1/tickets', { description: text, category: 'fault', serviceItem: 'other', priority: 'medium' })).body);
      }
      const view = await create(agent, { name: '光猫', filters: { q: '光猫', sort: 'createdAt' } });
      assert.deepEqual(view.filters, { q: '光猫', sort: 'createdAt' });
      assert.equal(view.count, 3);
      assert.deepEqual((await ticketsOf(agent, `view=${view.id}`)).map((x) => x.id), modem.map((x) => x.id));
      const narrower = await create(agent, { name: '光猫红灯', filters: { q: '光猫 红灯' } });
      assert.equal(narrower.count, 1);
      assert.deepEqual((await ticketsOf(agent, `view=${view.id}&q=${encodeURIComponent('无法上网')}`)).map((x) => x.id), [modem[1]!.id], 'a search text given replaces the view’s');
      const none = await create(agent, { name: '无', filters: { q: '不存在的词语组合' } });
      assert.equal(none.count, 0);
    });

    it('refuses bad views', async () => {
      const handler = t.as('handler');
      assertInvalidField(await handler.post('/api/v1/views', { filters: {} }), 'name');
      assertInvalidField(await handler.post('/api/v1/views', { name: '  ' }), 'name');
      assertInvalidField(await handler.post('/api/v1/views', { name: 'x', scope: 'world' }), 'scope');
      assertUnknownKeyRefused(await handler.post('/api/v1/views', { name: 'x', filters: { colour: 'red' } }), 'filters.colour');
      assertUnknownKeyRefused(await handler.post('/api/v1/views', { name: 'x', filters: { limit: 10 } }), 'filters.limit');
      assertUnknownKeyRefused(await handler.post('/api/v1/views', { name: 'x', filters: { cursor: 'abc' } }), 'filters.cursor');
      assertUnknownKeyRefused(await handler.post('/api/v1/views', { name: 'x', filters: { view: 'abc' } }), 'filters.view');
      assertUnknownKeyRefused(await handler.post('/api/v1/views', { name: 'x', owner: 'admin' }), 'owner');
      assertInvalidField(await handler.post('/api/v1/views', { name: 'x', filters: { status: 'open' } }), 'filters.status');
      assertInvalidField(await handler.post('/api/v1/views', { name: 'x', filters: { sort: 'title' } }), 'filters.sort');
      assertInvalidField(await handler.post('/api/v1/views', { name: 'x', filters: { createdFrom: 'yesterday' } }), 'filters.createdFrom');
      assertProblem(await handler.post('/api/v1/views', { name: 'x', filters: { department: 'nowhere' } }), 422, 'invalid_reference', ['filters.department']);
      assertProblem(await handler.post('/api/v1/views', { name: 'x', filters: { assignee: 'nobody-here' } }), 422, 'invalid_reference', ['filters.assignee']);
      // A customer's id is checked as well: a typo would save a view that always counts nothing.
      assertProblem(await handler.post('/api/v1/views', { name: 'x', filters: { customer: 'no-such-customer' } }), 422, 'invalid_reference', ['filters.customer']);
      assertProblem(await handler.post('/api/v1/views', { name: 'x', department: 'refunds' }), 422, 'invalid_field', ['department']);
      assertProblem(await t.as('supervisor').post('/api/v1/views', { name: 'x', scope: 'department' }), 422, 'invalid_field', ['department']);
      assertProblem(await t.as('supervisor').post('/api/v1/views', { name: 'x', scope: 'department', department: 'nowhere' }), 422, 'invalid_reference', ['department']);
      assertProblem(await handler.get('/api/v1/tickets?view=no-such-view'), 404, 'not_found');
      assertInvalidField(await handler.get('/api/v1/views?counts=maybe'), 'counts');
      assertProblem(await handler.get('/api/v1/views/no-such-view'), 404, 'not_found');
      const view = await create(handler, { name: 'ok' });
      assertUnknownKeyRefused(await handler.patch(`/api/v1/views/${view.id}`, { filters: { nope: true } }), 'filters.nope');
      assertProblem(await handler.patch(`/api/v1/views/${view.id}`, { department: 'refunds' }), 422, 'invalid_field', ['department']);
      assertProblem(await handler.patch(`/api/v1/views/${view.id}`, { scope: 'department', department: 'refunds' }), 403, 'view_change_forbidden');
      assert.equal((await handler.get<View>(`/api/v1/views/${view.id}`)).body.scope, 'personal', 'nothing changed');
    });

    it('documents views, the view parameter and batches in the API document', async () => {
      const doc = await t.anonymous.get<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> }>('/api/v1/openapi.json');
      assert.equal(doc.status, 200);
      assert.ok(doc.body.paths['/api/v1/views']?.get && doc.body.paths['/api/v1/views']?.post);
      assert.ok(doc.body.paths['/api/v1/views/{id}']?.patch && doc.body.paths['/api/v1/views/{id}']?.delete);
      assert.ok(doc.body.paths['/api/v1/tickets/batch']?.post);
      assert.ok(doc.body.paths['/api/v1/tickets']?.get?.parameters?.some((p) => p.name === 'view'));
    });

    it('limits the views one person keeps', async () => {
      const auditor = t.as('auditor');
      for (let i = 0; i < 100; i++) await create(auditor, { name: `视图 ${i}` });
      assertProblem(await auditor.post('/api/v1/views', { name: 'one more' }), 422, 'too_many_views');
      assert.equal((await viewsOf(auditor)).filter((v) => v.scope === 'personal').length, 100);
    });

    it('keeps the limit when many saves arrive at once', async () => {
      const supervisor = t.as('supervisor');
      for (let i = 0; i < 95; i++) await create(supervisor, { name: `并发 ${i}` });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => supervisor.post('/api/v1/views', { name: `同时 ${i}` })));
      const statuses = results.map((r) => r.status);
      assert.deepEqual([statuses.filter((s) => s === 201).length, statuses.filter((s) => s === 422).length], [5, 15], statuses.join(','));
      assert.equal((await viewsOf(supervisor)).filter((v) => v.scope === 'personal').length, 100);
    });

    it('counts up to the cap with the list’s own filter', async () => {
      const repoCount = (cap: number) =>
        t.ctx.uow.read((repos) => repos.tickets.count({ statuses: ['in_progress'], sort: { key: 'createdAt', direction: 'desc' }, limit: 1 }, { everything: true }, cap));
      assert.deepEqual(await repoCount(100), { count: 3, capped: false });
      assert.deepEqual(await repoCount(3), { count: 3, capped: false });
      assert.deepEqual(await repoCount(2), { count: 2, capped: true });
    });

    it('keeps counting and opening a view whose department was deleted: its tickets still name it', async () => {
      const admin = t.as('admin');
      const ticket = await t.as('agent').post<{ id: string }>('/api/v1/tickets', { description: '活动确认', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', department: 'promotions' });
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
      const view = await create(admin, { name: '活动组', filters: { department: 'promotions' } });
      const departments = await admin.get<{ items: Array<{ id: string; code: string }> }>('/api/v1/departments');
      const promotions = departments.body.items.find((d) => d.code === 'promotions')!;
      assert.equal((await admin.patch(`/api/v1/departments/${promotions.id}`, { active: false })).status, 200);
      const listed = (await viewsOf(admin)).find((v) => v.id === view.id)!;
      assert.equal(listed.countError, null);
      assert.equal(listed.count, 1);
      const opened = await admin.get<{ items: Array<{ id: string }> }>(`/api/v1/tickets?view=${view.id}`);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.deepEqual(opened.body.items.map((x) => x.id), [ticket.body.id]);
    });
  });
}
