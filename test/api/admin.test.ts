import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ref {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}
interface Category extends Ref {
  sortOrder: number;
}
interface Priority extends Ref {
  rank: number;
}
interface FieldDefinition {
  key: string;
  label: string;
  type: string;
  required: boolean;
  options?: Array<{ value: string; label: string }>;
}
interface ServiceItem extends Ref {
  parentId: string | null;
  needsReply: boolean;
  fields: FieldDefinition[];
  sortOrder: number;
  children: ServiceItem[];
}
interface Department extends Ref {
  assignmentMode: string;
}
interface User {
  id: string;
  username: string;
  displayName: string;
  role: string;
  active: boolean;
  onDuty: boolean;
  departments: string[];
}
interface Ticket {
  id: string;
  number: string;
  status: string;
  category: { code: string };
  serviceItem: { code: string; needsReply: boolean };
  priority: { code: string; rank: number };
  department: { code: string } | null;
  needsTriage: boolean;
}
interface Settings {
  difficultCaseDepartmentId: string | null;
  intakeDefaults: { categoryId: string | null; serviceItemId: string | null; priorityId: string | null };
}
interface Items<T> {
  items: T[];
}

const codes = (items: Array<{ code: string }>) => items.map((i) => i.code);

for (const dialect of dialects()) {
  describe(`reference data, organisation and settings administration (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    let agent: ApiClient;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '1000' });
      admin = t.as('admin');
      agent = t.as('agent');
    });
    after(async () => t?.close());

    const idOf = async (path: string, code: string): Promise<string> => {
      const list = await admin.get<Items<Ref>>(`${path}?includeInactive=true${path.includes('service-items') ? '&flat=true' : ''}`);
      const found = list.body.items.find((i) => i.code === code);
      assert.ok(found, `${path} has ${code}`);
      return found.id;
    };

    /** Creates a ticket straight in the refunds department and has the handler resolve it. */
    const handledTicket = async (serviceItem: string, fields: Record<string, unknown> = {}): Promise<Ticket> => {
      const created = await agent.post<Ticket>('/api/v1/tickets', {
        description: '客户反馈问题，需处理后回访',
        category: 'inquiry',
        serviceItem,
        priority: 'medium',
        department: 'refunds',
        fields,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const handler = t.as('handler');
      assert.equal((await handler.post(`/api/v1/tickets/${created.body.id}/accept`)).status, 200);
      const resolved = await handler.post<Ticket>(`/api/v1/tickets/${created.body.id}/resolve`, { result: '已处理完毕' });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      assert.equal(resolved.body.status, 'handled');
      return resolved.body;
    };

    describe('reading reference data (every signed-in user)', () => {
      it('lists the categories of DOMAIN.md in their order', async () => {
        const response = await agent.get<Items<Category>>('/api/v1/categories');
        assert.equal(response.status, 200);
        assert.deepEqual(codes(response.body.items), ['fault', 'inquiry', 'service_request', 'complaint', 'suggestion', 'refund', 'other']);
        const complaint = response.body.items.find((c) => c.code === 'complaint')!;
        assert.equal(complaint.name, '投诉');
        assert.equal(complaint.nameEn, 'Complaint');
        assert.ok(response.body.items.every((c) => c.active));
      });

      it('lists the priorities most urgent first (by rank)', async () => {
        const response = await t.as('handler').get<Items<Priority>>('/api/v1/priorities');
        assert.equal(response.status, 200);
        assert.deepEqual(codes(response.body.items), ['urgent', 'high', 'medium', 'low']);
        assert.deepEqual(response.body.items.map((p) => p.rank), [1, 2, 3, 4]);
        assert.deepEqual(response.body.items.map((p) => p.name), ['紧急', '高', '中', '低']);
      });

      it('gives the service catalog as a tree, or flat with ?flat=true', async () => {
        const tree = await t.as('auditor').get<Items<ServiceItem>>('/api/v1/service-items');
        assert.equal(tree.status, 200);
        assert.deepEqual(codes(tree.body.items), [
          'mall_presales', 'mall_aftersales', 'flights', 'flowers', 'hotels', 'car_insurance',
          'mobile_topup', 'movie_tickets', 'mall_suppliers', 'partners', 'other',
        ]);
        const flights = tree.body.items.find((i) => i.code === 'flights')!;
        assert.equal(flights.name, '机票');
        assert.deepEqual(codes(flights.children), ['flights_change']);
        assert.equal(flights.children[0]!.parentId, flights.id);
        assert.deepEqual(flights.children[0]!.fields.map((f) => f.key), ['flightNumber', 'orderNumber']);
        const aftersales = tree.body.items.find((i) => i.code === 'mall_aftersales')!;
        assert.equal(aftersales.needsReply, true);
        assert.deepEqual(aftersales.fields.map((f) => [f.key, f.type, f.required]), [['orderNumber', 'order_number', true], ['amount', 'money', false]]);
        assert.equal(tree.body.items.find((i) => i.code === 'mall_presales')!.needsReply, false);

        const flat = await agent.get<Items<ServiceItem>>('/api/v1/service-items?flat=true');
        assert.equal(flat.status, 200);
        assert.equal(flat.body.items.length, 12);
        const change = flat.body.items.find((i) => i.code === 'flights_change');
        assert.ok(change, 'a child is listed at the top of the flat list');
        assert.equal(change.parentId, flights.id);
        assert.ok(flat.body.items.every((i) => i.children.length === 0));

        const one = await agent.get<ServiceItem>('/api/v1/service-items/flights_change');
        assert.equal(one.status, 200);
        assert.equal(one.body.name, '机票退改签');
        const missing = await agent.get('/api/v1/service-items/no_such_item');
        assert.equal(missing.status, 404);
      });

      it('lists the departments with their assignment modes', async () => {
        const response = await agent.get<Items<Department>>('/api/v1/departments');
        assert.equal(response.status, 200);
        assert.deepEqual(codes(response.body.items).sort(), [
          'call_center', 'difficult_cases', 'exceptions', 'external_partners', 'internal_control', 'promotions', 'refunds',
        ]);
        const mode = (code: string) => response.body.items.find((d) => d.code === code)!.assignmentMode;
        assert.equal(mode('exceptions'), 'least_open');
        assert.equal(mode('promotions'), 'round_robin');
        assert.equal(mode('refunds'), 'none');
        assert.equal(response.body.items.find((d) => d.code === 'refunds')!.name, '退款组');
      });

      it('lists users, filtered by department and by role', async () => {
        const all = await agent.get<Items<User>>('/api/v1/users');
        assert.equal(all.status, 200);
        assert.deepEqual(all.body.items.map((u) => u.username), ['admin', 'agent', 'auditor', 'handler', 'lead', 'supervisor']);
        const refundsId = await idOf('/api/v1/departments', 'refunds');
        const difficultId = await idOf('/api/v1/departments', 'difficult_cases');
        const supervisor = all.body.items.find((u) => u.username === 'supervisor')!;
        assert.deepEqual([...supervisor.departments].sort(), [refundsId, difficultId].sort());
        assert.equal(supervisor.role, 'supervisor');
        assert.equal(supervisor.displayName, '王主管');
        assert.ok(all.body.items.every((u) => u.active && u.onDuty));

        const refunds = await agent.get<Items<User>>('/api/v1/users?department=refunds');
        assert.deepEqual(refunds.body.items.map((u) => u.username), ['handler', 'supervisor']);
        const byId = await agent.get<Items<User>>(`/api/v1/users?department=${refundsId}`);
        assert.deepEqual(byId.body.items.map((u) => u.username), ['handler', 'supervisor']);
        const handlers = await agent.get<Items<User>>('/api/v1/users?role=handler');
        assert.deepEqual(handlers.body.items.map((u) => u.username), ['handler']);
        const both = await agent.get<Items<User>>('/api/v1/users?department=refunds&role=supervisor');
        assert.deepEqual(both.body.items.map((u) => u.username), ['supervisor']);
        const members = await agent.get<Items<User>>('/api/v1/departments/refunds/members');
        assert.deepEqual(members.body.items.map((u) => u.username), ['handler', 'supervisor']);

        const unknownDepartment = await agent.get('/api/v1/users?department=nowhere');
        assert.equal(unknownDepartment.status, 422, 'an unknown filter value is bad input, as on ticket lists');
        assert.equal(unknownDepartment.body.code, 'invalid_reference');
        assert.equal((await agent.get('/api/v1/departments/nowhere/members')).status, 404);
        const badRole = await agent.get('/api/v1/users?role=boss');
        assert.equal(badRole.status, 400);
        assert.equal(badRole.body.code, 'validation_failed');
        const one = await agent.get<User>('/api/v1/users/handler');
        assert.equal(one.status, 200);
        assert.equal(one.body.displayName, '张处理');
      });
    });

    it('lets only administrators change reference data, organisation, routing and settings (403 admin_only)', async () => {
      const attempts: Array<[string, 'post' | 'patch' | 'delete', string, unknown]> = [
        ['category', 'post', '/api/v1/categories', { code: 'x_cat', name: 'X' }],
        ['category', 'patch', '/api/v1/categories/complaint', { name: '改名' }],
        ['category', 'delete', '/api/v1/categories/complaint', undefined],
        ['priority', 'post', '/api/v1/priorities', { code: 'x_pri', name: 'X', rank: 9 }],
        ['priority', 'patch', '/api/v1/priorities/low', { rank: 9 }],
        ['service item', 'post', '/api/v1/service-items', { code: 'x_item', name: 'X' }],
        ['service item', 'patch', '/api/v1/service-items/flights', { needsReply: false }],
        ['service item', 'delete', '/api/v1/service-items/flights', undefined],
        ['department', 'post', '/api/v1/departments', { code: 'x_dep', name: 'X' }],
        ['department', 'patch', '/api/v1/departments/refunds', { assignmentMode: 'round_robin' }],
        ['user', 'post', '/api/v1/users', { username: 'xuser', displayName: 'X', password: 'password-123', role: 'admin' }],
        ['routing rule', 'post', '/api/v1/routing-rules', { name: 'X', department: 'refunds' }],
        ['settings', 'patch', '/api/v1/settings', { difficultCaseDepartment: 'refunds' }],
      ];
      for (const role of ['agent', 'supervisor', 'handler', 'auditor'] as const) {
        const client = t.as(role);
        for (const [what, method, url, body] of attempts) {
          const response = method === 'delete' ? await client.delete(url) : await client[method](url, body);
          assert.equal(response.status, 403, `${role} ${method} ${what}: ${JSON.stringify(response.body)}`);
          assert.equal(response.body.code, 'admin_only', `${role} ${method} ${what}`);
        }
      }
      // Nothing changed.
      assert.deepEqual(codes((await admin.get<Items<Category>>('/api/v1/categories')).body.items).length, 7);
      assert.equal((await admin.get<Category>('/api/v1/service-items/flights')).body.active, true);
      assert.equal((await admin.get<User>('/api/v1/users/xuser')).status, 404);
      const settings = await admin.get<Settings>('/api/v1/settings');
      assert.equal(settings.body.difficultCaseDepartmentId, await idOf('/api/v1/departments', 'difficult_cases'));
    });

    it('creates, renames and deletes (deactivates) a category; existing tickets keep it', async () => {
      const created = await admin.post<Category>('/api/v1/categories', { code: 'warranty', name: '保修', nameEn: 'Warranty', sortOrder: 3 });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.code, 'warranty');
      assert.equal(created.body.active, true);
      const list = await agent.get<Items<Category>>('/api/v1/categories');
      assert.ok(codes(list.body.items).includes('warranty'));

      const duplicate = await admin.post('/api/v1/categories', { code: 'warranty', name: '又一个' });
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.body.code, 'code_taken');
      const seeded = await admin.post('/api/v1/categories', { code: 'complaint', name: '投诉2' });
      assert.equal(seeded.status, 409);
      assert.equal(seeded.body.code, 'code_taken');
      const badCode = await admin.post('/api/v1/categories', { code: 'Bad-Code', name: 'x' });
      assert.equal(badCode.status, 400);
      assert.equal(badCode.body.code, 'validation_failed');

      const renamed = await admin.patch<Category>('/api/v1/categories/warranty', { name: '保修服务', nameEn: null });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.name, '保修服务');
      assert.equal(renamed.body.nameEn, null);
      const byId = await admin.patch<Category>(`/api/v1/categories/${created.body.id}`, { sortOrder: 99 });
      assert.equal(byId.body.sortOrder, 99);
      assert.equal((await agent.get<Items<Category>>('/api/v1/categories')).body.items.at(-1)!.code, 'warranty', 'sortOrder moves it last');

      const ticket = await agent.post<Ticket>('/api/v1/tickets', { description: '保修咨询', category: 'warranty', serviceItem: 'mall_presales', priority: 'low' });
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
      assert.equal(ticket.body.category.code, 'warranty');

      const deleted = await admin.delete('/api/v1/categories/warranty');
      assert.equal(deleted.status, 204);
      assert.ok(!codes((await agent.get<Items<Category>>('/api/v1/categories')).body.items).includes('warranty'));
      const inactive = (await agent.get<Items<Category>>('/api/v1/categories?includeInactive=true')).body.items.find((c) => c.code === 'warranty');
      assert.equal(inactive?.active, false);

      const refused = await agent.post('/api/v1/tickets', { description: '保修咨询', category: 'warranty', serviceItem: 'mall_presales', priority: 'low' });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'invalid_reference');
      const kept = await admin.get<Ticket>(`/api/v1/tickets/${ticket.body.id}`);
      assert.equal(kept.body.category.code, 'warranty', 'the existing ticket keeps its category');

      const again = await admin.patch<Category>('/api/v1/categories/warranty', { active: true });
      assert.equal(again.body.active, true);
      assert.equal((await admin.patch('/api/v1/categories/nope', { name: 'x' })).status, 404);
      assert.equal((await admin.delete('/api/v1/categories/nope')).status, 404);
    });

    it('creates, re-ranks and deletes priorities; changing a rank re-ranks the tickets sorted by priority', async () => {
      const a = await admin.post<Priority>('/api/v1/priorities', { code: 'prio_a', name: '甲', rank: 10 });
      const b = await admin.post<Priority>('/api/v1/priorities', { code: 'prio_b', name: '乙', nameEn: 'B', rank: 20 });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.equal(b.status, 201);
      assert.equal((await admin.post('/api/v1/priorities', { code: 'prio_a', name: '重复', rank: 11 })).status, 409);
      const badRank = await admin.post('/api/v1/priorities', { code: 'prio_c', name: '丙', rank: 0 });
      assert.equal(badRank.status, 400);
      assert.deepEqual(codes((await agent.get<Items<Priority>>('/api/v1/priorities')).body.items), ['urgent', 'high', 'medium', 'low', 'prio_a', 'prio_b']);

      const ticketWith = async (priority: string) => {
        const r = await agent.post<Ticket>('/api/v1/tickets', { description: `优先级测试 ${priority}`, category: 'inquiry', serviceItem: 'mall_presales', priority });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body;
      };
      const ta = await ticketWith('prio_a');
      const tb = await ticketWith('prio_b');
      const sorted = async () =>
        (await admin.get<Items<Ticket>>('/api/v1/tickets?priority=prio_a,prio_b&sort=priority')).body.items.map((i) => [i.number, i.priority.rank]);
      assert.deepEqual(await sorted(), [[ta.number, 10], [tb.number, 20]]);

      const reranked = await admin.patch<Priority>('/api/v1/priorities/prio_a', { rank: 30 });
      assert.equal(reranked.status, 200, JSON.stringify(reranked.body));
      assert.equal(reranked.body.rank, 30);
      assert.deepEqual(await sorted(), [[tb.number, 20], [ta.number, 30]], 'the existing ticket moved with its priority');
      const descending = (await admin.get<Items<Ticket>>('/api/v1/tickets?priority=prio_a,prio_b&sort=-priority')).body.items.map((i) => i.number);
      assert.deepEqual(descending, [ta.number, tb.number]);
      assert.equal((await admin.get<Ticket>(`/api/v1/tickets/${ta.id}`)).body.priority.rank, 30);
      assert.deepEqual(codes((await agent.get<Items<Priority>>('/api/v1/priorities')).body.items).slice(-2), ['prio_b', 'prio_a']);

      assert.equal((await admin.delete('/api/v1/priorities/prio_b')).status, 204);
      assert.ok(!codes((await agent.get<Items<Priority>>('/api/v1/priorities')).body.items).includes('prio_b'));
      const refused = await agent.post('/api/v1/tickets', { description: 'x', category: 'inquiry', serviceItem: 'mall_presales', priority: 'prio_b' });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'invalid_reference');
    });

    it('creates a service item with its form under a parent; the form is enforced on tickets', async () => {
      const created = await admin.post<ServiceItem>('/api/v1/service-items', {
        code: 'flights_baggage',
        name: '行李问题',
        nameEn: 'Baggage',
        parent: 'flights',
        needsReply: false,
        fields: [
          { key: 'flightNumber', label: '航班号', type: 'text', required: true, maxLength: 10 },
          { key: 'bagTag', label: '行李牌号', type: 'text' },
          { key: 'kind', label: '问题类型', type: 'select', required: true, options: [{ value: 'lost', label: '丢失' }, { value: 'damaged', label: '损坏' }] },
        ],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const flightsId = await idOf('/api/v1/service-items', 'flights');
      assert.equal(created.body.parentId, flightsId);
      assert.equal(created.body.needsReply, false);
      assert.deepEqual(created.body.fields.map((f) => [f.key, f.required]), [['flightNumber', true], ['bagTag', false], ['kind', true]]);

      const tree = await agent.get<Items<ServiceItem>>('/api/v1/service-items');
      const flights = tree.body.items.find((i) => i.code === 'flights')!;
      assert.deepEqual(codes(flights.children).sort(), ['flights_baggage', 'flights_change']);

      const incomplete = await agent.post('/api/v1/tickets', { description: '行李丢失', category: 'complaint', serviceItem: 'flights_baggage', priority: 'high', fields: { bagTag: 'CA123456', kind: 'stolen', seat: '12A' } });
      assert.equal(incomplete.status, 422);
      assert.equal(incomplete.body.code, 'invalid_form_fields');
      const fields = (incomplete.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
      assert.deepEqual(fields, ['fields.flightNumber', 'fields.kind', 'fields.seat'], 'every problem is reported at once');

      const ok = await agent.post<Ticket & { fields: Record<string, unknown> }>('/api/v1/tickets', { description: '行李丢失', category: 'complaint', serviceItem: 'flights_baggage', priority: 'high', fields: { flightNumber: ' CA1234 ', kind: 'lost' } });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.fields, { flightNumber: 'CA1234', kind: 'lost' });

      // Deleting the item leaves its tickets' forms editable: a typo in an open ticket is still corrected.
      assert.equal((await admin.delete('/api/v1/service-items/flights_baggage')).status, 204);
      const corrected = await agent.patch<Ticket & { fields: Record<string, unknown> }>(`/api/v1/tickets/${ok.body.id}`, { fields: { flightNumber: 'CA1235', kind: 'lost' } });
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.deepEqual(corrected.body.fields, { flightNumber: 'CA1235', kind: 'lost' });
      const moved = await agent.patch(`/api/v1/tickets/${ok.body.id}`, { serviceItem: 'flights_baggage' });
      assert.equal(moved.status, 422, 'no ticket is moved onto a deleted item');
      await admin.patch('/api/v1/service-items/flights_baggage', { active: true });

      assert.equal((await admin.post('/api/v1/service-items', { code: 'flights_baggage', name: '重复' })).status, 409);
      const unknownParent = await admin.post('/api/v1/service-items', { code: 'orphan', name: '孤儿', parent: 'no_such_parent' });
      assert.equal(unknownParent.status, 422);
      assert.equal(unknownParent.body.code, 'invalid_reference');

      await admin.delete('/api/v1/service-items/flowers');
      const deletedParent = await admin.post('/api/v1/service-items', { code: 'flowers_x', name: '花束', parent: 'flowers' });
      assert.equal(deletedParent.status, 422, 'a deleted item takes no children');
      assert.equal(deletedParent.body.code, 'invalid_reference');
      await admin.patch('/api/v1/service-items/flowers', { active: true });
    });

    it('refuses duplicate field keys and select fields without options (422)', async () => {
      const twice = [
        { key: 'orderNumber', label: '订单号', type: 'order_number', required: true },
        { key: 'orderNumber', label: '订单号2', type: 'text' },
      ];
      const onCreate = await admin.post('/api/v1/service-items', { code: 'dup_fields', name: '重复字段', fields: twice });
      assert.equal(onCreate.status, 422);
      assert.equal(onCreate.body.code, 'duplicate_field_key');
      assert.deepEqual((onCreate.body.errors as Array<{ field: string }>).map((e) => e.field), ['fields.1.key']);
      assert.equal((await admin.get('/api/v1/service-items/dup_fields')).status, 404, 'nothing was created');

      const onPatch = await admin.patch('/api/v1/service-items/flowers', { fields: twice });
      assert.equal(onPatch.status, 422);
      assert.equal(onPatch.body.code, 'duplicate_field_key');
      const flowers = await admin.get<ServiceItem>('/api/v1/service-items/flowers');
      assert.deepEqual(flowers.body.fields.map((f) => f.key), ['orderNumber', 'deliveryDate'], 'the form is unchanged');

      const select = await admin.post('/api/v1/service-items', { code: 'bad_select', name: '选择', fields: [{ key: 'kind', label: '类型', type: 'select' }] });
      assert.equal(select.status, 422);
      assert.equal(select.body.code, 'select_without_options');
      const badKey = await admin.post('/api/v1/service-items', { code: 'bad_key', name: '键', fields: [{ key: '1st', label: 'x', type: 'text' }] });
      assert.equal(badKey.status, 400);
    });

    it('refuses to move a service item below itself or its own child (422 catalog_cycle); moves it elsewhere', async () => {
      const intoChild = await admin.patch('/api/v1/service-items/flights', { parent: 'flights_change' });
      assert.equal(intoChild.status, 422);
      assert.equal(intoChild.body.code, 'catalog_cycle');
      assert.deepEqual((intoChild.body.errors as Array<{ field: string }>).map((e) => e.field), ['parent']);
      const intoSelf = await admin.patch('/api/v1/service-items/flights', { parent: 'flights' });
      assert.equal(intoSelf.status, 422);
      assert.equal(intoSelf.body.code, 'catalog_cycle');
      await admin.post('/api/v1/service-items', { code: 'flights_change_intl', name: '国际退改签', parent: 'flights_change' });
      const intoGrandchild = await admin.patch('/api/v1/service-items/flights', { parent: 'flights_change_intl' });
      assert.equal(intoGrandchild.status, 422);
      assert.equal(intoGrandchild.body.code, 'catalog_cycle');
      const flights = await admin.get<ServiceItem>('/api/v1/service-items/flights');
      assert.equal(flights.body.parentId, null, 'the tree is unchanged');

      const moved = await admin.patch<ServiceItem>('/api/v1/service-items/flights_change_intl', { parent: 'flights' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.parentId, flights.body.id);
      const toTop = await admin.patch<ServiceItem>('/api/v1/service-items/flights_change_intl', { parent: null });
      assert.equal(toTop.body.parentId, null);
      const tree = await agent.get<Items<ServiceItem>>('/api/v1/service-items');
      assert.ok(codes(tree.body.items).includes('flights_change_intl'), 'now a top-level item');

      assert.equal((await admin.delete('/api/v1/service-items/flights_change_intl')).status, 204);
      const remaining = await agent.get<Items<ServiceItem>>('/api/v1/service-items?flat=true');
      assert.ok(!codes(remaining.body.items).includes('flights_change_intl'), 'a deleted item leaves the catalog');
      const refused = await agent.post('/api/v1/tickets', { description: 'x', category: 'inquiry', serviceItem: 'flights_change_intl', priority: 'low' });
      assert.equal(refused.status, 422);
      assert.equal(refused.body.code, 'invalid_reference');
    });

    it('an item keeps a parent deleted since through later changes; a deleted item cannot be chosen as parent anew', async () => {
      assert.equal((await admin.post('/api/v1/service-items', { code: 'retired_branch', name: '撤下的分支' })).status, 201);
      assert.equal((await admin.post('/api/v1/service-items', { code: 'left_below', name: '留下的子项', parent: 'retired_branch' })).status, 201);
      assert.equal((await admin.delete('/api/v1/service-items/retired_branch')).status, 204);
      const renamed = await admin.patch<ServiceItem>('/api/v1/service-items/left_below', { name: '留下的子项（改）', parent: 'retired_branch' });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.parentId, await idOf('/api/v1/service-items', 'retired_branch'));
      assertProblem(await admin.patch('/api/v1/service-items/flights_change', { parent: 'retired_branch' }), 422, 'invalid_reference', ['parent']);
    });

    it("switching needsReply changes whether a handled ticket can be closed without a reply", async () => {
      await admin.post('/api/v1/service-items', { code: 'gift_cards', name: '礼品卡', needsReply: false });
      const first = await handledTicket('gift_cards');
      assert.equal(first.serviceItem.needsReply, false);
      const closed = await t.as('handler').post<Ticket>(`/api/v1/tickets/${first.id}/close`);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal(closed.body.status, 'closed');

      const switched = await admin.patch<ServiceItem>('/api/v1/service-items/gift_cards', { needsReply: true });
      assert.equal(switched.body.needsReply, true);
      const second = await handledTicket('gift_cards');
      const refused = await t.as('handler').post(`/api/v1/tickets/${second.id}/close`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, 'reply_required');
      const awaiting = await agent.get<Items<Ticket>>('/api/v1/tickets?queue=awaiting_reply');
      assert.ok(awaiting.body.items.some((i) => i.id === second.id), 'it waits for a reply agent');

      await admin.patch('/api/v1/service-items/gift_cards', { needsReply: false });
      const nowClosable = await t.as('handler').post<Ticket>(`/api/v1/tickets/${second.id}/close`);
      assert.equal(nowClosable.status, 200, 'the rule is read when closing');
      assert.equal(nowClosable.body.status, 'closed');
    });

    it('creates, changes and deactivates departments', async () => {
      const created = await admin.post<Department>('/api/v1/departments', { code: 'vip_care', name: 'VIP服务组', nameEn: 'VIP care' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.assignmentMode, 'none');
      assert.equal(created.body.active, true);
      const duplicate = await admin.post('/api/v1/departments', { code: 'refunds', name: '退款组2' });
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.body.code, 'code_taken');
      const badMode = await admin.post('/api/v1/departments', { code: 'x_mode', name: 'x', assignmentMode: 'random' });
      assert.equal(badMode.status, 400);

      const changed = await admin.patch<Department>('/api/v1/departments/vip_care', { name: 'VIP 客服组', assignmentMode: 'least_open' });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.name, 'VIP 客服组');
      assert.equal(changed.body.assignmentMode, 'least_open');

      const ticket = await agent.post<Ticket>('/api/v1/tickets', { description: 'VIP 客户来电', category: 'inquiry', serviceItem: 'mall_presales', priority: 'high', department: 'vip_care' });
      assert.equal(ticket.body.department?.code, 'vip_care');

      const off = await admin.patch<Department>('/api/v1/departments/vip_care', { active: false });
      assert.equal(off.body.active, false);
      assert.ok(!codes((await agent.get<Items<Department>>('/api/v1/departments')).body.items).includes('vip_care'));
      assert.ok(codes((await agent.get<Items<Department>>('/api/v1/departments?includeInactive=true')).body.items).includes('vip_care'));
      const dispatch = await agent.post('/api/v1/tickets', { description: 'VIP 客户来电', category: 'inquiry', serviceItem: 'mall_presales', priority: 'high', department: 'vip_care' });
      assert.equal(dispatch.status, 422);
      assert.equal(dispatch.body.code, 'invalid_reference');
      const member = await admin.post('/api/v1/users', { username: 'vip1', displayName: 'VIP 1', password: 'password-123', role: 'handler', departments: ['vip_care'] });
      assert.equal(member.status, 422);
      assert.equal(member.body.code, 'invalid_reference');
      assert.equal((await admin.get<Ticket>(`/api/v1/tickets/${ticket.body.id}`)).body.department?.code, 'vip_care', 'its tickets stay where they are');
      assert.equal((await admin.patch('/api/v1/departments/nowhere', { name: 'x' })).status, 404);
    });

    it('creates users with departments; usernames are unique', async () => {
      const created = await admin.post<User>('/api/v1/users', {
        username: 'liu.handler',
        displayName: '刘处理',
        password: 'liu-password-1',
        role: 'handler',
        departments: ['refunds', 'exceptions', 'refunds'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.username, 'liu.handler');
      assert.equal(created.body.role, 'handler');
      assert.equal(created.body.active, true);
      assert.equal(created.body.onDuty, true);
      const expected = [await idOf('/api/v1/departments', 'refunds'), await idOf('/api/v1/departments', 'exceptions')];
      assert.deepEqual([...created.body.departments].sort(), expected.sort());
      assert.ok(!('password' in created.body) && !('passwordHash' in created.body));

      const members = await agent.get<Items<User>>('/api/v1/users?department=exceptions');
      assert.deepEqual(members.body.items.map((u) => u.username), ['liu.handler']);
      const login = await t.running.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'liu.handler', password: 'liu-password-1' } });
      assert.equal(login.statusCode, 200, 'the new user signs in with the password given');

      const taken = await admin.post('/api/v1/users', { username: 'liu.handler', displayName: '另一个', password: 'password-123', role: 'agent' });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, 'username_taken');
      const seeded = await admin.post('/api/v1/users', { username: 'agent', displayName: '另一个', password: 'password-123', role: 'agent' });
      assert.equal(seeded.status, 409);
      const unknownDepartment = await admin.post('/api/v1/users', { username: 'nodept', displayName: 'x', password: 'password-123', role: 'agent', departments: ['nowhere'] });
      assert.equal(unknownDepartment.status, 422);
      assert.equal(unknownDepartment.body.code, 'invalid_reference');
      assert.deepEqual((unknownDepartment.body.errors as Array<{ field: string }>).map((e) => e.field), ['departments.0']);
      const shortPassword = await admin.post('/api/v1/users', { username: 'shorty', displayName: 'x', password: 'short', role: 'agent' });
      assert.equal(shortPassword.status, 400);
      const badRole = await admin.post('/api/v1/users', { username: 'boss', displayName: 'x', password: 'password-123', role: 'boss' });
      assert.equal(badRole.status, 400);
      const badName = await admin.post('/api/v1/users', { username: 'has space', displayName: 'x', password: 'password-123', role: 'agent' });
      assert.equal(badName.status, 400);

      const moved = await admin.patch<User>('/api/v1/users/liu.handler', { departments: ['promotions'], role: 'supervisor' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual(moved.body.departments, [await idOf('/api/v1/departments', 'promotions')]);
      assert.equal(moved.body.role, 'supervisor');
    });

    it('keeps a user in a department deactivated since while their other departments change; joining it anew is refused', async () => {
      assert.equal((await admin.post('/api/v1/departments', { code: 'wound_down', name: '收尾组' })).status, 201);
      const created = await admin.post<User>('/api/v1/users', { username: 'stays.on', displayName: '留守', password: 'stays-password-1', role: 'handler', departments: ['wound_down'] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await admin.patch('/api/v1/departments/wound_down', { active: false })).status, 200);
      const wound = await idOf('/api/v1/departments', 'wound_down');
      const changed = await admin.patch<User>('/api/v1/users/stays.on', { displayName: '留守（改）', departments: ['wound_down', 'refunds'] });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual([...changed.body.departments].sort(), [wound, await idOf('/api/v1/departments', 'refunds')].sort());
      assertProblem(await admin.patch('/api/v1/users/agent', { departments: ['promotions', 'wound_down'] }), 422, 'invalid_reference', ['departments.1']);
    });

    it('lets a user change their own display name and duty, but not their role or anyone else', async () => {
      const handler = t.as('handler');
      const renamed = await handler.patch<User>('/api/v1/users/handler', { displayName: '张处理员', onDuty: false });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.displayName, '张处理员');
      assert.equal(renamed.body.onDuty, false);
      assert.equal((await admin.get<User>('/api/v1/users/handler')).body.onDuty, false);

      for (const change of [{ role: 'admin' }, { departments: ['refunds', 'promotions'] }, { active: true }]) {
        const refused = await handler.patch('/api/v1/users/handler', change);
        assert.equal(refused.status, 403, JSON.stringify(change));
        assert.equal(refused.body.code, 'admin_only');
      }
      assert.equal((await admin.get<User>('/api/v1/users/handler')).body.role, 'handler');
      const other = await handler.patch('/api/v1/users/agent', { displayName: '被改名' });
      assert.equal(other.status, 403);
      assert.equal(other.body.code, 'admin_only');
      assert.equal((await admin.get<User>('/api/v1/users/agent')).body.displayName, '李座席');

      const selfDeactivate = await admin.patch('/api/v1/users/admin', { active: false });
      assert.equal(selfDeactivate.status, 422);
      assert.equal(selfDeactivate.body.code, 'cannot_deactivate_self');
      assert.equal((await admin.get('/api/v1/auth/me')).status, 200);

      await handler.patch('/api/v1/users/handler', { displayName: '张处理', onDuty: true });
    });

    it('signs a deactivated user out: their session ends and their API token stops working', async () => {
      const created = await admin.post<User>('/api/v1/users', { username: 'temp.agent', displayName: '临时座席', password: 'temp-password-1', role: 'agent', departments: ['call_center'] });
      assert.equal(created.status, 201);
      const token = await t.tokenFor(created.body.id);
      const login = await t.running.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'temp.agent', password: 'temp-password-1' } });
      assert.equal(login.statusCode, 200);
      const cookie = login.cookies.find((c) => c.name === 'gongdan_session')!.value;
      const viaCookie = async () => (await t.running.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { gongdan_session: cookie } })).statusCode;
      assert.equal(await viaCookie(), 200);
      assert.equal((await t.as(token).get('/api/v1/auth/me')).status, 200);

      const deactivated = await admin.patch<User>(`/api/v1/users/${created.body.id}`, { active: false });
      assert.equal(deactivated.status, 200);
      assert.equal(deactivated.body.active, false);
      assert.equal(await viaCookie(), 401, 'the session is gone');
      const tokenCall = await t.as(token).get('/api/v1/auth/me');
      assert.equal(tokenCall.status, 401, 'the API token no longer signs them in');
      assert.equal(tokenCall.body.code, 'unauthenticated');
      assert.ok(!(await agent.get<Items<User>>('/api/v1/users?active=true')).body.items.some((u) => u.username === 'temp.agent'));
      assert.ok((await agent.get<Items<User>>('/api/v1/users?active=false')).body.items.some((u) => u.username === 'temp.agent'));

      // Reactivation: the token (never revoked) works again; the deleted session does not come back.
      await admin.patch(`/api/v1/users/${created.body.id}`, { active: true });
      assert.equal((await t.as(token).get('/api/v1/auth/me')).status, 200);
      assert.equal(await viaCookie(), 401);
    });

    it('puts back in the queue the tickets a leaver was handed but had not accepted; work they started stays with them', async () => {
      for (const code of ['desk_a', 'desk_b']) assert.equal((await admin.post('/api/v1/departments', { code, name: code })).status, 201);
      const leaver = await admin.post<User>('/api/v1/users', { username: 'leaver.h', displayName: '离职处理', password: 'leaver-pass-1', role: 'handler', departments: ['desk_a', 'desk_b'] });
      assert.equal(leaver.status, 201, JSON.stringify(leaver.body));
      const as = t.as(await t.tokenFor(leaver.body.id));
      const ticketIn = async (department: string) =>
        (await agent.post<Ticket & { id: string }>('/api/v1/tickets', { description: '活动咨询', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', department })).body;
      const claimed = await ticketIn('desk_a');
      const started = await ticketIn('desk_a');
      const elsewhere = await ticketIn('desk_b');
      for (const ticket of [claimed, started, elsewhere]) assert.equal((await as.post(`/api/v1/tickets/${ticket.id}/claim`)).status, 200);
      assert.equal((await as.post(`/api/v1/tickets/${started.id}/accept`)).status, 200);
      const read = async (id: string) => (await admin.get<{ status: string; assignee: { username: string } | null }>(`/api/v1/tickets/${id}`)).body;

      // Leaving a department releases what they held there only.
      assert.equal((await admin.patch(`/api/v1/users/${leaver.body.id}`, { departments: ['desk_a'] })).status, 200);
      const left = await read(elsewhere.id);
      assert.deepEqual([left.status, left.assignee], ['pending', null]);
      assert.equal((await read(claimed.id)).assignee?.username, 'leaver.h');

      assert.equal((await admin.patch(`/api/v1/users/${leaver.body.id}`, { active: false })).status, 200);
      const released = await read(claimed.id);
      assert.deepEqual([released.status, released.assignee], ['pending', null]);
      const events = await admin.get<{ items: Array<{ type: string; data: Record<string, unknown>; actor: { username: string } | null }> }>(`/api/v1/tickets/${claimed.id}/events`);
      const last = events.body.items.at(-1)!;
      assert.deepEqual([last.type, last.data.reason, last.actor?.username], ['ticket.unassigned', 'assignee_deactivated', 'admin']);
      const queue = await admin.get<{ items: Array<{ id: string }> }>('/api/v1/tickets?department=desk_a&status=pending&assignee=none&limit=200');
      assert.ok(queue.body.items.some((x) => x.id === claimed.id), 'back in the department queue');
      assert.equal((await read(started.id)).assignee?.username, 'leaver.h', 'in progress: a supervisor decides who continues');
    });

    it("changing a user's password signs out their sessions; the new password works and the old one does not", async () => {
      const created = await admin.post<User>('/api/v1/users', { username: 'pw.agent', displayName: '改密座席', password: 'first-password-1', role: 'agent' });
      const login = (password: string) => t.running.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'pw.agent', password } });
      const first = await login('first-password-1');
      const cookie = first.cookies.find((c) => c.name === 'gongdan_session')!.value;
      const csrf = (first.json() as { csrfToken: string }).csrfToken;
      const changeOwn = (payload: Record<string, unknown>) =>
        t.running.app.inject({ method: 'PATCH', url: `/api/v1/users/${created.body.id}`, payload, cookies: { gongdan_session: cookie }, headers: { 'x-csrf-token': csrf } });
      // An open session alone (a desk left signed in) does not take over the account.
      for (const [payload, code, issue] of [
        [{ password: 'second-password-2' }, 'current_password_required', 'required'],
        [{ password: 'second-password-2', currentPassword: 'guessed-password' }, 'current_password_incorrect', 'incorrect'],
      ] as const) {
        const refused = await changeOwn(payload);
        assert.equal(refused.statusCode, 422, refused.body);
        assert.deepEqual([refused.json().code, refused.json().errors], [code, [{ field: 'currentPassword', code: issue, message: refused.json().errors[0].message }]]);
      }
      assert.equal((await login('first-password-1')).statusCode, 200, 'the refused changes changed nothing');
      const issued = await t.running.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '对接脚本' }, cookies: { gongdan_session: cookie }, headers: { 'x-csrf-token': csrf } });
      assert.equal(issued.statusCode, 201, issued.body);
      const tokenWorks = async () => (await t.as((issued.json() as { token: string }).token).get('/api/v1/auth/me')).status;

      const changed = await changeOwn({ password: 'second-password-2', currentPassword: 'first-password-1' });
      assert.equal(changed.statusCode, 200, changed.body);
      const me = await t.running.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { gongdan_session: cookie } });
      assert.equal(me.statusCode, 401, 'every session of the user ended, this one too');
      assert.equal((await login('first-password-1')).statusCode, 401);
      assert.equal((await login('second-password-2')).statusCode, 200);
      assert.equal(await tokenWorks(), 200, 'their own change keeps the API tokens they manage themselves');

      // An administrator resets someone else's password without knowing it, but not their own; the reset also revokes the tokens.
      assert.equal((await admin.patch(`/api/v1/users/${created.body.id}`, { password: 'third-password-3' })).status, 200);
      assert.equal((await login('third-password-3')).statusCode, 200);
      assert.equal(await tokenWorks(), 401, 'an account reset because it may be in other hands keeps no token');
      assertProblem(await admin.patch('/api/v1/users/admin', { password: 'new-admin-password' }), 422, 'current_password_required', ['currentPassword']);
    });

    it('reads and changes the organisation settings; unknown references are refused with 422 invalid_reference', async () => {
      const initial = await agent.get<Settings>('/api/v1/settings');
      assert.equal(initial.status, 200);
      assert.equal(initial.body.difficultCaseDepartmentId, await idOf('/api/v1/departments', 'difficult_cases'));
      assert.deepEqual(initial.body.intakeDefaults, {
        categoryId: await idOf('/api/v1/categories', 'other'),
        serviceItemId: await idOf('/api/v1/service-items', 'other'),
        priorityId: await idOf('/api/v1/priorities', 'medium'),
      });

      const unknown = await admin.patch('/api/v1/settings', { difficultCaseDepartment: 'nowhere' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, 'invalid_reference');
      assert.deepEqual((unknown.body.errors as Array<{ field: string }>).map((e) => e.field), ['difficultCaseDepartment']);
      const halfBad = await admin.patch('/api/v1/settings', { difficultCaseDepartment: 'exceptions', intakeDefaults: { category: 'nope' } });
      assert.equal(halfBad.status, 422);
      assert.equal(halfBad.body.code, 'invalid_reference');
      assert.deepEqual((await admin.get<Settings>('/api/v1/settings')).body, initial.body, 'a refused change saves nothing');
      const unknownKey = await admin.patch('/api/v1/settings', { intakeDefaults: { team: 'x' } });
      assert.equal(unknownKey.status, 400);

      const changed = await admin.patch<Settings>('/api/v1/settings', { difficultCaseDepartment: 'exceptions', intakeDefaults: { priority: 'low' } });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.difficultCaseDepartmentId, await idOf('/api/v1/departments', 'exceptions'));
      assert.equal(changed.body.intakeDefaults.priorityId, await idOf('/api/v1/priorities', 'low'));
      assert.equal(changed.body.intakeDefaults.categoryId, initial.body.intakeDefaults.categoryId, 'settings not named stay as they were');
      assert.deepEqual((await agent.get<Settings>('/api/v1/settings')).body, changed.body);

      // The intake defaults classify an email ticket that arrives unclassified.
      const email = await agent.post<Ticket>('/api/v1/tickets', { description: 'Mail: question about my invoice', channel: 'email' });
      assert.equal(email.status, 201, JSON.stringify(email.body));
      assert.equal(email.body.priority.code, 'low');
      assert.equal(email.body.category.code, 'other');
      assert.equal(email.body.needsTriage, true);

      // An objection goes to the configured difficult-case department.
      const handled = await handledTicket('mall_presales');
      const objection = await agent.post<Ticket>(`/api/v1/tickets/${handled.id}/reply`, { channel: 'phone', content: '客户不满意', objection: true });
      assert.equal(objection.status, 200, JSON.stringify(objection.body));
      assert.equal(objection.body.department?.code, 'exceptions');

      // null clears a setting: an email without a category can no longer be classified.
      const cleared = await admin.patch<Settings>('/api/v1/settings', { intakeDefaults: { category: null } });
      assert.equal(cleared.body.intakeDefaults.categoryId, null);
      const unclassified = await agent.post('/api/v1/tickets', { description: 'Mail: hello', channel: 'email' });
      assert.equal(unclassified.status, 422);
      assert.equal(unclassified.body.code, 'classification_required');

      const restored = await admin.patch<Settings>('/api/v1/settings', { difficultCaseDepartment: 'difficult_cases', intakeDefaults: { category: 'other', priority: 'medium' } });
      assert.deepEqual(restored.body, initial.body);
    });

    it('refuses to delete what the settings name, so email tickets and objections keep working', async () => {
      for (const [path, setting] of [
        ['/api/v1/service-items/other', 'intakeDefaults.serviceItem'],
        ['/api/v1/categories/other', 'intakeDefaults.category'],
        ['/api/v1/priorities/medium', 'intakeDefaults.priority'],
      ] as const) {
        const refused = await admin.delete(path);
        assert.equal(refused.status, 409, path);
        assert.equal(refused.body.code, 'in_use_by_settings');
        assert.equal(refused.body.setting, setting);
      }
      const difficult = await admin.patch('/api/v1/departments/difficult_cases', { active: false });
      assert.equal(difficult.status, 409);
      assert.equal(difficult.body.setting, 'difficultCaseDepartment');
      const email = await agent.post<Ticket>('/api/v1/tickets', { description: 'Mail: where is my parcel', channel: 'email' });
      assert.equal(email.status, 201, JSON.stringify(email.body));
      // Once the settings name another, the old one may go.
      assert.equal((await admin.patch('/api/v1/settings', { intakeDefaults: { priority: 'low' } })).status, 200);
      assert.equal((await admin.delete('/api/v1/priorities/medium')).status, 204);
      assert.equal((await admin.patch('/api/v1/priorities/medium', { active: true })).status, 200);
      assert.equal((await admin.patch('/api/v1/settings', { intakeDefaults: { priority: 'medium' } })).status, 200);
    });
  });
}
