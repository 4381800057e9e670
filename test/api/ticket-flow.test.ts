import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  version: number;
  department: { code: string } | null;
  assignee: { username: string } | null;
  customer: { id: string; phone: string | null } | null;
  allowedActions: string[];
  needsTriage: boolean;
  result: string | null;
  closedAt: string | null;
  fields: Record<string, unknown>;
}
interface Event {
  type: string;
  seq: number;
  fromStatus: string | null;
  toStatus: string | null;
  actor: { username: string } | null;
  content: string | null;
  data: Record<string, unknown>;
}

for (const dialect of dialects()) {
  describe(`the work-order lifecycle end to end (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    it('runs create → route → accept → transfer → return → dispatch → resolve → objection → difficult case → close', async () => {
      const agent = t.as('agent');
      const handler = t.as('handler');
      const supervisor = t.as('supervisor');

      const created = await agent.post<Ticket>('/api/v1/tickets', {
        title: '退货后一直没有退款',
        description: '客户来电：订单已退货两周，退款仍未到账。',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'high',
        customer: { name: '陈女士', phone: '+86 138 0013 8000' },
        fields: { orderNumber: 'JD-2026-778899', amount: 299.5 },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const ticket = created.body;
      assert.match(ticket.number, /^GD-20261123-000001$/);
      assert.equal(ticket.status, 'pending', 'the refund rule dispatched it');
      assert.equal(ticket.department?.code, 'refunds');
      assert.equal(ticket.customer?.phone, '13800138000');
      assert.deepEqual(ticket.fields, { orderNumber: 'JD-2026-778899', amount: 299.5 });

      const queue = await handler.get<{ items: Ticket[] }>('/api/v1/tickets?queue=department');
      assert.deepEqual(queue.body.items.map((i) => i.number), [ticket.number]);

      const accepted = await handler.post<Ticket>(`/api/v1/tickets/${ticket.number}/accept`, undefined, { 'if-match': `"${ticket.version}"` });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.status, 'in_progress');
      assert.equal(accepted.body.assignee?.username, 'handler');
      assert.ok(accepted.body.allowedActions.includes('resolve'));

      const noted = await handler.post<Ticket>(`/api/v1/tickets/${ticket.id}/note`, { content: '已联系仓库核实退货签收', internal: true });
      assert.equal(noted.status, 200);

      const transferred = await handler.post<Ticket>(`/api/v1/tickets/${ticket.id}/transfer`, { department: 'exceptions', reason: '退款通道异常，需报障组处理' });
      assert.equal(transferred.status, 200, JSON.stringify(transferred.body));
      assert.equal(transferred.body.department?.code, 'exceptions');
      assert.equal(transferred.body.status, 'pending');

      // The handler transferred it away: they can still read it (they took part) but no longer act on it.
      const afterTransfer = await handler.get<Ticket>(`/api/v1/tickets/${ticket.id}`);
      assert.equal(afterTransfer.status, 200);
      assert.deepEqual(afterTransfer.body.allowedActions, ['note']);
      const refused = await handler.post(`/api/v1/tickets/${ticket.id}/accept`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'not_in_department');

      const returned = await t.as('admin').post<Ticket>(`/api/v1/tickets/${ticket.id}/return`, { reason: '信息不全：缺少退货单号' });
      assert.equal(returned.body.status, 'returned');
      assert.equal(returned.body.department, null);

      const redispatched = await agent.post<Ticket>(`/api/v1/tickets/${ticket.id}/dispatch`, { department: 'refunds' });
      assert.equal(redispatched.body.status, 'pending');
      await handler.post(`/api/v1/tickets/${ticket.id}/accept`);
      const resolved = await handler.post<Ticket>(`/api/v1/tickets/${ticket.id}/resolve`, { result: '已重新发起退款，预计3个工作日到账' });
      assert.equal(resolved.body.status, 'handled');

      // After-sales needs a reply: close is not offered, and closing without one is refused with the reason.
      assert.deepEqual((resolved.body as Ticket & { allowedActions: string[] }).allowedActions, ['note', 'update']);
      const forAgent = await agent.get<{ allowedActions: string[] }>(`/api/v1/tickets/${ticket.id}`);
      assert.deepEqual(forAgent.body.allowedActions, ['note', 'reply', 'update']);
      const earlyClose = await handler.post(`/api/v1/tickets/${ticket.id}/close`);
      assert.equal(earlyClose.status, 409);
      assert.equal(earlyClose.body.code, 'reply_required');

      const awaitingReply = await agent.get<{ items: Ticket[] }>('/api/v1/tickets?queue=awaiting_reply');
      assert.deepEqual(awaitingReply.body.items.map((i) => i.id), [ticket.id]);

      const objection = await agent.post<Ticket>(`/api/v1/tickets/${ticket.id}/reply`, { channel: 'phone', content: '已告知客户退款进度', objection: true });
      assert.equal(objection.status, 200, JSON.stringify(objection.body));
      assert.equal(objection.body.status, 'pending');
      assert.equal(objection.body.department?.code, 'difficult_cases');

      await supervisor.post(`/api/v1/tickets/${ticket.id}/accept`);
      await supervisor.post(`/api/v1/tickets/${ticket.id}/resolve`, { result: '补偿20元优惠券并加急退款' });
      const closed = await agent.post<Ticket>(`/api/v1/tickets/${ticket.id}/reply`, { channel: 'phone', content: '客户接受处理结果', objection: false });
      assert.equal(closed.body.status, 'closed');
      assert.ok(closed.body.closedAt);

      const timeline = await t.as('auditor').get<{ items: Event[] }>(`/api/v1/tickets/${ticket.id}/events`);
      assert.deepEqual(
        timeline.body.items.map((e) => `${e.type}:${e.fromStatus ?? '-'}→${e.toStatus}`),
        [
          'ticket.created:-→submitted',
          'ticket.dispatched:submitted→pending',
          'ticket.accepted:pending→in_progress',
          'ticket.note_added:in_progress→in_progress',
          'ticket.transferred:in_progress→pending',
          'ticket.returned:pending→returned',
          'ticket.dispatched:returned→pending',
          'ticket.accepted:pending→in_progress',
          'ticket.resolved:in_progress→handled',
          'ticket.replied:handled→pending',
          'ticket.accepted:pending→in_progress',
          'ticket.resolved:in_progress→handled',
          'ticket.replied:handled→closed',
        ],
      );
      assert.deepEqual(timeline.body.items.map((e) => e.seq), timeline.body.items.map((_, i) => i + 1));
      assert.equal(timeline.body.items[1]!.actor, null, 'routing acted as the system');
      assert.equal(timeline.body.items[5]!.content, '信息不全：缺少退货单号');
      assert.equal(timeline.body.items[9]!.data.objection, true);
    });

    it('creates and closes in one step a question answered on the spot', async () => {
      const response = await t.as('agent').post<Ticket>('/api/v1/tickets', {
        description: '咨询商品是否支持七天无理由退货',
        category: 'inquiry',
        serviceItem: 'mall_presales',
        priority: 'low',
        answeredOnSpot: true,
        result: '支持，签收后七天内可申请',
      });
      assert.equal(response.status, 201);
      assert.equal(response.body.status, 'closed');
      assert.equal(response.body.result, '支持，签收后七天内可申请');
      const events = await t.as('agent').get<{ items: Event[] }>(`/api/v1/tickets/${response.body.id}/events`);
      assert.deepEqual(events.body.items.map((e) => e.type), ['ticket.created', 'ticket.closed']);
      assert.equal(events.body.items[1]!.data.answeredOnSpot, true);
    });

    it('leaves a ticket no rule matches for manual dispatch, and closes a no-reply ticket without a reply', async () => {
      const agent = t.as('agent');
      const created = await agent.post<Ticket>('/api/v1/tickets', {
        description: '询问电影票能否改签',
        category: 'inquiry',
        serviceItem: 'movie_tickets',
        priority: 'medium',
        fields: { orderNumber: 'MV-10001' },
      });
      assert.equal(created.body.status, 'submitted');
      const dispatchQueue = await agent.get<{ items: Ticket[] }>('/api/v1/tickets?queue=dispatch');
      assert.ok(dispatchQueue.body.items.some((i) => i.id === created.body.id));
      const noRoute = await agent.post(`/api/v1/tickets/${created.body.id}/dispatch`);
      assert.equal(noRoute.status, 422);
      assert.equal(noRoute.body.code, 'no_route');

      await agent.post(`/api/v1/tickets/${created.body.id}/dispatch`, { department: 'refunds' });
      const handler = t.as('handler');
      await handler.post(`/api/v1/tickets/${created.body.id}/claim`);
      await handler.post(`/api/v1/tickets/${created.body.id}/accept`);
      await handler.post(`/api/v1/tickets/${created.body.id}/wait`, { reason: '等待影院回复' });
      const resumed = await handler.post<Ticket>(`/api/v1/tickets/${created.body.id}/resume`);
      assert.equal(resumed.body.status, 'in_progress');
      await handler.post(`/api/v1/tickets/${created.body.id}/resolve`, { result: '影院同意改签' });
      const closed = await handler.post<Ticket>(`/api/v1/tickets/${created.body.id}/close`);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal(closed.body.status, 'closed');

      const reopened = await agent.post<Ticket>(`/api/v1/tickets/${created.body.id}/reopen`, { reason: '客户称改签未成功' });
      assert.equal(reopened.body.status, 'pending');
      assert.equal(reopened.body.department?.code, 'refunds');
      assert.equal(reopened.body.closedAt, null);
    });

    it('reopens to dispatch a ticket whose department was deleted since, so it is in a queue someone works', async () => {
      const admin = t.as('admin');
      assert.equal((await admin.post('/api/v1/departments', { code: 'summer_desk', name: '暑期专线' })).status, 201);
      const agent = t.as('agent');
      const created = await agent.post<Ticket>('/api/v1/tickets', { description: '暑期活动咨询', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', department: 'summer_desk' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await admin.post(`/api/v1/tickets/${created.body.id}/accept`)).status, 200);
      assert.equal((await admin.post(`/api/v1/tickets/${created.body.id}/resolve`, { result: '已答复' })).status, 200);
      assert.equal((await admin.post(`/api/v1/tickets/${created.body.id}/close`)).status, 200);
      assert.equal((await admin.patch('/api/v1/departments/summer_desk', { active: false })).status, 200);

      const reopened = await agent.post<Ticket>(`/api/v1/tickets/${created.body.id}/reopen`, { reason: '客户再次来电' });
      assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
      assert.equal(reopened.body.status, 'submitted');
      assert.equal(reopened.body.department, null);
      assert.ok(reopened.body.allowedActions.includes('dispatch'));
      const dispatchQueue = await agent.get<{ items: Ticket[] }>('/api/v1/tickets?queue=dispatch&limit=200');
      assert.ok(dispatchQueue.body.items.some((i) => i.id === created.body.id));
      const dispatched = await agent.post<Ticket>(`/api/v1/tickets/${created.body.id}/dispatch`, { department: 'promotions' });
      assert.equal(dispatched.body.department?.code, 'promotions');
    });

    it('merges a duplicate into its primary and cancels with a reason', async () => {
      const agent = t.as('agent');
      const body = { description: '宽带无法上网，光猫红灯', category: 'fault', serviceItem: 'other', priority: 'high', customer: { phone: '13900001111', name: '刘先生' } };
      const first = await agent.post<Ticket>('/api/v1/tickets', body);
      const second = await agent.post<Ticket>('/api/v1/tickets', body);
      assert.equal(second.body.customer?.id, first.body.customer?.id, 'the same phone finds the same customer');
      const merged = await agent.post<Ticket>(`/api/v1/tickets/${second.body.id}/merge`, { into: first.body.number });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.equal(merged.body.status, 'merged');
      const primaryEvents = await agent.get<{ items: Event[] }>(`/api/v1/tickets/${first.body.id}/events`);
      assert.equal(primaryEvents.body.items.at(-1)!.type, 'ticket.duplicate_merged');
      assert.equal(primaryEvents.body.items.at(-1)!.data.duplicateNumber, second.body.number);

      const intoMerged = await agent.post(`/api/v1/tickets/${first.body.id}/merge`, { into: second.body.id });
      assert.equal(intoMerged.status, 409);
      assert.equal(intoMerged.body.code, 'merge_target_not_open');

      const cancelled = await agent.post<Ticket>(`/api/v1/tickets/${first.body.id}/cancel`, { reason: '客户来电撤销' });
      assert.equal(cancelled.body.status, 'cancelled');
      const afterCancel = await agent.post(`/api/v1/tickets/${first.body.id}/resolve`, { result: 'x' });
      assert.equal(afterCancel.status, 403, 'an agent may never resolve');
      const actOnCancelled = await t.as('admin').post(`/api/v1/tickets/${first.body.id}/resolve`, { result: 'x' });
      assert.equal(actOnCancelled.status, 409);
      assert.equal(actOnCancelled.body.ticketStatus, 'cancelled');
      assert.deepEqual(actOnCancelled.body.allowedActions, ['note']);
    });

    it('flags for triage a ticket from a channel that cannot classify it', async () => {
      const created = await t.as('agent').post<Ticket>('/api/v1/tickets', { description: 'Mail: my order has not arrived', channel: 'email' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.needsTriage, true);
      const phone = await t.as('agent').post('/api/v1/tickets', { description: 'caller did not say', channel: 'phone' });
      assert.equal(phone.status, 422);
      assert.equal(phone.body.code, 'classification_required');
      const classified = await t.as('agent').patch<Ticket>(`/api/v1/tickets/${created.body.id}`, { category: 'inquiry', serviceItem: 'mall_presales' });
      assert.equal(classified.status, 200, JSON.stringify(classified.body));
      assert.equal(classified.body.needsTriage, false);
      const events = await t.as('agent').get<{ items: Event[] }>(`/api/v1/tickets/${created.body.id}/events`);
      const update = events.body.items.find((e) => e.type === 'ticket.updated')!;
      assert.deepEqual(Object.keys(update.data.changes as object).sort(), ['categoryId', 'serviceItemId']);
    });
  });
}
