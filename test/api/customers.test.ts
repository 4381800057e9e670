import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertInvalidField, assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Phone {
  id: string;
  number: string;
  label: string | null;
  primary: boolean;
  masked: boolean;
}
interface Customer {
  id: string;
  name: string;
  type: 'individual' | 'enterprise';
  tier: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  parent: { id: string; name: string } | null;
  mergedIntoId: string | null;
  phones: Phone[];
  emails: Array<{ id: string; address: string; label: string | null; primary: boolean; masked: boolean }>;
  externalIds: Array<{ id: string; kind: string; value: string; masked: boolean }>;
  idNumber: { id: string; value: string; masked: boolean } | null;
  createdAt: string;
  updatedAt: string;
}
interface Summary {
  id: string;
  name: string;
  type: string;
  tier: string | null;
  tags: string[];
  parentId: string | null;
  phone: string | null;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}
interface Detail extends Customer {
  contacts: Summary[];
  contactCount: number;
  openTickets: Array<{ id: string; number: string; status: string }>;
  recentTickets: Array<{ id: string; number: string; status: string }>;
}

const C = '/api/v1/customers';
const A = '/api/v1/customer-attributes';

for (const dialect of dialects()) {
  describe(`customers (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_DEFAULT_AREA_CODE: '010' });
    });
    after(async () => t?.close());

    async function create(body: Record<string, unknown>, as: 'agent' | 'admin' | 'supervisor' = 'agent'): Promise<Customer> {
      const created = await t.as(as).post<Customer>(C, body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body;
    }

    it('records a customer with several phone numbers and emails, external ids, an ID number, tags and a tier', async () => {
      const created = await t.as('agent').post<Customer>(C, {
        name: '陈静',
        tier: 'VIP',
        phones: [
          { number: '+86 139 1000 2000', label: '手机' },
          { number: '010-6552 8888', label: '办公', primary: true },
        ],
        emails: [{ address: 'Chen.Jing@Example.com' }],
        externalIds: [
          { kind: 'wechat_openid', value: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
          { kind: 'account_no', value: 'ACC-10086-778' },
        ],
        idNumber: '11010519491231002x',
        tags: ['投诉多', 'VIP', '投诉多'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.headers.location, `${C}/${created.body.id}`);
      const c = created.body;
      assert.equal(c.type, 'individual');
      assert.equal(c.tier, 'VIP');
      assert.deepEqual([...c.tags].sort(), ['VIP', '投诉多']);
      assert.deepEqual(
        c.phones.map((p) => [p.number, p.label, p.primary, p.masked]),
        [
          ['13910002000', '手机', false, false],
          ['01065528888', '办公', true, false],
        ],
        'numbers normalised, the one marked primary is primary; an agent sees them in full',
      );
      assert.deepEqual(c.emails.map((e) => [e.address, e.primary, e.masked]), [['chen.jing@example.com', true, false]]);
      assert.deepEqual(c.externalIds.map((x) => [x.kind, x.value, x.masked]), [
        ['wechat_openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', false],
        ['account_no', 'ACC-10086-778', false],
      ]);
      assert.deepEqual(c.idNumber && [c.idNumber.value, c.idNumber.masked], ['110***********002X', true], 'ID numbers are masked for everyone');

      const read = await t.as('supervisor').get<Detail>(`${C}/${c.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.phones.length, 2);
      assert.deepEqual(read.body.openTickets, []);
      assert.deepEqual(read.body.contacts, []);
    });

    it('manages phone numbers and emails one by one: add, relabel, make primary, remove', async () => {
      const c = await create({ name: '周涛', phones: [{ number: '13911112222' }] });
      assert.equal(c.phones[0]!.primary, true, 'the first number is the primary one');
      const added = await t.as('agent').post<Customer>(`${C}/${c.id}/phones`, { number: '021-6123 4567', label: '家庭' });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const home = added.body.phones.find((p) => p.number === '02161234567')!;
      assert.equal(home.primary, false);

      const primary = await t.as('agent').patch<Customer>(`${C}/${c.id}/identities/${home.id}`, { primary: true, label: '家里' });
      assert.equal(primary.status, 200, JSON.stringify(primary.body));
      assert.deepEqual(primary.body.phones.map((p) => [p.number, p.primary, p.label]), [
        ['13911112222', false, null],
        ['02161234567', true, '家里'],
      ]);

      const email = await t.as('agent').post<Customer>(`${C}/${c.id}/emails`, { address: 'zhou@example.cn', label: '工作' });
      assert.equal(email.status, 201);
      const external = await t.as('agent').post<Customer>(`${C}/${c.id}/external-ids`, { kind: 'wechat_openid', value: 'oZhou123456789' });
      assert.equal(external.status, 201);
      assert.equal(external.body.externalIds[0]!.kind, 'wechat_openid');

      const removed = await t.as('agent').delete<Customer>(`${C}/${c.id}/identities/${home.id}`);
      assert.equal(removed.status, 200);
      assert.deepEqual(removed.body.phones.map((p) => [p.number, p.primary]), [['13911112222', true]], 'the remaining number becomes primary');

      const unknown = await t.as('agent').delete(`${C}/${c.id}/identities/no-such-identity`);
      assertProblem(unknown, 404, 'not_found');
      const externalPrimary = await t.as('agent').patch(`${C}/${c.id}/identities/${external.body.externalIds[0]!.id}`, { primary: true });
      assertProblem(externalPrimary, 422, 'invalid_identity', ['primary']);
    });

    it('refuses a phone number, email or ID number another customer holds, naming the holder', async () => {
      const holder = await create({ name: '孙丽', phones: [{ number: '13922223333' }], emails: [{ address: 'sun@example.cn' }], idNumber: '110101199003078515' });
      const other = await create({ name: '孙丽（重复）' });
      for (const [path, body, field] of [
        [C, { name: 'x', phones: [{ number: '+86 139 2222 3333' }] }, 'phones.0.number'],
        [C, { name: 'x', emails: [{ address: 'SUN@example.cn' }] }, 'emails.0.address'],
        [C, { name: 'x', idNumber: '110101199003078515' }, 'idNumber'],
        [`${C}/${other.id}/phones`, { number: '139-2222-3333' }, 'number'],
      ] as const) {
        const refused = await t.as('agent').post(path, body);
        const problem = assertProblem(refused, 409, 'identity_taken', [field], `${path} ${JSON.stringify(body)}`);
        assert.equal(problem.customerId, holder.id);
      }
      const patched = await t.as('agent').patch(`${C}/${other.id}`, { idNumber: '110101199003078515' });
      assertProblem(patched, 409, 'identity_taken', ['idNumber']);
      const again = await t.as('agent').post(`${C}/${holder.id}/phones`, { number: '13922223333' });
      assert.match(assertProblem(again, 409, 'identity_taken').detail, /this customer already has it/);
      const list = await t.as('admin').get<Page>(`${C}?q=${encodeURIComponent('孙丽')}`);
      assert.equal(list.body.items.length, 2, 'refused creates left nothing behind');
    });

    it('changes name, type, tier, tags, attributes and the ID number, and erases a customer on delete', async () => {
      const c = await create({ name: '钱多多', tags: ['a'], idNumber: '440524188001010014' });
      const changed = await t.as('agent').patch<Customer>(`${C}/${c.id}`, { name: '钱多', tier: 'Gold', tags: ['b', 'c'], idNumber: null });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.name, '钱多');
      assert.equal(changed.body.tier, 'Gold');
      assert.deepEqual([...changed.body.tags].sort(), ['b', 'c']);
      assert.equal(changed.body.idNumber, null);
      const cleared = await t.as('agent').patch<Customer>(`${C}/${c.id}`, { tier: null });
      assert.equal(cleared.body.tier, null);

      assertProblem(await t.as('agent').delete(`${C}/${c.id}`), 403, 'action_forbidden');
      const deleted = await t.as('admin').delete(`${C}/${c.id}`);
      assert.equal(deleted.status, 204);
      assertProblem(await t.as('admin').get(`${C}/${c.id}`), 404, 'not_found');
      assertProblem(await t.as('admin').patch(`${C}/${c.id}`, { name: 'x' }), 404, 'not_found');
      // Its audit trail stays, saying the record is gone (the console then offers no link to a page that would be 404).
      const trail = await t.as('auditor').get<{ items: Array<{ action: string; subject: { id: string; deleted: boolean } }> }>(`/api/v1/audit-log?subject=customer:${c.id}`);
      assert.equal(trail.body.items[0]?.action, 'customer.deleted');
      assert.ok(trail.body.items.length > 3 && trail.body.items.every((e) => e.subject.deleted), JSON.stringify(trail.body.items));
      const other = await create({ name: '孙悟空' });
      const live = await t.as('auditor').get<{ items: Array<{ subject: { deleted: boolean } }> }>(`/api/v1/audit-log?subject=customer:${other.id}`);
      assert.deepEqual(live.body.items.map((e) => e.subject.deleted), [false]);
      const reused = await t.as('agent').post(C, { name: '新客户', idNumber: '440524188001010014' });
      assert.equal(reused.status, 201, 'a deleted customer’s numbers are free again');
    });

    it('keeps both of two changes made at once to one customer (each reads the row the other wrote)', async () => {
      for (let round = 0; round < 5; round++) {
        const c = await create({ name: `并发客户${round}` });
        const [named, tiered] = await Promise.all([
          t.as('agent').patch<Customer>(`${C}/${c.id}`, { name: `并发客户${round}（已核实）` }),
          t.as('supervisor').patch<Customer>(`${C}/${c.id}`, { tier: 'VIP' }),
        ]);
        assert.deepEqual([named.status, tiered.status], [200, 200]);
        const after = (await t.as('admin').get<Customer>(`${C}/${c.id}`)).body;
        assert.deepEqual([after.name, after.tier], [`并发客户${round}（已核实）`, 'VIP'], `round ${round}: neither change lost`);
      }
    });

    it('reads an empty filter (?tag=) as no filter, as the ticket list does (PostgreSQL answered 500: `in ()`)', async () => {
      const all = await t.as('admin').get<{ items: Customer[] }>(`${C}?limit=200`);
      for (const empty of ['tag=', 'tier=', 'type=', 'tag', 'tag=,']) {
        const page = await t.as('admin').get<{ items: Customer[] }>(`${C}?${empty}&limit=200`);
        assert.equal(page.status, 200, `${empty}: ${JSON.stringify(page.body)}`);
        assert.equal(page.body.items.length, all.body.items.length, empty);
        assert.equal((await t.as('admin').get(`${C}/export.csv?${empty}`)).status, 200);
      }
      assert.equal((await t.as('admin').get('/api/v1/audit-log?action=')).status, 200);
    });

    it('lists customers by name prefix or part, by tag, tier and type, a page at a time', async () => {
      const names = ['Wang Wei', 'wang fang', 'Wangjing Ltd', 'Li Wang', '王小明', '王大明', '小王'];
      for (const [i, name] of names.entries()) {
        await create({ name, tier: i % 2 === 0 ? 'VIP' : 'normal', tags: i < 3 ? ['pinyin'] : ['汉字'], type: name.endsWith('Ltd') ? 'enterprise' : 'individual' });
      }
      const list = async (query: string) => {
        const page = await t.as('handler').get<Page>(`${C}?${query}`);
        assert.equal(page.status, 200, JSON.stringify(page.body));
        return page.body.items.map((i) => i.name);
      };
      assert.deepEqual(await list('q=wang'), ['wang fang', 'Wang Wei', 'Wangjing Ltd'], 'prefix, case-insensitive, in name order');
      assert.deepEqual(await list('q=wang&match=contains'), ['Li Wang', 'wang fang', 'Wang Wei', 'Wangjing Ltd']);
      assert.deepEqual(await list(`q=${encodeURIComponent('王')}`), ['王大明', '王小明']);
      assert.deepEqual(await list(`q=${encodeURIComponent('明')}&match=contains`), ['王大明', '王小明']);
      assert.deepEqual(await list(`q=${encodeURIComponent('王')}&match=contains&tier=VIP`), ['小王', '王小明'], 'by code point');
      assert.deepEqual(await list(`tag=pinyin&type=enterprise`), ['Wangjing Ltd']);
      assert.deepEqual(await list(`tag=${encodeURIComponent('汉字')},pinyin&tier=normal&q=w`), ['wang fang']);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `${C}?q=${encodeURIComponent('wang')}&match=contains&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await t.as('agent').get<Page>(url);
        assert.ok(page.body.items.length <= 1);
        seen.push(...page.body.items.map((i) => i.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ['Li Wang', 'wang fang', 'Wang Wei', 'Wangjing Ltd']);
    });

    it('finds a customer by a phone number typed in the search box', async () => {
      const c = await create({ name: '号码搜索', phones: [{ number: '13933334444' }] });
      const page = await t.as('agent').get<Page>(`${C}?q=${encodeURIComponent('139 3333 4444')}`);
      assert.deepEqual(page.body.items.map((i) => i.id), [c.id]);
      assert.equal(page.body.items[0]!.phone, '139****4444', 'lists show the mask, whoever reads them');
    });

    it('keeps contacts under an enterprise customer (政企), and lets a ticket name the contact', async () => {
      const enterprise = await create({ name: '华信科技有限公司', type: 'enterprise', tier: 'VIP', phones: [{ number: '010-8888 0000' }] });
      const contactA = await create({ name: '华信 张经理', parentId: enterprise.id, phones: [{ number: '13944445555' }] });
      const contactB = await create({ name: '华信 李工', parentId: enterprise.id, tier: 'normal' });
      assert.deepEqual(contactA.parent, { id: enterprise.id, name: '华信科技有限公司' });
      assert.equal(contactA.tier, 'VIP', 'a contact takes its enterprise’s tier unless given one');
      assert.equal(contactB.tier, 'normal');

      const detail = await t.as('agent').get<Detail>(`${C}/${enterprise.id}`);
      assert.equal(detail.body.contactCount, 2);
      assert.deepEqual(detail.body.contacts.map((c) => c.name), ['华信 张经理', '华信 李工']);
      const contacts = await t.as('agent').get<Page>(`${C}/${enterprise.id}/contacts?limit=1`);
      assert.equal(contacts.body.items.length, 1);
      assert.ok(contacts.body.nextCursor);
      const byParent = await t.as('agent').get<Page>(`${C}?parent=${enterprise.id}`);
      assert.equal(byParent.body.items.length, 2);
      assertProblem(await t.as('agent').get(`${C}/no-such-customer/contacts`), 404, 'not_found');

      const ticket = await t.as('agent').post<{ customer: { id: string; parentId: string | null; tier: string | null } }>('/api/v1/tickets', {
        description: '专线中断',
        category: 'fault',
        serviceItem: 'mall_presales',
        priority: 'high',
        customer: { id: contactA.id },
      });
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
      assert.equal(ticket.body.customer?.id, contactA.id);
      assert.equal(ticket.body.customer?.parentId, enterprise.id);

      const individual = await create({ name: '个人客户' });
      for (const [body, field] of [
        [{ name: 'x', parentId: individual.id }, 'parentId'],
        [{ name: 'x', parentId: 'no-such-customer' }, 'parentId'],
        [{ name: 'x', parentId: enterprise.id, type: 'enterprise' }, 'type'],
      ] as const) {
        assertProblem(await t.as('agent').post(C, body), 422, 'invalid_customer', [field], JSON.stringify(body));
      }
      assertProblem(await t.as('agent').patch(`${C}/${enterprise.id}`, { type: 'individual' }), 409, 'customer_has_contacts');
      assertProblem(await t.as('admin').delete(`${C}/${enterprise.id}`), 409, 'customer_has_contacts');
      assertProblem(await t.as('agent').patch(`${C}/${contactA.id}`, { parentId: contactA.id }), 422, 'invalid_customer', ['parentId']);
      const detached = await t.as('agent').patch<Customer>(`${C}/${contactB.id}`, { parentId: null });
      assert.equal(detached.body.parent, null);
    });

    it('defines custom attributes and checks every customer write against them', async () => {
      const admin = t.as('admin');
      const industry = await admin.post<{ id: string; key: string }>(A, {
        key: 'industry',
        label: '行业',
        labelEn: 'Industry',
        type: 'select',
        options: ['telecom', 'retail', 'finance'],
        required: true,
        position: 1,
      });
      assert.equal(industry.status, 201, JSON.stringify(industry.body));
      for (const [key, type] of [['employees', 'number'], ['contract_until', 'date'], ['key_account', 'boolean'], ['remark', 'text']] as const) {
        assert.equal((await admin.post(A, { key, label: key, type })).status, 201);
      }
      const listed = await t.as('handler').get<{ items: Array<{ key: string }> }>(A);
      assert.deepEqual(listed.body.items.map((i) => i.key), ['contract_until', 'employees', 'key_account', 'remark', 'industry']);

      const missing = await t.as('agent').post(C, { name: '新客户' });
      assertProblem(missing, 422, 'invalid_customer', ['attributes.industry']);
      const wrong = await t.as('agent').post(C, {
        name: '新客户',
        attributes: { industry: 'mining', employees: 'many', contract_until: '2027-13-01', key_account: 'yes', nonsense: 1 },
      });
      assertProblem(wrong, 422, 'invalid_customer', [
        'attributes.industry',
        'attributes.employees',
        'attributes.contract_until',
        'attributes.key_account',
        'attributes.nonsense',
      ]);
      const good = await create({ name: '有属性的客户', attributes: { industry: 'telecom', employees: 320, contract_until: '2027-06-30', key_account: true, remark: ' 重点 ' } });
      assert.deepEqual(good.attributes, { industry: 'telecom', employees: 320, contract_until: '2027-06-30', key_account: true, remark: '重点' });
      const patched = await t.as('agent').patch<Customer>(`${C}/${good.id}`, { attributes: { employees: null, industry: 'retail' } });
      assert.deepEqual(patched.body.attributes, { industry: 'retail', contract_until: '2027-06-30', key_account: true, remark: '重点' });
      assertProblem(await t.as('agent').patch(`${C}/${good.id}`, { attributes: { industry: null } }), 422, 'invalid_customer', ['attributes.industry']);
      const renamed = await t.as('agent').patch<Customer>(`${C}/${good.id}`, { name: '改名不查属性' });
      assert.equal(renamed.status, 200, 'edits that leave attributes alone do not re-check them');

      assertProblem(await t.as('supervisor').post(A, { key: 'x', label: 'x', type: 'text' }), 403, 'admin_only');
      assertProblem(await admin.post(A, { key: 'industry', label: '重复', type: 'text' }), 409, 'attribute_key_taken', ['key']);
      assertProblem(await admin.post(A, { key: 'level', label: '等级', type: 'select' }), 422, 'invalid_attribute', ['options']);
      assertProblem(await admin.post(A, { key: 'level', label: '等级', type: 'text', options: ['a'] }), 422, 'invalid_attribute', ['options']);
      assertInvalidField(await admin.post(A, { key: 'Bad Key', label: 'x', type: 'text' }), 'key');
      assertInvalidField(await admin.patch(`${A}/industry`, { type: 'text' }), 'type');

      const optional = await admin.patch<{ required: boolean; options: string[] }>(`${A}/industry`, { required: false, options: ['telecom', 'retail', 'finance', 'energy'] });
      assert.equal(optional.status, 200, JSON.stringify(optional.body));
      assert.equal(optional.body.required, false);
      assert.equal((await t.as('agent').post(C, { name: '不需要行业' })).status, 201);
      assert.equal((await admin.delete(`${A}/remark`)).status, 204);
      assertProblem(await t.as('agent').post(C, { name: 'x', attributes: { remark: 'x' } }), 422, 'invalid_customer', ['attributes.remark']);
      const all = await admin.get<{ items: Array<{ key: string; active: boolean }> }>(`${A}?includeInactive=true`);
      assert.equal(all.body.items.find((i) => i.key === 'remark')?.active, false);
      assert.equal((await admin.get(`${A}/remark`)).status, 200);
      assertProblem(await admin.get(`${A}/nothing`), 404, 'not_found');
    });

    it('lets the call centre edit customers, supervisors merge, and nobody else change them', async () => {
      const c = await create({ name: '权限测试' });
      for (const role of ['handler', 'auditor'] as const) {
        assertProblem(await t.as(role).post(C, { name: 'x' }), 403, 'action_forbidden', [], role);
        assertProblem(await t.as(role).patch(`${C}/${c.id}`, { name: 'x' }), 403, 'action_forbidden', [], role);
        assertProblem(await t.as(role).post(`${C}/${c.id}/phones`, { number: '13900000000' }), 403, 'action_forbidden', [], role);
        assert.equal((await t.as(role).get(`${C}/${c.id}`)).status, 200, `${role} reads customers`);
      }
      assertProblem(await t.as('agent').post(`${C}/${c.id}/merge`, { into: c.id }), 403, 'action_forbidden');
      assert.equal((await t.anonymous.get(C)).status, 401);
    });

    it('refuses bad input with a 4xx naming the field, never a 5xx', async () => {
      const c = await create({ name: '坏输入' });
      const agent = t.as('agent');
      for (const [field, body] of [
        ['name', {}],
        ['name', { name: '' }],
        ['name', { name: 'x'.repeat(101) }],
        ['type', { name: 'x', type: 'company' }],
        ['phones.0.number', { name: 'x', phones: [{ number: '1' }] }],
        ['phones.0.colour', { name: 'x', phones: [{ number: '13900000000', colour: 'red' }] }],
        ['phones', { name: 'x', phones: Array.from({ length: 11 }, (_, i) => ({ number: `1390000000${i}` })) }],
        ['emails.0.address', { name: 'x', emails: [{ address: 42 }] }],
        ['externalIds.0.kind', { name: 'x', externalIds: [{ kind: 'WeChat ID', value: 'x' }] }],
        ['tags.0', { name: 'x', tags: [''] }],
        ['attributes.a', { name: 'x', attributes: { a: { nested: true } } }],
        ['nickname', { name: 'x', nickname: 'y' }],
      ] as const) {
        assertInvalidField(await agent.post(C, body), field, JSON.stringify(body));
      }
      for (const [field, body] of [
        ['phones.0.number', { name: 'x', phones: [{ number: '138-CALL-ME' }] }],
        ['phones.1.number', { name: 'x', phones: [{ number: '13900000001' }, { number: '+86 139 0000 0001' }] }],
        ['phones.1.number', { name: 'x', phones: [{ number: '13900000001', primary: true }, { number: '13900000002', primary: true }] }],
        ['emails.0.address', { name: 'x', emails: [{ address: 'not-an-email' }] }],
        ['idNumber', { name: 'x', idNumber: '110101199003078516' }],
      ] as const) {
        assertProblem(await agent.post(C, body), 422, 'invalid_customer', [field], JSON.stringify(body));
      }
      assertInvalidField(await agent.patch(`${C}/${c.id}`, { phones: [] }), 'phones');
      assertInvalidField(await agent.patch(`${C}/${c.id}/identities/x`, { primary: false }), 'primary');
      assertInvalidField(await agent.get(`${C}?limit=0`), 'limit');
      assertInvalidField(await agent.get(`${C}?match=fuzzy&q=a`), 'match');
      assertInvalidField(await agent.get(`${C}?type=company`), 'type.0');
      assertInvalidField(await agent.get(`${C}?color=red`), 'color');
      assertProblem(await agent.get(`${C}?cursor=nonsense`), 400, 'invalid_cursor', ['cursor']);
      assertProblem(await agent.get(`${C}?cursor=${Buffer.from('[1,2,3]').toString('base64url')}`), 400, 'invalid_cursor', ['cursor']);
      assertProblem(await agent.get(`${C}/does-not-exist`), 404, 'not_found');
      assertInvalidField(await agent.get(`${C}/${c.id}?expand=all`), 'expand');
      assertProblem(await agent.raw('POST', C, 'name=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
      assertProblem(await agent.raw('POST', C, '{"name":', 'application/json'), 400, 'invalid_json');
    });
  });
}
