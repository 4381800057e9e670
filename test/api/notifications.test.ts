import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aboutTicket, newNotifications, type NotificationContent } from '../../src/notifications/domain/notification.js';
import { newId } from '../../src/platform/ids.js';
import { assertInvalidField, assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type DemoUser, type TestApp } from '../support/test-app.js';

interface Item {
  id: string;
  kind: string;
  ticket: { id: string; number: string; title: string } | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}
interface Page {
  items: Item[];
  unreadCount: number;
  nextCursor: string | null;
}

for (const dialect of dialects()) {
  describe(`in-app notifications (${dialect})`, () => {
    let t: TestApp;
    let ticket: { id: string; number: string; title: string };
    const userIds = new Map<DemoUser, string>();

    before(async () => {
      t = await startTestApp(dialect);
      for (const username of ['admin', 'supervisor', 'agent', 'handler', 'auditor'] as const) {
        const user = await t.ctx.uow.read((repos) => repos.users.findByRef(username));
        userIds.set(username, user!.id);
      }
      const created = await t.as('agent').post<{ id: string; number: string; title: string }>('/api/v1/tickets', {
        title: '宽带无法上网',
        description: '客户反映家中宽带从昨晚起无法上网，光猫指示灯闪红。',
        category: 'fault',
        serviceItem: 'mall_presales',
        priority: 'high',
        customer: { phone: '13900001111', name: '张先生' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ticket = created.body;
    });
    after(async () => t?.close());

    /** Stores notifications the way producers will: through the repository, in one unit of work. */
    async function notify(users: DemoUser[], content: Partial<NotificationContent> = {}): Promise<string[]> {
      const list = newNotifications(
        users.map((u) => userIds.get(u)),
        { ticket: aboutTicket(ticket), kind: 'sla.warning', data: {}, ...content },
        t.clock.now().toISOString(),
        newId,
      );
      await t.ctx.uow.write((repos) => repos.notifications.insertMany(list));
      return list.map((n) => n.id);
    }

    async function walk(user: DemoUser, query: string, limit: number, from: string | null = null): Promise<Item[]> {
      const seen: Item[] = [];
      let cursor: string | null = from;
      do {
        const url: string = `/api/v1/notifications?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await t.as(user).get<Page>(url);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        assert.ok(page.body.items.length <= limit);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    }

    it('lists only your own notifications, newest first, with the ticket number and title', async () => {
      t.clock.advance(60_000);
      const [warning] = await notify(['agent', 'handler', 'agent'], { kind: 'sla.warning', data: { target: 'resolution', dueAt: '2026-11-23T06:00:00.000Z', nested: { level: 1 } } });
      t.clock.advance(60_000);
      const [assigned] = await notify(['agent'], { kind: 'ticket.assigned' });
      t.clock.advance(60_000);
      const [general] = await notify(['agent'], { ticket: null, kind: 'extension.decided', data: { approved: true } });

      const page = await t.as('agent').get<Page>('/api/v1/notifications');
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.deepEqual(page.body.items.map((n) => n.id), [general, assigned, warning], 'newest first; the duplicate recipient got one');
      assert.equal(page.body.unreadCount, 3);
      assert.equal(page.body.nextCursor, null);
      const [first, second, third] = page.body.items;
      assert.deepEqual(first, { id: general, kind: 'extension.decided', ticket: null, data: { approved: true }, createdAt: '2026-11-23T01:33:00.000Z', readAt: null });
      assert.deepEqual(second!.ticket, { id: ticket.id, number: ticket.number, title: '宽带无法上网' });
      assert.match(second!.ticket!.number, /^GD-\d{8}-\d{6}$/);
      assert.deepEqual(third!.data, { target: 'resolution', dueAt: '2026-11-23T06:00:00.000Z', nested: { level: 1 } });
      assert.equal(third!.kind, 'sla.warning');

      const handler = await t.as('handler').get<Page>('/api/v1/notifications');
      assert.equal(handler.body.items.length, 1);
      assert.equal(handler.body.unreadCount, 1);
      assert.ok(handler.body.items.every((n) => ![general, assigned, warning].includes(n.id)));

      const admin = await t.as('admin').get<Page>('/api/v1/notifications');
      assert.deepEqual(admin.body, { items: [], unreadCount: 0, nextCursor: null }, 'an administrator sees only their own, too');
    });

    it("answers 404 for someone else's notification exactly as for an unknown one, and changes nothing", async () => {
      t.clock.advance(60_000);
      const [handlersOwn] = await notify(['handler'], { kind: 'sla.breach' });
      const someoneElses = await t.as('agent').post(`/api/v1/notifications/${handlersOwn}/read`);
      const unknown = await t.as('agent').post(`/api/v1/notifications/${newId()}/read`);
      const notAnId = await t.as('agent').post('/api/v1/notifications/not-an-id/read');
      for (const response of [someoneElses, unknown, notAnId]) assertProblem(response, 404, 'not_found');
      assert.equal(
        String(someoneElses.body.detail).replace(handlersOwn!, 'X'),
        String(unknown.body.detail).replace(/"[^"]+"/, '"X"'),
        'the answer does not tell that the id exists',
      );
      const admin = await t.as('admin').post(`/api/v1/notifications/${handlersOwn}/read`);
      assertProblem(admin, 404, 'not_found');

      const handler = await t.as('handler').get<Page>('/api/v1/notifications?unread=true');
      assert.ok(handler.body.items.some((n) => n.id === handlersOwn && n.readAt === null), 'still unread');
    });

    it('marks one read, filters unread and keeps the count; marking again keeps the first read time', async () => {
      const before = await t.as('agent').get<Page>('/api/v1/notifications?unread=true');
      assert.equal(before.body.unreadCount, 3);
      const target = before.body.items[1]!;

      t.clock.advance(1_000);
      const readAt = t.clock.now().toISOString();
      const marked = await t.as('agent').post<Item>(`/api/v1/notifications/${target.id}/read`);
      assert.equal(marked.status, 200, JSON.stringify(marked.body));
      assert.deepEqual(marked.body, { ...target, readAt });

      t.clock.advance(1_000);
      const again = await t.as('agent').post<Item>(`/api/v1/notifications/${target.id}/read`, {});
      assert.equal(again.status, 200);
      assert.equal(again.body.readAt, readAt);

      const unread = await t.as('agent').get<Page>('/api/v1/notifications?unread=true');
      assert.equal(unread.body.unreadCount, 2);
      assert.deepEqual(unread.body.items.map((n) => n.id), before.body.items.filter((n) => n.id !== target.id).map((n) => n.id));
      const all = await t.as('agent').get<Page>('/api/v1/notifications?unread=false');
      assert.equal(all.body.items.length, 3);
      assert.equal(all.body.unreadCount, 2, 'the count is of unread ones, whatever the filter');
      assert.equal(all.body.items.find((n) => n.id === target.id)!.readAt, readAt);
    });

    it('pages with a cursor: no duplicates, no gaps, stable when several share a creation time', async () => {
      // 4 at one instant, 3 at the next, 5 at a third: 12 in all for the supervisor.
      for (const batch of [4, 3, 5]) {
        t.clock.advance(60_000);
        for (let i = 0; i < batch; i++) await notify(['supervisor'], { kind: 'sla.escalation', data: { i } });
      }
      const everything = await t.as('supervisor').get<Page>('/api/v1/notifications?limit=200');
      assert.equal(everything.body.items.length, 12);
      const expected = everything.body.items.map((n) => n.id);
      const keys = everything.body.items.map((n) => `${n.createdAt} ${n.id}`);
      assert.deepEqual(keys, [...keys].sort().reverse(), 'ordered by (createdAt, id), newest first');

      for (const limit of [1, 2, 3, 4, 5, 11, 12]) {
        const walked = await walk('supervisor', 'unread=false', limit);
        assert.deepEqual(walked.map((n) => n.id), expected, `limit ${limit}`);
      }

      // Reading some while paging the unread list neither skips nor repeats the rest.
      const first = await t.as('supervisor').get<Page>('/api/v1/notifications?unread=true&limit=5');
      assert.equal(first.body.items.length, 5);
      for (const n of first.body.items.slice(0, 3)) await t.as('supervisor').post(`/api/v1/notifications/${n.id}/read`);
      const rest = await walk('supervisor', 'unread=true', 4, first.body.nextCursor);
      assert.deepEqual(rest.map((n) => n.id), expected.slice(5));
      const unread = await walk('supervisor', 'unread=true', 4);
      assert.deepEqual(unread.map((n) => n.id), expected.slice(3));
      assert.equal((await t.as('supervisor').get<Page>('/api/v1/notifications?limit=1')).body.unreadCount, 9);
    });

    it('marks all your notifications read, and only yours', async () => {
      t.clock.advance(60_000);
      const ids = [...(await notify(['auditor'], { kind: 'extension.requested' })), ...(await notify(['auditor', 'handler']))];
      await notify(['auditor'], { kind: 'ticket.assigned' });
      await t.as('auditor').post(`/api/v1/notifications/${ids[0]}/read`);
      const handlerBefore = (await t.as('handler').get<Page>('/api/v1/notifications')).body.unreadCount;

      t.clock.advance(5_000);
      const all = await t.as('auditor').post('/api/v1/notifications/read-all');
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.deepEqual(all.body, { updated: 2 });
      const page = await t.as('auditor').get<Page>('/api/v1/notifications');
      assert.equal(page.body.unreadCount, 0);
      assert.ok(page.body.items.every((n) => n.readAt !== null));
      assert.equal(page.body.items.filter((n) => n.readAt === t.clock.now().toISOString()).length, 2, 'the one read before keeps its time');
      assert.deepEqual((await t.as('auditor').get<Page>('/api/v1/notifications?unread=true')).body.items, []);

      assert.deepEqual((await t.as('auditor').post('/api/v1/notifications/read-all', {})).body, { updated: 0 });
      assert.equal((await t.as('handler').get<Page>('/api/v1/notifications')).body.unreadCount, handlerBefore, "others' stay unread");
    });

    it('stores nothing for an empty batch', async () => {
      const before = await t.as('admin').get<Page>('/api/v1/notifications');
      await t.ctx.uow.write((repos) => repos.notifications.insertMany([]));
      assert.equal(await t.ctx.uow.read((repos) => repos.notifications.markRead(userIds.get('admin')!, [], t.clock.now().toISOString())), 0);
      assert.deepEqual((await t.as('admin').get<Page>('/api/v1/notifications')).body, before.body);
    });

    it('refuses bad input with problem documents', async () => {
      const agent = t.as('agent');
      assertProblem(await agent.get('/api/v1/notifications?cursor=not-a-cursor'), 400, 'invalid_cursor', ['cursor']);
      const wrongShape = Buffer.from(JSON.stringify(['createdAt', 'x'])).toString('base64url');
      assertProblem(await agent.get(`/api/v1/notifications?cursor=${wrongShape}`), 400, 'invalid_cursor', ['cursor']);
      const tooLong = Buffer.from(JSON.stringify(['2026-11-23T01:31:00.000Z', 'a', 'b'])).toString('base64url');
      assertProblem(await agent.get(`/api/v1/notifications?cursor=${tooLong}`), 400, 'invalid_cursor', ['cursor']);
      const notIsoTime = Buffer.from(JSON.stringify(['2026-11-23 01:31:00', 'a'])).toString('base64url');
      assertProblem(await agent.get(`/api/v1/notifications?cursor=${notIsoTime}`), 400, 'invalid_cursor', ['cursor']);
      assertInvalidField(await agent.get(`/api/v1/notifications?cursor=${'x'.repeat(1001)}`), 'cursor');

      for (const limit of ['0', '201', '-1', '2.5', 'abc', '']) {
        assertInvalidField(await agent.get(`/api/v1/notifications?limit=${limit}`), 'limit', `limit=${limit}`);
      }
      assert.equal((await agent.get<Page>('/api/v1/notifications?limit=200')).status, 200);
      assert.equal((await agent.get<Page>('/api/v1/notifications?limit=1')).body.items.length, 1);
      assertInvalidField(await agent.get('/api/v1/notifications?unread=yes'), 'unread');
      assertProblem(await agent.get('/api/v1/notifications?userId=someone'), 400, 'validation_failed', ['userId']);
      assertProblem(await agent.post('/api/v1/notifications/read-all', { userId: 'someone' }), 400, 'validation_failed', ['userId']);
      assertProblem(await agent.post(`/api/v1/notifications/${newId()}/read`, { all: true }), 400, 'validation_failed', ['all']);
      assertProblem(await agent.raw('POST', '/api/v1/notifications/read-all', 'updated=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
      assertProblem(await t.anonymous.get('/api/v1/notifications'), 401, 'unauthenticated');
      assertProblem(await t.anonymous.post('/api/v1/notifications/read-all'), 401, 'unauthenticated');
    });

    it('documents the routes in the OpenAPI document', async () => {
      const doc = await t.anonymous.get<{ paths: Record<string, Record<string, { tags?: string[] }>> }>('/api/v1/openapi.json');
      assert.equal(doc.status, 200);
      assert.deepEqual(doc.body.paths['/api/v1/notifications']?.get?.tags, ['notifications']);
      assert.ok(doc.body.paths['/api/v1/notifications/read-all']?.post);
      assert.ok(doc.body.paths['/api/v1/notifications/{id}/read']?.post);
    });

    /** An after-sales refund recorded by the agent; the routing rules put it in the refunds queue. */
    const createRefund = (orderNumber: string, extra: Record<string, unknown>) =>
      t.as('agent').post<{ id: string; number: string }>('/api/v1/tickets', {
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'medium',
        fields: { orderNumber },
        ...extra,
      });

    it('tells a handler when a supervisor assigns them a ticket, but not when they claim one themselves', async () => {
      const refund = await createRefund('SO2026112300017', { description: '订单退款一直没有到账', customer: { phone: '13900002222' } });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      const assigned = await t.as('supervisor').post(`/api/v1/tickets/${refund.body.id}/assign`, { assignee: 'handler' });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      // Assigning it to them again (a batch over a view does) changes nothing: no second notice, no new version.
      const again = await t.as('supervisor').post<{ version: number }>(`/api/v1/tickets/${refund.body.id}/assign`, { assignee: 'handler' });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.version, (assigned.body as { version: number }).version);
      // Nor once they have started on it: it stays in progress.
      assert.equal((await t.as('handler').post(`/api/v1/tickets/${refund.body.id}/accept`)).status, 200);
      const working = await t.as('supervisor').post<{ status: string }>(`/api/v1/tickets/${refund.body.id}/assign`, { assignee: 'handler' });
      assert.equal(working.body.status, 'in_progress');
      const mine = await t.as('handler').get<Page>('/api/v1/notifications?unread=true');
      const about = mine.body.items.filter((n) => n.ticket?.id === refund.body.id);
      assert.deepEqual(about.map((n) => [n.kind, n.data.number, n.data.automatic]), [['ticket.assigned', refund.body.number, false]]);

      const other = await createRefund('SO2026112300018', { description: '退款申请：重复扣款' });
      const claimed = await t.as('handler').post(`/api/v1/tickets/${other.body.id}/claim`);
      assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
      const after = await t.as('handler').get<Page>('/api/v1/notifications');
      assert.equal(after.body.items.filter((n) => n.ticket?.id === other.body.id).length, 0);
    });

    it('shows the ticket as it was when the notification was sent, never what a ticket the reader lost sight of became', async () => {
      const refund = await createRefund('SO2026112300019', { title: '退款未到账', description: '订单退款十天未到账' });
      assert.equal(refund.status, 201, JSON.stringify(refund.body));
      assert.equal((await t.as('supervisor').post(`/api/v1/tickets/${refund.body.id}/assign`, { assignee: 'handler' })).status, 200);
      const moved = await t.as('supervisor').post(`/api/v1/tickets/${refund.body.id}/transfer`, { department: 'external_partners', reason: '需商家处理' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const renamed = await t.as('admin').patch(`/api/v1/tickets/${refund.body.id}`, { title: '商家拒绝退款：内部处理意见' });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal((await t.as('handler').get(`/api/v1/tickets/${refund.body.id}`)).status, 404, 'the handler no longer sees the ticket');

      const mine = await t.as('handler').get<Page>('/api/v1/notifications');
      const about = mine.body.items.filter((n) => n.ticket?.id === refund.body.id);
      assert.deepEqual(about.map((n) => n.ticket), [{ id: refund.body.id, number: refund.body.number, title: '退款未到账' }]);
    });
  });
}
