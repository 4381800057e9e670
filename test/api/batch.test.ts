import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertInvalidField, assertProblem, assertUnknownKeyRefused } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  version: number;
  department: { code: string } | null;
  assignee: { username: string } | null;
  priority: { code: string };
  mergedIntoId: string | null;
}
interface Event {
  type: string;
  actor: { username: string } | null;
  content: string | null;
  data: Record<string, unknown>;
}
type Result =
  | { id: string; number: string; ok: true; version: number }
  | { ref: string; id?: string; number?: string; ok: false; status: number; code: string; message: string; currentVersion?: number; ticketStatus?: string };
interface Batch {
  results: Result[];
  summary: { total: number; succeeded: number; failed: number };
}

for (const dialect of dialects()) {
  describe(`batch handling (${dialect})`, () => {
    let t: TestApp;
    let handler2: ApiClient;
    let agent: ApiClient;

    const ticket = async (client: ApiClient, body: Record<string, unknown>) => {
      t.clock.advance(1_000);
      const response = await client.post<Ticket>('/api/v1/tickets', { serviceItem: 'mall_presales', priority: 'low', ...body });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };
    const refund = (priority = 'low') => ticket(agent, { description: '申请退款', category: 'refund', priority });
    const complaint = () => ticket(agent, { description: '投诉商家', category: 'complaint' });
    /** A refund ticket that handling finished: accepted and resolved by the handler. */
    const handled = async () => {
      const t0 = await refund();
      await act(t.as('handler'), t0, 'accept');
      return act(t.as('handler'), t0, 'resolve', { result: '已退款' });
    };
    const answeredOnSpot = () => ticket(agent, { description: '咨询', category: 'inquiry', answeredOnSpot: true, result: '已解答' });
    const act = async (client: ApiClient, target: Ticket, action: string, body: Record<string, unknown> = {}) => {
      const response = await client.post<Ticket>(`/api/v1/tickets/${target.id}/${action}`, body);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    };
    const read = async (target: Ticket) => (await t.as('admin').get<Ticket>(`/api/v1/tickets/${target.id}`)).body;
    const events = async (target: Ticket) => (await t.as('admin').get<{ items: Event[] }>(`/api/v1/tickets/${target.id}/events`)).body.items;
    const batch = async (client: ApiClient, body: Record<string, unknown>) => {
      const response = await client.post<Batch>('/api/v1/tickets/batch', body);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const { total, succeeded, failed } = response.body.summary;
      assert.equal(total, response.body.results.length);
      assert.equal(succeeded, response.body.results.filter((r) => r.ok).length);
      assert.equal(failed, total - succeeded);
      return response.body;
    };
    const failure = (result: Result | undefined) => {
      assert.ok(result && !result.ok, JSON.stringify(result));
      return result;
    };
    const success = (result: Result | undefined) => {
      assert.ok(result?.ok, JSON.stringify(result));
      return result;
    };

    before(async () => {
      t = await startTestApp(dialect);
      agent = t.as('agent');
      const second = await t.as('admin').post<{ id: string }>('/api/v1/users', {
        username: 'handler2', displayName: '钱处理', password: 'password-123', role: 'handler', departments: ['refunds'],
      });
      handler2 = t.as(await t.tokenFor(second.body.id));
    });
    after(async () => t?.close());

    it('assigns many tickets; a ticket it may not assign is reported, one not visible as not found', async () => {
      const [a, b, c, h] = [await refund(), await refund(), await complaint(), await handled()];
      const out = await batch(t.as('supervisor'), { action: 'assign', assignee: 'handler', ids: [a.id, b.number, c.id, h.id, 'GD-20261123-999999'] });
      assert.deepEqual(out.summary, { total: 5, succeeded: 2, failed: 3 });
      assert.deepEqual(success(out.results[0]), { id: a.id, number: a.number, ok: true, version: a.version + 1 });
      assert.equal(success(out.results[1]).id, b.id, 'named by number, answered with its id');
      const hidden = failure(out.results[2]);
      assert.deepEqual([hidden.ref, hidden.status, hidden.code, hidden.id, hidden.number], [c.id, 404, 'not_found', undefined, undefined]);
      const refused = failure(out.results[3]);
      assert.deepEqual([refused.status, refused.code, refused.id, refused.number, refused.ticketStatus], [409, 'action_not_allowed', h.id, h.number, 'handled']);
      assert.deepEqual([failure(out.results[4]).status, failure(out.results[4]).ref], [404, 'GD-20261123-999999']);

      for (const x of [a, b]) {
        assert.equal((await read(x)).assignee?.username, 'handler');
        const last = (await events(x)).at(-1)!;
        assert.deepEqual([last.type, last.actor?.username], ['ticket.assigned', 'supervisor'], 'each ticket has its own event');
      }
      assert.equal((await read(c)).assignee, null);

      const outsider = await batch(t.as('supervisor'), { action: 'assign', assignee: 'lead', ids: [a.id, b.id] });
      assert.deepEqual(outsider.results.map((r) => !r.ok && r.code), ['assignee_not_in_department', 'assignee_not_in_department']);
      assertProblem(await t.as('supervisor').post('/api/v1/tickets/batch', { action: 'assign', assignee: 'nobody', ids: [a.id] }), 422, 'invalid_reference', ['assignee']);
      assertProblem(await t.as('handler').post('/api/v1/tickets/batch', { action: 'assign', assignee: 'handler', ids: [a.id] }), 403, 'action_forbidden');
      assert.equal((await read(a)).version, a.version + 1, 'refused batches change nothing');
    });

    it("transfers with each ticket's own checks: department, assignee, visibility, reason", async () => {
      const [a, b, c, d] = [await refund(), await refund(), await refund(), await complaint()];
      await act(t.as('handler'), a, 'accept');
      await act(handler2, b, 'accept');
      const out = await batch(t.as('handler'), { action: 'transfer', department: 'external_partners', reason: '需外协部处理', ids: [a.id, b.id, c.id, d.id] });
      assert.deepEqual(out.results.map((r) => (r.ok ? 'ok' : r.code)), ['ok', 'assigned_to_someone_else', 'ok', 'not_found']);
      assert.equal(failure(out.results[1]).id, b.id, 'visible, so named');
      assert.equal(failure(out.results[1]).status, 403);
      for (const x of [a, c]) {
        const now = await read(x);
        assert.deepEqual([now.status, now.department?.code, now.assignee], ['pending', 'external_partners', null]);
        const last = (await events(x)).at(-1)!;
        assert.deepEqual([last.type, last.content], ['ticket.transferred', '需外协部处理']);
      }
      const same = await batch(handler2, { action: 'transfer', department: 'refunds', reason: '留在本组', ids: [b.id] });
      assert.equal(failure(same.results[0]).code, 'same_department');
      assertInvalidField(await handler2.post('/api/v1/tickets/batch', { action: 'transfer', department: 'exceptions', ids: [b.id] }), 'reason');
      assertProblem(await handler2.post('/api/v1/tickets/batch', { action: 'transfer', department: 'nowhere', reason: 'x', ids: [b.id] }), 422, 'invalid_reference', ['department']);
    });

    it('changes the priority through the ticket update path', async () => {
      const [a, b, closed] = [await refund('low'), await refund('urgent'), await answeredOnSpot()];
      const before = (await events(b)).length;
      const out = await batch(t.as('admin'), { action: 'setPriority', priority: 'urgent', ids: [a.id, b.id, closed.id] });
      assert.deepEqual(success(out.results[0]).version, a.version + 1);
      assert.deepEqual(success(out.results[1]).version, b.version, 'already urgent: no event, same version');
      assert.deepEqual([failure(out.results[2]).code, failure(out.results[2]).ticketStatus], ['action_not_allowed', 'closed']);
      assert.equal((await read(a)).priority.code, 'urgent');
      const last = (await events(a)).at(-1)!;
      assert.equal(last.type, 'ticket.updated');
      assert.ok('priorityId' in (last.data.changes as Record<string, unknown>));
      assert.equal((await events(b)).length, before, 'nothing recorded for an unchanged priority');
      assertProblem(await t.as('admin').post('/api/v1/tickets/batch', { action: 'setPriority', priority: 'whenever', ids: [a.id] }), 422, 'invalid_reference', ['priority']);
      const handlerOut = await batch(t.as('handler'), { action: 'setPriority', priority: 'high', ids: [a.id, (await complaint()).id] });
      assert.deepEqual(handlerOut.results.map((r) => r.ok || r.code), [true, 'not_found']);
    });

    it('adds one note to many; a merged ticket refuses it', async () => {
      const [a, b, m] = [await refund(), await refund(), await refund()];
      await act(agent, m, 'merge', { into: a.id });
      const out = await batch(agent, { action: 'note', content: '客户来电催办', internal: false, ids: [a.id, b.id, m.id] });
      assert.deepEqual(out.results.map((r) => r.ok || r.code), [true, true, 'action_not_allowed']);
      for (const x of [a, b]) {
        const last = (await events(x)).at(-1)!;
        assert.deepEqual([last.type, last.content, last.data.internal], ['ticket.note_added', '客户来电催办', false]);
      }
      const internal = await batch(agent, { action: 'note', content: '内部备注', ids: [b.id] });
      assert.ok(internal.results[0]!.ok);
      assert.equal((await events(b)).at(-1)!.data.internal, true, 'internal by default, as a single note');
      assertProblem(await t.as('auditor').post('/api/v1/tickets/batch', { action: 'note', content: 'x', ids: [a.id] }), 403, 'action_forbidden');
    });

    it('closes duplicates into one primary; the primary itself and closed tickets are reported', async () => {
      const primary = await refund();
      const dups = [await refund(), await refund(), await refund()];
      const closed = await answeredOnSpot();
      const out = await batch(agent, { action: 'closeAsDuplicate', primary: primary.number, note: '重复来电', ids: [dups[0]!.id, dups[1]!.id, primary.id, dups[2]!.id, closed.id] });
      assert.deepEqual(out.results.map((r) => r.ok || r.code), [true, true, 'merge_into_self', true, 'action_not_allowed']);
      for (const d of dups) {
        const now = await read(d);
        assert.deepEqual([now.status, now.mergedIntoId], ['merged', primary.id]);
      }
      const timeline = await events(primary);
      assert.deepEqual(timeline.filter((e) => e.type === 'ticket.duplicate_merged').map((e) => e.data.duplicateId).sort(), dups.map((d) => d.id).sort());
      assert.equal((await read(primary)).version, primary.version + 3, 'one event on the primary per duplicate');

      const hidden = await ticket(handler2, { description: '投诉', category: 'complaint' });
      assertProblem(await agent.post('/api/v1/tickets/batch', { action: 'closeAsDuplicate', primary: hidden.id, ids: [primary.id] }), 422, 'merge_target_not_found', ['primary']);
      assertProblem(await agent.post('/api/v1/tickets/batch', { action: 'closeAsDuplicate', primary: closed.id, ids: [primary.id] }), 409, 'merge_target_not_open');
      assertProblem(await t.as('handler').post('/api/v1/tickets/batch', { action: 'closeAsDuplicate', primary: primary.id, ids: [dups[0]!.id] }), 403, 'action_forbidden');
    });

    it('replies to many customers with one text', async () => {
      const [h1, h2, pending] = [await handled(), await handled(), await refund()];
      const out = await batch(agent, { action: 'reply', channel: 'phone', content: '您的退款已处理', objection: false, ids: [h1.id, h2.id, pending.id] });
      assert.deepEqual(out.results.map((r) => r.ok || r.code), [true, true, 'action_not_allowed']);
      for (const x of [h1, h2]) {
        assert.equal((await read(x)).status, 'closed');
        const last = (await events(x)).at(-1)!;
        assert.deepEqual([last.type, last.content, last.data.channel], ['ticket.replied', '您的退款已处理', 'phone']);
      }
      assertInvalidField(await agent.post('/api/v1/tickets/batch', { action: 'reply', channel: 'fax', content: 'x', ids: [h1.id] }), 'channel');
    });

    it('checks the versions the client saw, ticket by ticket', async () => {
      const [a, b] = [await refund(), await refund()];
      await act(agent, b, 'note', { content: '有人先动了' });
      const out = await batch(agent, { action: 'note', content: '批量备注', ids: [a.id, b.number], expectedVersions: { [a.id]: a.version, [b.number]: b.version } });
      assert.ok(out.results[0]!.ok);
      const conflict = failure(out.results[1]);
      assert.deepEqual([conflict.status, conflict.code, conflict.currentVersion, conflict.id], [409, 'version_conflict', b.version + 1, b.id]);
      assertProblem(await agent.post('/api/v1/tickets/batch', { action: 'note', content: 'x', ids: [a.id], expectedVersions: { [b.id]: 1 } }), 400, 'validation_failed', [`expectedVersions.${b.id}`]);
      // The version is checked when the request names the number in another case than `ids` does.
      const stale = await batch(agent, { action: 'note', content: '大小写', ids: [b.number.toLowerCase()], expectedVersions: { [b.number]: b.version } });
      assert.deepEqual([failure(stale.results[0]).code], ['version_conflict']);
      assertInvalidField(await agent.post('/api/v1/tickets/batch', { action: 'note', content: 'x', ids: [a.id], expectedVersions: { [a.id]: 'one' } }), 'expectedVersions');
    });

    it('acts on every ticket of a view the caller may see, narrowed by a filter', async () => {
      const supervisor = t.as('supervisor');
      const high = [await refund('high'), await refund('high')];
      await refund('low');
      const view = await supervisor.post<{ id: string; count: number }>('/api/v1/views', {
        name: '退款组未分配', scope: 'department', department: 'refunds', filters: { status: 'pending', assignee: 'none', sort: 'createdAt' },
      });
      assert.equal(view.status, 201, JSON.stringify(view.body));
      const listed = (await supervisor.get<{ items: Ticket[] }>(`/api/v1/tickets?view=${view.body.id}&limit=200`)).body.items;
      assert.equal(listed.length, view.body.count);

      const narrowed = await batch(supervisor, { action: 'setPriority', priority: 'urgent', view: view.body.id, filter: { priority: 'high' } });
      const highInView = listed.filter((x) => x.priority.code === 'high');
      assert.ok(high.every((x) => highInView.some((y) => y.id === x.id)));
      assert.deepEqual(narrowed.results.map((r) => r.ok && r.id), highInView.map((x) => x.id), "the view's high ones, in the view's order");
      for (const x of high) assert.equal((await read(x)).priority.code, 'urgent');

      const all = await batch(supervisor, { action: 'note', content: '统一跟进', view: view.body.id });
      assert.deepEqual(all.results.map((r) => r.ok && r.id), listed.map((x) => x.id));
      assert.equal(all.summary.failed, 0);

      const byFilter = await batch(supervisor, { action: 'note', content: '看不到的', filter: { department: 'internal_control' } });
      assert.deepEqual(byFilter.summary, { total: 0, succeeded: 0, failed: 0 }, "internal control's tickets are not the supervisor's to see");

      // `me` in a shared view is the person running the batch.
      const mine = await supervisor.post<{ id: string }>('/api/v1/views', { name: '我的', scope: 'department', department: 'refunds', filters: { assignee: 'me', status: 'in_progress' } });
      const own = await refund();
      await act(handler2, own, 'accept');
      const viaView = await batch(handler2, { action: 'note', content: '我的工单', view: mine.body.id });
      assert.ok(viaView.results.some((r) => r.ok && r.id === own.id));
      for (const r of viaView.results) assert.equal((await read({ id: r.ok ? r.id : '' } as Ticket)).assignee?.username, 'handler2');

      // A search text selects what the list with it shows, no more.
      const modem = await ticket(agent, { description: '光猫红灯闪烁，申请退款', category: 'refund' });
      const searched = await batch(supervisor, { action: 'note', content: '光猫批量', view: view.body.id, filter: { q: '光猫' } });
      assert.deepEqual(searched.results.map((r) => r.ok && r.id), [modem.id]);

      assertProblem(await agent.post('/api/v1/tickets/batch', { action: 'note', content: 'x', view: view.body.id }), 404, 'not_found', [], 'not a member of refunds');
      assertProblem(await supervisor.post('/api/v1/tickets/batch', { action: 'note', content: 'x', filter: { department: 'nowhere' } }), 422, 'invalid_reference', ['filter.department']);
      assertProblem(await supervisor.post('/api/v1/tickets/batch', { action: 'note', content: 'x', filter: { customer: 'no-such-customer' } }), 422, 'invalid_reference', ['filter.customer']);
      // An empty list selects nothing, whichever filter it is: an empty assignee list once selected every ticket in sight.
      for (const empty of [{ assignee: '' }, { department: '' }, { status: '' }, { customer: '' }]) {
        assert.deepEqual((await batch(supervisor, { action: 'note', content: '空列表', filter: { status: 'pending', ...empty } })).summary, { total: 0, succeeded: 0, failed: 0 }, JSON.stringify(empty));
      }
    });

    it('refuses bad batches as a whole', async () => {
      const a = await refund();
      const post = (body: unknown) => agent.post('/api/v1/tickets/batch', body);
      assertInvalidField(await post({ action: 'note', content: 'x' }), 'ids');
      assertInvalidField(await post({ action: 'note', content: 'x', ids: [] }), 'ids');
      assertInvalidField(await post({ action: 'note', content: 'x', ids: [a.id], filter: { status: 'pending' } }), 'filter');
      assertInvalidField(await post({ action: 'note', content: 'x', ids: Array.from({ length: 501 }, (_, i) => `id-${i}`) }), 'ids');
      assertInvalidField(await post({ action: 'note', content: 'x', ids: [a.id, a.id] }), 'ids.1');
      // A number is found in any case, so in two cases it names one ticket twice.
      assertInvalidField(await post({ action: 'note', content: 'x', ids: [a.number.toLowerCase(), a.number] }), 'ids.1');
      assertInvalidField(await post({ action: 'explode', ids: [a.id] }), 'action');
      assertInvalidField(await post({ ids: [a.id] }), 'action');
      assertInvalidField(await post({ action: 'assign', ids: [a.id] }), 'assignee');
      assertInvalidField(await post({ action: 'note', content: '  ', ids: [a.id] }), 'content');
      assertUnknownKeyRefused(await post({ action: 'note', content: 'x', ids: [a.id], colour: 'red' }), 'colour');
      assertUnknownKeyRefused(await post({ action: 'note', content: 'x', ids: [a.id], version: 1 }), 'version');
      assertUnknownKeyRefused(await post({ action: 'note', content: 'x', assignee: 'handler', ids: [a.id] }), 'assignee');
      assertUnknownKeyRefused(await post({ action: 'note', content: 'x', filter: { limit: 5 } }), 'filter.limit');
      assertProblem(await post({ action: 'note', content: 'x', view: 'no-such-view' }), 404, 'not_found');
      assertProblem(await agent.raw('POST', '/api/v1/tickets/batch', 'ids=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
      assert.equal((await read(a)).version, a.version, 'nothing was written');
    });
  });
}
