import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RoutingRule } from '../../src/routing/domain/routing-rules.js';
import type { ApiClient } from '../support/api-client.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

/** The API answers rules in the domain's shape. */
type Rule = RoutingRule;
interface Ticket {
  id: string;
  number: string;
  status: string;
  department: { id: string; code: string } | null;
  assignee: { id: string; username: string } | null;
  customer: { id: string; tier: string | null } | null;
}
interface Event {
  type: string;
  actor: { username: string } | null;
  fromStatus: string | null;
  toStatus: string | null;
  fromAssigneeId: string | null;
  toAssigneeId: string | null;
  toDepartmentId: string | null;
  data: Record<string, unknown>;
}
interface Items<T> {
  items: T[];
}

const SEEDED_RULES = [
  '退款类 → 退款组',
  '提到“退款” → 退款组',
  '故障申报 → 异常/报障组',
  '供应商与合作商 → 外协部',
  '商城售后 → 售后/疑难组',
  '投诉 → 内控部',
  '业务受理 → 活动/确认组',
];

for (const dialect of dialects()) {
  describe(`routing rules (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    let agent: ApiClient;
    const ruleIds: string[] = [];
    before(async () => {
      t = await startTestApp(dialect);
      admin = t.as('admin');
      agent = t.as('agent');
      // Destinations no seeded rule uses, so that every routing below is unambiguous.
      for (const code of ['route_a', 'route_b', 'route_c']) {
        const created = await admin.post('/api/v1/departments', { code, name: `路由测试 ${code}` });
        assert.equal(created.status, 201, JSON.stringify(created.body));
      }
    });
    after(async () => t?.close());

    const refId = async (path: string, code: string) => {
      const list = await admin.get<Items<{ id: string; code: string }>>(`${path}?includeInactive=true${path.endsWith('service-items') ? '&flat=true' : ''}`);
      return list.body.items.find((i) => i.code === code)!.id;
    };
    const addRule = async (body: Record<string, unknown>): Promise<Rule> => {
      const created = await admin.post<Rule>('/api/v1/routing-rules', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ruleIds.push(created.body.id);
      return created.body;
    };
    /** Removes the rules a test added, so each test sees only the seeded rules plus its own. */
    const removeRules = async () => {
      for (const id of ruleIds.splice(0)) assert.equal((await admin.delete(`/api/v1/routing-rules/${id}`)).status, 204);
    };
    const create = async (body: Record<string, unknown>): Promise<Ticket> => {
      const response = await agent.post<Ticket>('/api/v1/tickets', { category: 'inquiry', serviceItem: 'mall_presales', priority: 'medium', ...body });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };
    const routedTo = (ticket: Ticket) => (ticket.status === 'pending' ? ticket.department?.code : `${ticket.status}:${ticket.department?.code ?? '-'}`);

    it('lists the seeded rules in position order, readable by every signed-in user', async () => {
      const response = await agent.get<Items<Rule>>('/api/v1/routing-rules');
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.items.map((r) => r.name), SEEDED_RULES);
      assert.deepEqual(response.body.items.map((r) => r.position), [10, 20, 30, 40, 50, 60, 70]);
      assert.ok(response.body.items.every((r) => r.active));
      const refunds = response.body.items[0]!;
      assert.deepEqual(refunds.conditions.categoryIds, [await refId('/api/v1/categories', 'refund')]);
      assert.equal(refunds.departmentId, await refId('/api/v1/departments', 'refunds'));
      assert.deepEqual(response.body.items[1]!.conditions.keywords, ['退款', 'refund']);
    });

    it('creates, changes and deletes rules that name reference data by code', async () => {
      const created = await addRule({
        name: '紧急投诉 → A',
        conditions: {
          categories: ['complaint'],
          serviceItems: ['flights'],
          priorities: ['urgent', 'high'],
          channels: ['phone', 'wechat'],
          customerTiers: ['VIP'],
          keywords: ['航班'],
        },
        department: 'route_a',
      });
      assert.equal(created.position, 80, 'a rule without a position goes after the last one');
      assert.equal(created.active, true);
      assert.deepEqual(created.conditions.categoryIds, [await refId('/api/v1/categories', 'complaint')]);
      assert.deepEqual(created.conditions.serviceItemIds, [await refId('/api/v1/service-items', 'flights')]);
      assert.deepEqual(created.conditions.priorityIds, [await refId('/api/v1/priorities', 'urgent'), await refId('/api/v1/priorities', 'high')]);
      assert.deepEqual(created.conditions.channels, ['phone', 'wechat']);
      assert.deepEqual(created.conditions.customerTiers, ['VIP']);
      assert.deepEqual(created.conditions.keywords, ['航班']);
      assert.equal(created.departmentId, await refId('/api/v1/departments', 'route_a'));
      const listed = (await agent.get<Items<Rule>>('/api/v1/routing-rules')).body.items.at(-1)!;
      assert.deepEqual(listed, created);

      const changed = await admin.patch<Rule>(`/api/v1/routing-rules/${created.id}`, {
        name: '紧急投诉 → B',
        position: 5,
        department: 'route_b',
        conditions: { categories: ['complaint'] },
        active: false,
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.name, '紧急投诉 → B');
      assert.equal(changed.body.position, 5);
      assert.equal(changed.body.active, false);
      assert.equal(changed.body.departmentId, await refId('/api/v1/departments', 'route_b'));
      assert.deepEqual(changed.body.conditions.categoryIds, [await refId('/api/v1/categories', 'complaint')]);
      assert.equal(changed.body.conditions.keywords, undefined, 'new conditions replace the old ones');
      assert.equal((await agent.get<Items<Rule>>('/api/v1/routing-rules')).body.items[0]!.id, created.id, 'position 5 now comes first');

      const badCategory = await admin.post('/api/v1/routing-rules', { name: 'x', department: 'route_a', conditions: { categories: ['complaint', 'nope'] } });
      assert.equal(badCategory.status, 422);
      assert.equal(badCategory.body.code, 'invalid_reference');
      assert.deepEqual((badCategory.body.errors as Array<{ field: string }>).map((e) => e.field), ['conditions.categories.1']);
      const badItem = await admin.patch(`/api/v1/routing-rules/${created.id}`, { conditions: { serviceItems: ['nope'] } });
      assert.equal(badItem.status, 422);
      assert.equal(badItem.body.code, 'invalid_reference');
      const badDepartment = await admin.post('/api/v1/routing-rules', { name: 'x', department: 'nowhere' });
      assert.equal(badDepartment.status, 422);
      assert.equal(badDepartment.body.code, 'invalid_reference');
      const badChannel = await admin.post('/api/v1/routing-rules', { name: 'x', department: 'route_a', conditions: { channels: ['fax'] } });
      assert.equal(badChannel.status, 400);
      const unknownCondition = await admin.post('/api/v1/routing-rules', { name: 'x', department: 'route_a', conditions: { weekday: ['mon'] } });
      assert.equal(unknownCondition.status, 400, 'an unknown condition is refused, never ignored');
      assert.equal((await agent.get<Items<Rule>>('/api/v1/routing-rules')).body.items.length, 8, 'no refused rule was saved');

      assert.equal((await admin.delete(`/api/v1/routing-rules/${created.id}`)).status, 204);
      ruleIds.splice(ruleIds.indexOf(created.id), 1);
      assert.equal((await admin.delete(`/api/v1/routing-rules/${created.id}`)).status, 404);
      assert.equal((await admin.patch(`/api/v1/routing-rules/${created.id}`, { name: 'x' })).status, 404);
      assert.deepEqual((await agent.get<Items<Rule>>('/api/v1/routing-rules')).body.items.map((r) => r.name), SEEDED_RULES);
    });

    it('routes by a service item to its whole branch of the catalog tree', async () => {
      await admin.post('/api/v1/service-items', { code: 'flights_change_intl', name: '国际航班退改签', parent: 'flights_change' });
      await addRule({ name: '机票 → A', position: 1, conditions: { serviceItems: ['flights'] }, department: 'route_a' });
      await addRule({ name: '机票退改签 → B', position: 2, conditions: { serviceItems: ['flights_change'] }, department: 'route_b' });
      try {
        const parent = await create({ description: '询问航班行李额度', serviceItem: 'flights', fields: { flightNumber: 'CA1501' } });
        const child = await create({ description: '申请改签', serviceItem: 'flights_change', fields: { flightNumber: 'CA1501', orderNumber: 'FL-778899' } });
        const grandchild = await create({ description: '国际航班改签', serviceItem: 'flights_change_intl' });
        const elsewhere = await create({ description: '询问酒店早餐', serviceItem: 'hotels', fields: { hotelName: '和平饭店' } });
        assert.equal(routedTo(parent), 'route_a');
        assert.equal(routedTo(child), 'route_a', 'the rule on 机票 comes first and covers 机票退改签');
        assert.equal(routedTo(grandchild), 'route_a', 'and everything further down');
        assert.equal(routedTo(elsewhere), 'submitted:-', 'no rule matches another branch');

        // With the branch rule off, the rule on the child catches the child but not the parent.
        await admin.patch(`/api/v1/routing-rules/${ruleIds[0]}`, { active: false });
        const child2 = await create({ description: '申请改签', serviceItem: 'flights_change', fields: { flightNumber: 'CA1501', orderNumber: 'FL-778899' } });
        const parent2 = await create({ description: '询问航班行李额度', serviceItem: 'flights', fields: { flightNumber: 'CA1501' } });
        assert.equal(routedTo(child2), 'route_b');
        assert.equal(routedTo(parent2), 'submitted:-', 'a rule on a child does not match its parent');

        const events = await agent.get<Items<Event>>(`/api/v1/tickets/${child.id}/events`);
        const dispatched = events.body.items.find((e) => e.type === 'ticket.dispatched')!;
        assert.equal(dispatched.actor, null, 'routing acts as the system');
        assert.equal(dispatched.data.manual, false);
        assert.equal(dispatched.data.ruleName, '机票 → A');
        assert.equal(dispatched.data.ruleId, ruleIds[0]);
      } finally {
        await removeRules();
      }
    });

    it('routes by keywords in Chinese text, in the title or the description, ignoring case', async () => {
      await addRule({ name: '延误/行李 → A', position: 1, conditions: { keywords: ['航班延误', '行李', 'Delay'] }, department: 'route_a' });
      try {
        assert.equal(routedTo(await create({ description: '客户来电：航班延误三小时，要求赔偿餐费。' })), 'route_a');
        assert.equal(routedTo(await create({ title: '托运行李破损', description: '客户要求赔偿' })), 'route_a', 'the title counts too');
        assert.equal(routedTo(await create({ description: 'Customer says the flight was DELAYED overnight' })), 'route_a');
        assert.equal(routedTo(await create({ description: '客户询问航班时刻表' })), 'submitted:-', '航班 alone is not the keyword 航班延误');
        assert.equal(routedTo(await create({ description: '航班 延误' })), 'submitted:-', 'the keyword must appear as written');
      } finally {
        await removeRules();
      }
    });

    it('tries rules in position order: the first match wins', async () => {
      const late = await addRule({ name: '顺序测试 → A', position: 3, conditions: { keywords: ['顺序测试'] }, department: 'route_a' });
      await addRule({ name: '顺序测试 → B', position: 2, conditions: { keywords: ['顺序测试'] }, department: 'route_b' });
      try {
        assert.equal(routedTo(await create({ description: '顺序测试一' })), 'route_b', 'position 2 is tried before 3');
        await admin.patch(`/api/v1/routing-rules/${late.id}`, { position: 1 });
        assert.equal(routedTo(await create({ description: '顺序测试二' })), 'route_a', 'moved to position 1, it wins');

        // A specific rule placed before the seeded ones overrides them; after them it never fires.
        const refund = { description: '顺序测试：申请退款', category: 'refund' };
        assert.equal(routedTo(await create(refund)), 'route_a');
        await admin.patch(`/api/v1/routing-rules/${late.id}`, { position: 1000 });
        await admin.patch(`/api/v1/routing-rules/${ruleIds[1]}`, { position: 1001 });
        assert.equal(routedTo(await create(refund)), 'refunds', 'the seeded refund rule (position 10) now matches first');
      } finally {
        await removeRules();
      }
    });

    it('puts every rule in a new order at once, and refuses an order read before a rule was added', async () => {
      const toA = await addRule({ name: '整体排序 → A', conditions: { keywords: ['整体排序'] }, department: 'route_a' });
      const toB = await addRule({ name: '整体排序 → B', conditions: { keywords: ['整体排序'] }, department: 'route_b' });
      try {
        assert.equal(routedTo(await create({ description: '整体排序一' })), 'route_a', 'added first, A is tried first');
        const read = async () => (await admin.get<Items<Rule>>('/api/v1/routing-rules')).body.items;
        const before = await read();
        // B moved to the very top, everything else keeps its order.
        const wanted = [toB.id, ...before.map((r) => r.id).filter((id) => id !== toB.id)];
        const ordered = await admin.put<Items<Rule>>('/api/v1/routing-rules/order', { ids: wanted });
        assert.equal(ordered.status, 200, JSON.stringify(ordered.body));
        assert.deepEqual(ordered.body.items.map((r) => r.position), wanted.map((_, i) => (i + 1) * 10));
        assert.deepEqual((await read()).map((r) => r.id), wanted);
        assert.equal(routedTo(await create({ description: '整体排序二' })), 'route_b', 'B is now tried first');

        // Someone adds a rule meanwhile: an order without it is refused, and nothing moves.
        const late = await addRule({ name: '整体排序 → C', conditions: { keywords: ['不会匹配的词'] }, department: 'route_c' });
        const stale = await admin.put<{ code: string; missing: string[] }>('/api/v1/routing-rules/order', { ids: [toA.id, ...wanted.filter((id) => id !== toA.id)] });
        assert.equal(stale.status, 409);
        assert.equal(stale.body.code, 'routing_rules_changed');
        assert.deepEqual(stale.body.missing, [late.id]);
        assert.deepEqual((await read()).map((r) => r.id), [...wanted, late.id]);

        const twice = await admin.put<{ code: string; errors: Array<{ field: string }> }>('/api/v1/routing-rules/order', { ids: [...wanted, late.id, toA.id] });
        assert.equal(twice.status, 422);
        assert.deepEqual(twice.body.errors.map((e) => e.field), ['ids']);
        assert.equal((await agent.put('/api/v1/routing-rules/order', { ids: [...wanted, late.id] })).status, 403, 'administrators only');
      } finally {
        await removeRules();
      }
    });

    it('ignores an inactive rule', async () => {
      const rule = await addRule({ name: '停用测试 → A', position: 1, active: false, conditions: { keywords: ['停用测试'] }, department: 'route_a' });
      await addRule({ name: '停用测试 → B', position: 2, conditions: { keywords: ['停用测试'] }, department: 'route_b' });
      try {
        assert.equal(rule.active, false);
        assert.equal(routedTo(await create({ description: '停用测试一' })), 'route_b', 'the inactive rule is skipped');
        await admin.patch(`/api/v1/routing-rules/${rule.id}`, { active: true });
        assert.equal(routedTo(await create({ description: '停用测试二' })), 'route_a');
        await admin.patch(`/api/v1/routing-rules/${rule.id}`, { active: false });
        await admin.patch(`/api/v1/routing-rules/${ruleIds[1]}`, { active: false });
        const none = await create({ description: '停用测试三' });
        assert.equal(routedTo(none), 'submitted:-', 'with every matching rule off, the ticket waits for manual dispatch');
        const dispatch = await agent.post(`/api/v1/tickets/${none.id}/dispatch`);
        assert.equal(dispatch.status, 422);
        assert.equal(dispatch.body.code, 'no_route');
      } finally {
        await removeRules();
      }
    });

    it('skips a rule whose department has been deactivated', async () => {
      await addRule({ name: '停用部门 → A', position: 1, conditions: { keywords: ['停用部门'] }, department: 'route_a' });
      await addRule({ name: '停用部门 → B', position: 2, conditions: { keywords: ['停用部门'] }, department: 'route_b' });
      try {
        await admin.patch('/api/v1/departments/route_a', { active: false });
        assert.equal(routedTo(await create({ description: '停用部门测试' })), 'route_b');
      } finally {
        await admin.patch('/api/v1/departments/route_a', { active: true });
        await removeRules();
      }
    });

    it('routes by customer tier (VIP)', async () => {
      await addRule({ name: 'VIP → C', position: 1, conditions: { customerTiers: ['VIP'] }, department: 'route_c' });
      try {
        const vip = await create({ description: '会员咨询积分', customer: { phone: '138 0000 0001', name: '王先生', tier: 'VIP' } });
        assert.equal(vip.customer?.tier, 'VIP');
        assert.equal(routedTo(vip), 'route_c');
        const regular = await create({ description: '会员咨询积分', customer: { phone: '13800000002', name: '李女士' } });
        assert.equal(regular.customer?.tier, null);
        assert.equal(routedTo(regular), 'submitted:-');
        const gold = await create({ description: '会员咨询积分', customer: { phone: '13800000003', name: '赵先生', tier: 'Gold' } });
        assert.equal(routedTo(gold), 'submitted:-');
        const anonymous = await create({ description: '会员咨询积分' });
        assert.equal(routedTo(anonymous), 'submitted:-');
        const again = await create({ description: '再次来电', customer: { phone: '13800000001' } });
        assert.equal(again.customer?.id, vip.customer?.id, 'the caller is found by phone');
        assert.equal(routedTo(again), 'route_c', "the known customer's tier routes the new ticket");
      } finally {
        await removeRules();
      }
    });

    it('requires every condition of a rule (AND) and any value within a condition (OR)', async () => {
      await addRule({ name: '紧急或高的投诉 → A', position: 1, conditions: { categories: ['complaint'], priorities: ['urgent', 'high'] }, department: 'route_a' });
      await addRule({ name: '微信来的 → B', position: 2, conditions: { channels: ['wechat'] }, department: 'route_b' });
      try {
        assert.equal(routedTo(await create({ description: '投诉客服', category: 'complaint', priority: 'urgent' })), 'route_a');
        assert.equal(routedTo(await create({ description: '投诉客服', category: 'complaint', priority: 'high' })), 'route_a');
        assert.equal(routedTo(await create({ description: '投诉客服', category: 'complaint', priority: 'low' })), 'internal_control', 'falls through to the seeded complaint rule');
        assert.equal(routedTo(await create({ description: '咨询', priority: 'urgent' })), 'submitted:-');
        assert.equal(routedTo(await create({ description: '微信咨询', channel: 'wechat' })), 'route_b');
      } finally {
        await removeRules();
      }
    });
  });

  describe(`automatic assignment inside a department (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    let agent: ApiClient;
    const users = new Map<string, { id: string; client: ApiClient }>();
    before(async () => {
      t = await startTestApp(dialect);
      admin = t.as('admin');
      agent = t.as('agent');
      for (const [code, mode] of [['hotline_rr', 'none'], ['hotline_lo', 'none']] as const) {
        assert.equal((await admin.post('/api/v1/departments', { code, name: `分派测试 ${code}`, assignmentMode: mode })).status, 201);
      }
      const members: Array<[string, string, string]> = [
        ['rr1', 'handler', 'hotline_rr'],
        ['rr2', 'handler', 'hotline_rr'],
        ['rr3', 'supervisor', 'hotline_rr'],
        ['rr_agent', 'agent', 'hotline_rr'],
        ['lo1', 'handler', 'hotline_lo'],
        ['lo2', 'handler', 'hotline_lo'],
        ['lo3', 'handler', 'hotline_lo'],
      ];
      for (const [username, role, department] of members) {
        const created = await admin.post<{ id: string }>('/api/v1/users', { username, displayName: username, password: 'member-password-1', role, departments: [department] });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        users.set(username, { id: created.body.id, client: t.as(await t.tokenFor(created.body.id)) });
      }
      for (const [keyword, department] of [['轮流分派', 'hotline_rr'], ['负载分派', 'hotline_lo']]) {
        const rule = await admin.post('/api/v1/routing-rules', { name: `${keyword} → ${department}`, position: 1, conditions: { keywords: [keyword] }, department });
        assert.equal(rule.status, 201, JSON.stringify(rule.body));
      }
    });
    after(async () => t?.close());

    const user = (name: string) => users.get(name)!;
    const nameOf = (id: string | undefined) => [...users].find(([, u]) => u.id === id)?.[0] ?? `?${id}`;
    const create = async (description: string): Promise<Ticket> => {
      const response = await agent.post<Ticket>('/api/v1/tickets', { description, category: 'inquiry', serviceItem: 'mall_presales', priority: 'medium' });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };
    const assignees = async (count: number, keyword: string) => {
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const ticket = await create(`${keyword}：第${i + 1}张工单`);
        assert.equal(ticket.status, 'pending');
        names.push(ticket.assignee ? nameOf(ticket.assignee.id) : 'none');
      }
      return names;
    };

    it('leaves tickets in the queue while the department does not assign automatically', async () => {
      const ticket = await create('轮流分派：尚未开启');
      assert.equal(ticket.department?.code, 'hotline_rr');
      assert.equal(ticket.assignee, null);
      const queue = await user('rr1').client.get<Items<Ticket>>('/api/v1/tickets?queue=department');
      assert.ok(queue.body.items.some((i) => i.id === ticket.id));
      await agent.post(`/api/v1/tickets/${ticket.id}/cancel`, { reason: '测试' });
    });

    it('round_robin: hands tickets to the on-duty handlers and supervisors in turn, never to an agent', async () => {
      const changed = await admin.patch<{ assignmentMode: string }>('/api/v1/departments/hotline_rr', { assignmentMode: 'round_robin' });
      assert.equal(changed.body.assignmentMode, 'round_robin');
      const names = await assignees(6, '轮流分派');
      assert.deepEqual([...names.slice(0, 3)].sort(), ['rr1', 'rr2', 'rr3'], `each member gets one of the first three: ${names}`);
      assert.deepEqual(names.slice(3), names.slice(0, 3), `then the same turn again: ${names}`);

      const mine = await user(names[0]!).client.get<Items<Ticket>>('/api/v1/tickets?queue=mine');
      assert.equal(mine.body.items.length, 2, 'the assigned tickets are in the assignee\'s own queue');
      assert.ok(mine.body.items.every((i) => i.status === 'pending'), 'they still have to accept them');
    });

    it('round_robin: skips a member who is off duty, and includes them again when back', async () => {
      const order = await assignees(3, '轮流分派');
      const offDuty = order[1]!;
      const self = await user(offDuty).client.patch<{ onDuty: boolean }>(`/api/v1/users/${user(offDuty).id}`, { onDuty: false });
      assert.equal(self.status, 200, JSON.stringify(self.body));
      assert.equal(self.body.onDuty, false);

      const without = await assignees(4, '轮流分派');
      assert.ok(!without.includes(offDuty), `${offDuty} is off duty: ${without}`);
      assert.equal(new Set(without).size, 2);
      assert.notEqual(without[0], without[1], `the other two alternate: ${without}`);
      assert.deepEqual(without.slice(2), without.slice(0, 2));

      await user(offDuty).client.patch(`/api/v1/users/${user(offDuty).id}`, { onDuty: true });
      const back = await assignees(3, '轮流分派');
      assert.deepEqual([...back].sort(), ['rr1', 'rr2', 'rr3'], `back on duty, ${offDuty} takes turns again: ${back}`);
    });

    it('round_robin: leaves the ticket unassigned when nobody is on duty, and skips deactivated members', async () => {
      for (const name of ['rr1', 'rr2', 'rr3']) await user(name).client.patch(`/api/v1/users/${user(name).id}`, { onDuty: false });
      const ticket = await create('轮流分派：无人值班');
      assert.equal(ticket.status, 'pending');
      assert.equal(ticket.assignee, null, 'it waits in the department queue');
      for (const name of ['rr1', 'rr2', 'rr3']) await user(name).client.patch(`/api/v1/users/${user(name).id}`, { onDuty: true });

      await admin.patch(`/api/v1/users/${user('rr2').id}`, { active: false });
      const names = await assignees(4, '轮流分派');
      assert.ok(!names.includes('rr2'), `a deactivated member gets nothing: ${names}`);
      assert.deepEqual([...new Set(names)].sort(), ['rr1', 'rr3']);
      await admin.patch(`/api/v1/users/${user('rr2').id}`, { active: true });
    });

    it('round_robin: assigns a ticket transferred into the department too', async () => {
      const created = await agent.post<Ticket>('/api/v1/tickets', { description: '需要流转的工单', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', department: 'refunds' });
      assert.equal(created.body.assignee, null, 'refunds does not assign automatically');
      const handler = t.as('handler');
      await handler.post(`/api/v1/tickets/${created.body.id}/accept`);
      const transferred = await handler.post<Ticket>(`/api/v1/tickets/${created.body.id}/transfer`, { department: 'hotline_rr', reason: '转热线组处理' });
      assert.equal(transferred.status, 200, JSON.stringify(transferred.body));
      assert.equal(transferred.body.department?.code, 'hotline_rr');
      assert.ok(['rr1', 'rr2', 'rr3'].includes(nameOf(transferred.body.assignee?.id)), JSON.stringify(transferred.body.assignee));
    });

    it('least_open: gives the next ticket to the member with the fewest open tickets', async () => {
      const [t1, t2, t3] = [await create('负载分派：一'), await create('负载分派：二'), await create('负载分派：三')];
      assert.ok([t1, t2, t3].every((x) => x.assignee === null), 'mode none: nobody gets them yet');
      for (const [ticket, name] of [[t1!, 'lo1'], [t2!, 'lo1'], [t3!, 'lo2']] as const) {
        const assigned = await admin.post<Ticket>(`/api/v1/tickets/${ticket.id}/assign`, { assignee: name });
        assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      }
      // Open loads now: lo1 2, lo2 1, lo3 0.
      await admin.patch('/api/v1/departments/hotline_lo', { assignmentMode: 'least_open' });
      const fourth = await create('负载分派：四');
      assert.equal(nameOf(fourth.assignee?.id), 'lo3', 'lo3 has no open ticket');

      // Handled tickets are no longer open: once lo3 resolves theirs, lo3 is again the lightest.
      const lo3 = user('lo3').client;
      assert.equal((await lo3.post(`/api/v1/tickets/${fourth.id}/accept`)).status, 200);
      assert.equal((await lo3.post(`/api/v1/tickets/${fourth.id}/resolve`, { result: '已解答' })).status, 200);
      const fifth = await create('负载分派：五');
      assert.equal(nameOf(fifth.assignee?.id), 'lo3');

      // Loads lo1 2, lo2 1, lo3 1: lo1 gets nothing until the others catch up.
      const next = await assignees(2, '负载分派');
      assert.deepEqual([...next].sort(), ['lo2', 'lo3'], `equal loads share the work: ${next}`);
      const then = await assignees(3, '负载分派');
      assert.deepEqual([...then].sort(), ['lo1', 'lo2', 'lo3'], `with equal loads of 2, each gets one: ${then}`);
    });

    it('records the automatic assignment in the timeline as ticket.assigned by the system (actor null) with data.automatic', async () => {
      const roundRobin = await create('轮流分派：看时间线');
      const events = await agent.get<Items<Event>>(`/api/v1/tickets/${roundRobin.id}/events`);
      assert.equal(events.status, 200);
      assert.deepEqual(events.body.items.map((e) => e.type), ['ticket.created', 'ticket.dispatched', 'ticket.assigned']);
      const assigned = events.body.items[2]!;
      assert.equal(assigned.actor, null);
      assert.equal(assigned.data.automatic, 'round_robin');
      assert.equal(assigned.fromAssigneeId, null);
      assert.equal(assigned.toAssigneeId, roundRobin.assignee?.id);
      assert.equal(assigned.fromStatus, 'pending');
      assert.equal(assigned.toStatus, 'pending');
      assert.equal(events.body.items[1]!.actor, null);

      const leastOpen = await create('负载分派：看时间线');
      const loEvents = await t.as('auditor').get<Items<Event>>(`/api/v1/tickets/${leastOpen.id}/events`);
      const loAssigned = loEvents.body.items.find((e) => e.type === 'ticket.assigned')!;
      assert.equal(loAssigned.actor, null);
      assert.equal(loAssigned.data.automatic, 'least_open');
      assert.equal(loAssigned.toAssigneeId, leastOpen.assignee?.id);

      // A supervisor's manual assignment is recorded with the supervisor as the actor, without `automatic`.
      const manual = await admin.post(`/api/v1/tickets/${roundRobin.id}/assign`, { assignee: 'rr3' });
      assert.equal(manual.status, 200, JSON.stringify(manual.body));
      const timeline = await agent.get<Items<Event>>(`/api/v1/tickets/${roundRobin.id}/events`);
      const last = timeline.body.items.at(-1)!;
      assert.equal(last.type, 'ticket.assigned');
      assert.equal(last.actor?.username, 'admin');
      assert.equal(last.data.automatic, undefined);
    });
  });
}
