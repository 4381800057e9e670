import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  priority: { code: string; rank: number };
  serviceItem: { code: string };
  channel: string;
  customer: { id: string } | null;
  department: { code: string } | null;
}
interface Page {
  items: Ticket[];
  nextCursor: string | null;
}

const PRIORITIES = ['urgent', 'high', 'medium', 'low'];

for (const dialect of dialects()) {
  describe(`queues, filters, sorting and pagination (${dialect})`, () => {
    let t: TestApp;
    const created: Ticket[] = [];

    before(async () => {
      t = await startTestApp(dialect);
      const agent = t.as('agent');
      for (let i = 0; i < 23; i++) {
        t.clock.advance(60_000);
        const response = await agent.post<Ticket>('/api/v1/tickets', {
          description: `退款咨询 ${i}`,
          category: 'refund',
          serviceItem: i % 3 === 0 ? 'flights_change' : 'mall_presales',
          priority: PRIORITIES[i % 4],
          channel: i % 2 === 0 ? 'phone' : 'api',
          customer: { phone: `1390000${String(i % 5).padStart(4, '0')}`, name: `客户${i % 5}` },
          ...(i % 3 === 0 && { fields: { flightNumber: `MU${5100 + i}`, orderNumber: `FL-${i}` } }),
        });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        created.push(response.body);
      }
    });
    after(async () => t?.close());

    async function walk(client: ReturnType<TestApp['as']>, query: string): Promise<Ticket[]> {
      const seen: Ticket[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/tickets?${query}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await client.get<Page>(url);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        assert.ok(page.body.items.length <= 5);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    }

    it('walks every page once, in order, for each sort', async () => {
      const admin = t.as('admin');
      const newestFirst = await walk(admin, 'sort=-createdAt');
      assert.deepEqual(newestFirst.map((x) => x.id), [...created].reverse().map((x) => x.id));
      const oldestFirst = await walk(admin, 'sort=createdAt');
      assert.deepEqual(oldestFirst.map((x) => x.id), created.map((x) => x.id));
      const byPriority = await walk(admin, 'sort=priority');
      assert.equal(byPriority.length, created.length);
      const ranks = byPriority.map((x) => x.priority.rank);
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'urgent first');
      for (let i = 1; i < byPriority.length; i++) {
        if (byPriority[i]!.priority.rank === byPriority[i - 1]!.priority.rank) assert.ok(byPriority[i]!.createdAt >= byPriority[i - 1]!.createdAt);
      }
    });

    it('refuses a cursor from a list with another sort order', async () => {
      const first = await t.as('admin').get<Page>('/api/v1/tickets?sort=createdAt&limit=2');
      const misuse = await t.as('admin').get(`/api/v1/tickets?sort=-updatedAt&cursor=${first.body.nextCursor}`);
      assert.equal(misuse.status, 400);
      assert.equal(misuse.body.code, 'invalid_cursor');
      const garbage = await t.as('admin').get('/api/v1/tickets?cursor=not-a-cursor');
      assert.equal(garbage.status, 400);
    });

    it('filters by priority, channel, service-item branch, customer and time range', async () => {
      const admin = t.as('admin');
      const urgent = await admin.get<Page>('/api/v1/tickets?priority=urgent,high&limit=200');
      assert.equal(urgent.body.items.length, created.filter((_, i) => i % 4 < 2).length);
      assert.ok(urgent.body.items.every((x) => ['urgent', 'high'].includes(x.priority.code)));

      const viaApi = await admin.get<Page>('/api/v1/tickets?channel=api&limit=200');
      assert.equal(viaApi.body.items.length, 11);

      const flights = await admin.get<Page>('/api/v1/tickets?serviceItem=flights&limit=200');
      assert.equal(flights.body.items.length, 8, 'the flights branch includes flights_change');
      assert.ok(flights.body.items.every((x) => x.serviceItem.code === 'flights_change'));

      const customer = created[0]!.customer!.id;
      const ofCustomer = await admin.get<Page>(`/api/v1/tickets?customer=${customer}&limit=200`);
      assert.equal(ofCustomer.body.items.length, 5);

      const from = created[5]!.createdAt;
      const to = created[10]!.createdAt;
      const window = await admin.get<Page>(`/api/v1/tickets?createdFrom=${from}&createdTo=${to}&sort=createdAt`);
      assert.deepEqual(window.body.items.map((x) => x.id), created.slice(5, 10).map((x) => x.id));
    });

    it('serves the named queues', async () => {
      const handler = t.as('handler');
      const [one, two, three] = created;
      await handler.post(`/api/v1/tickets/${one!.id}/accept`);
      await handler.post(`/api/v1/tickets/${two!.id}/claim`);
      await handler.post(`/api/v1/tickets/${three!.id}/accept`);
      await handler.post(`/api/v1/tickets/${three!.id}/wait`, { reason: '等待客户提供凭证' });

      const department = await walk(handler, 'queue=department');
      assert.equal(department.length, created.length - 2, 'pending in refunds: all but the accepted and the waiting');
      assert.deepEqual(department.map((x) => x.id), created.filter((x) => x !== one && x !== three).map((x) => x.id), 'oldest first');
      // Administrators and auditors, in no department, oversee every department's queue; a member of none has an empty one.
      for (const overseer of ['admin', 'auditor'] as const) {
        const everyDepartment = await walk(t.as(overseer), 'queue=department');
        assert.deepEqual(everyDepartment.map((x) => x.id), department.map((x) => x.id), overseer);
      }
      assert.deepEqual((await t.as('admin').get<Page>('/api/v1/tickets?queue=department&department=exceptions')).body.items, []);

      const mine = await handler.get<Page>('/api/v1/tickets?queue=mine');
      assert.deepEqual(mine.body.items.map((x) => x.id).sort(), [one!.id, two!.id, three!.id].sort());

      const waiting = await handler.get<Page>('/api/v1/tickets?queue=waiting');
      assert.deepEqual(waiting.body.items.map((x) => x.id), [three!.id]);

      const unassigned = await handler.get<Page>('/api/v1/tickets?queue=department&assignee=none&limit=200');
      assert.equal(unassigned.body.items.length, created.length - 3);
      // A filter narrows a queue, never widens it: nothing of mine is unassigned, no other department's is my department's.
      assert.deepEqual((await handler.get<Page>('/api/v1/tickets?queue=mine&assignee=none')).body.items, []);
      assert.deepEqual((await handler.get<Page>('/api/v1/tickets?queue=department&department=exceptions')).body.items, []);
      const mineInProgress = await handler.get<Page>('/api/v1/tickets?queue=mine&assignee=me,none&status=in_progress');
      assert.deepEqual(mineInProgress.body.items.map((x) => x.id), [one!.id]);

      const mineFilter = await handler.get<Page>('/api/v1/tickets?assignee=me&status=in_progress');
      assert.deepEqual(mineFilter.body.items.map((x) => x.id), [one!.id]);

      await handler.post(`/api/v1/tickets/${created[4]!.id}/return`, { reason: '非本组业务' });
      const returned = await t.as('agent').get<Page>('/api/v1/tickets?queue=returned');
      assert.deepEqual(returned.body.items.map((x) => x.id), [created[4]!.id]);
      const dispatch = await t.as('agent').get<Page>('/api/v1/tickets?queue=dispatch');
      assert.ok(dispatch.body.items.some((x) => x.id === created[4]!.id));

      await handler.post(`/api/v1/tickets/${one!.id}/resolve`, { result: '已改签' });
      const presales = created[7]!;
      await handler.post(`/api/v1/tickets/${presales.id}/accept`);
      await handler.post(`/api/v1/tickets/${presales.id}/resolve`, { result: '已答复' });
      const awaitingReply = await t.as('agent').get<Page>('/api/v1/tickets?queue=awaiting_reply');
      assert.deepEqual(awaitingReply.body.items.map((x) => x.id), [one!.id], 'flight changes need a reply; pre-sales does not');
      // A handled ticket that owes no reply waits for its department to close it, in a queue of its own.
      for (const who of ['handler', 'supervisor', 'admin', 'auditor'] as const) {
        const toClose = await t.as(who).get<Page>('/api/v1/tickets?queue=to_close');
        assert.deepEqual(toClose.body.items.map((x) => x.id), [presales.id], who);
      }
      assert.deepEqual((await t.as('agent').get<Page>('/api/v1/tickets?queue=to_close')).body.items, [], 'not the call centre’s to close');
      assert.equal((await handler.post(`/api/v1/tickets/${presales.id}/close`)).status, 200);
      assert.deepEqual((await handler.get<Page>('/api/v1/tickets?queue=to_close')).body.items, []);
    });

    it('filters on updated time after a change, and combines a queue with an explicit status', async () => {
      t.clock.advance(3_600_000);
      const marker = t.clock.now().toISOString();
      await t.as('handler').post(`/api/v1/tickets/${created[6]!.id}/note`, { content: '跟进中' });
      const recent = await t.as('admin').get<Page>(`/api/v1/tickets?updatedFrom=${marker}`);
      assert.deepEqual(recent.body.items.map((x) => x.id), [created[6]!.id]);
      const none = await t.as('handler').get<Page>('/api/v1/tickets?queue=department&status=closed');
      assert.deepEqual(none.body.items, [], 'a queue narrowed to statuses outside it is empty, not widened');
    });

    it("still finds the tickets of a deleted department, category, priority or user: a leaver's open work, a retired desk's queue", async () => {
      const admin = t.as('admin');
      assert.equal((await admin.post('/api/v1/departments', { code: 'night_desk', name: '夜班组' })).status, 201);
      assert.equal((await admin.post('/api/v1/categories', { code: 'old_kind', name: '旧分类' })).status, 201);
      assert.equal((await admin.post('/api/v1/priorities', { code: 'legacy', name: '旧优先级', rank: 9 })).status, 201);
      const leaver = await admin.post<{ id: string }>('/api/v1/users', { username: 'night1', displayName: '夜班一', password: 'password-123', role: 'handler', departments: ['night_desk'] });
      assert.equal(leaver.status, 201, JSON.stringify(leaver.body));
      const ticket = await t.as('agent').post<Ticket>('/api/v1/tickets', { description: '夜间来电', category: 'old_kind', serviceItem: 'mall_presales', priority: 'legacy', department: 'night_desk' });
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
      assert.equal((await t.as(await t.tokenFor(leaver.body.id)).post(`/api/v1/tickets/${ticket.body.id}/accept`)).status, 200);

      assert.equal((await admin.patch(`/api/v1/users/${leaver.body.id}`, { active: false })).status, 200);
      assert.equal((await admin.patch('/api/v1/departments/night_desk', { active: false })).status, 200);
      assert.equal((await admin.delete('/api/v1/categories/old_kind')).status, 204);
      assert.equal((await admin.delete('/api/v1/priorities/legacy')).status, 204);
      for (const filter of ['assignee=night1', `assignee=${leaver.body.id}`, 'department=night_desk', 'category=old_kind', 'priority=legacy']) {
        const found = await admin.get<Page>(`/api/v1/tickets?${filter}`);
        assert.equal(found.status, 200, `${filter}: ${JSON.stringify(found.body)}`);
        assert.deepEqual(found.body.items.map((x) => x.id), [ticket.body.id], filter);
      }
      // New work still may not use them.
      const refused = await t.as('agent').post('/api/v1/tickets', { description: '夜间来电', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', department: 'night_desk' });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'invalid_reference');
    });

    it('names an unknown customer in a filter, and reads an empty list as matching nothing, whichever filter', async () => {
      const admin = t.as('admin');
      const unknown = await admin.get<{ code: string; errors: Array<{ field: string }> }>('/api/v1/tickets?customer=no-such-customer');
      assert.deepEqual([unknown.status, unknown.body.code, unknown.body.errors.map((e) => e.field)], [422, 'invalid_reference', ['customer']]);
      assert.ok((await admin.get<Page>('/api/v1/tickets')).body.items.length > 0);
      for (const filter of ['assignee=', 'department=', 'status=', 'customer=']) {
        const found = await admin.get<Page>(`/api/v1/tickets?${filter}`);
        assert.deepEqual([found.status, found.body.items.length], [200, 0], filter);
      }
    });
  });
}
