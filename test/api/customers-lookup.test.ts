import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertInvalidField, assertProblem } from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Customer {
  id: string;
  name: string;
  tier: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  mergedIntoId: string | null;
  parent: { id: string } | null;
  phones: Array<{ id: string; number: string; primary: boolean }>;
  emails: Array<{ id: string; address: string; primary: boolean }>;
}
interface TicketSummary {
  id: string;
  number: string;
  status: string;
  category: { code: string };
  department: { code: string } | null;
}
interface Lookup {
  customer: Customer;
  matchedIdentityId: string;
  openTickets: TicketSummary[];
  recentTickets: TicketSummary[];
}
interface Ticket {
  id: string;
  number: string;
  status: string;
  customer: { id: string; name: string; phone: string | null; tier: string | null } | null;
}
interface AuditPage {
  items: Array<{ action: string; subject: { type: string; id: string }; data: Record<string, unknown>; actor: { username: string } | null }>;
  nextCursor: string | null;
}

const C = '/api/v1/customers';
const T = '/api/v1/tickets';
const lookupUrl = (phone: string) => `${C}/lookup?phone=${encodeURIComponent(phone)}`;
const refund = { category: 'refund', serviceItem: 'mall_aftersales', priority: 'high', fields: { orderNumber: 'JD-2026-1' } };
const inquiry = { category: 'inquiry', serviceItem: 'mall_presales', priority: 'low' };

for (const dialect of dialects()) {
  describe(`customer lookup, ticket intake and merging (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_DEFAULT_AREA_CODE: '010' });
    });
    after(async () => t?.close());

    async function ticket(phone: string | undefined, extra: Record<string, unknown> = {}, name?: string): Promise<Ticket> {
      const created = await t.as('agent').post<Ticket>(T, {
        description: '客户来电咨询',
        ...inquiry,
        ...(phone !== undefined && { customer: { phone, ...(name && { name }) } }),
        ...extra,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body;
    }

    it('creates the customer when a ticket comes from an unknown number, and finds them by it afterwards', async () => {
      const first = await ticket('+86 138 0013 8000', {}, '陈女士');
      assert.equal(first.customer?.name, '陈女士');
      assert.equal(first.customer?.phone, '13800138000');
      for (const written of ['13800138000', '138-0013-8000', '8613800138000', '0086 138 0013 8000', '013800138000']) {
        const again = await ticket(written);
        assert.equal(again.customer?.id, first.customer?.id, written);
        assert.equal(again.customer?.name, '陈女士', `${written}: the existing customer is kept as recorded`);
      }
      const nameless = await ticket('13800990099');
      assert.equal(nameless.customer?.name, '138****0099', 'without a name, the masked number names the customer (names are not encrypted)');
      const byName = await t.as('agent').post<Ticket>(T, { description: '无号码', ...inquiry, customer: { name: '只有名字' } });
      assert.equal(byName.status, 201);
      assert.equal(byName.body.customer?.phone, null);
      const audit = await t.as('admin').get<AuditPage>(`/api/v1/audit-log?subject=customer:${first.customer!.id}`);
      assert.deepEqual(audit.body.items.map((i) => [i.action, i.data.via, i.actor?.username]), [['customer.created', 'ticket', 'agent']]);
    });

    it('finds the caller by any common way of writing the number, with open and recent tickets in one call', async () => {
      const created = await t.as('agent').post<Customer>(C, {
        name: '刘先生',
        tier: 'VIP',
        phones: [{ number: '13912345678' }, { number: '010-12345678', label: '办公' }, { number: '021-61234567' }],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const customer = created.body;
      const office = customer.phones.find((p) => p.number === '01012345678')!;
      const mobile = customer.phones.find((p) => p.number === '13912345678')!;

      for (const [written, identity] of [
        ['13912345678', mobile],
        ['+86 139 1234 5678', mobile],
        ['+8613912345678', mobile],
        ['8613912345678', mobile],
        ['139-1234-5678', mobile],
        ['(139) 1234 5678', mobile],
        ['010-12345678', office],
        ['(010) 1234 5678', office],
        ['01012345678', office],
        ['12345678', office],
        ['1234-5678', office],
        ['+86 10 1234 5678', office],
      ] as const) {
        const found = await t.as('agent').get<Lookup>(lookupUrl(written));
        assert.equal(found.status, 200, `${written}: ${JSON.stringify(found.body)}`);
        assert.equal(found.body.customer.id, customer.id, written);
        assert.equal(found.body.matchedIdentityId, identity.id, written);
      }
      const shanghai = await t.as('agent').get<Lookup>(lookupUrl('021 6123 4567'));
      assert.equal(shanghai.body.customer.id, customer.id);
      assertProblem(await t.as('agent').get(lookupUrl('61234567')), 404, 'not_found', [], 'a Shanghai number without its area code is a Beijing number here');

      // Twelve tickets: ten inquiries closed on the spot, then two refunds still open.
      for (let i = 0; i < 10; i++) {
        t.clock.advance(60_000);
        await ticket('13912345678', { answeredOnSpot: true, result: `已解答 ${i}` });
      }
      const open: Ticket[] = [];
      for (let i = 0; i < 2; i++) {
        t.clock.advance(60_000);
        const created = await t.as('agent').post<Ticket>(T, { description: `退款未到账 ${i}`, ...refund, customer: { phone: '010 1234 5678' } });
        open.push(created.body);
      }
      const found = await t.as('agent').get<Lookup>(lookupUrl('13912345678'));
      assert.deepEqual(found.body.openTickets.map((x) => x.number), open.map((x) => x.number).reverse(), 'open tickets, newest first');
      assert.equal(found.body.recentTickets.length, 10, 'the last ten tickets');
      assert.deepEqual(found.body.recentTickets.slice(0, 2).map((x) => x.number), open.map((x) => x.number).reverse());
      assert.equal(found.body.recentTickets[2]!.status, 'closed');
      assert.equal(found.body.openTickets[0]!.department?.code, 'refunds');
      assert.equal(found.body.customer.tier, 'VIP');

      const detail = await t.as('agent').get<{ openTickets: TicketSummary[]; recentTickets: TicketSummary[] }>(`${C}/${customer.id}`);
      assert.equal(detail.body.openTickets.length, 2);
      assert.equal(detail.body.recentTickets.length, 10);
      const filtered = await t.as('agent').get<{ items: Ticket[] }>(`${T}?customer=${customer.id}&limit=200`);
      assert.equal(filtered.body.items.length, 12, 'the ticket list filters by customer too');
    });

    it('shows on a customer only the tickets the reader may see; roles that see numbers masked may not look one up', async () => {
      const customerId = (await t.as('agent').get<Lookup>(lookupUrl('13912345678'))).body.customer.id;
      for (const role of ['handler', 'auditor'] as const) {
        // A match would confirm the number its mask hides (138****5678 is 10,000 tries away).
        assertProblem(await t.as(role).get(lookupUrl('13912345678')), 403, 'action_forbidden', [], role);
        assertProblem(await t.as(role).get(lookupUrl('13700000000')), 403, 'action_forbidden', [], `${role}: unknown numbers alike`);
      }
      const handlerView = await t.as('handler').get<Lookup>(`${C}/${customerId}`);
      assert.equal(handlerView.status, 200);
      assert.deepEqual(
        handlerView.body.recentTickets.map((x) => x.department?.code),
        ['refunds', 'refunds'],
        'a refunds handler sees the refund tickets, not the call centre’s closed inquiries',
      );
      const auditorView = await t.as('auditor').get<Lookup>(`${C}/${customerId}`);
      assert.equal(auditorView.body.recentTickets.length, 10);
    });

    it('finds open tickets and visible ones beyond the latest page of a long history', async () => {
      const oldOpen = await t.as('agent').post<Ticket>(T, { description: '很久以前的退款', ...refund, customer: { phone: '13977778888', name: '老来电' } });
      assert.equal(oldOpen.status, 201);
      for (let i = 0; i < 55; i++) {
        t.clock.advance(1000);
        await ticket('13977778888', { answeredOnSpot: true, result: `已解答 ${i}` });
      }
      const agentView = await t.as('agent').get<Lookup>(lookupUrl('13977778888'));
      assert.deepEqual(agentView.body.openTickets.map((x) => x.id), [oldOpen.body.id], 'an open ticket older than the last fifty');
      assert.equal(agentView.body.recentTickets.length, 10);
      assert.ok(!agentView.body.recentTickets.some((x) => x.id === oldOpen.body.id));
      const handlerView = await t.as('handler').get<Lookup>(`${C}/${agentView.body.customer.id}`);
      assert.deepEqual(handlerView.body.recentTickets.map((x) => x.id), [oldOpen.body.id], 'the handler’s one visible ticket, found on the second page');
      assert.deepEqual(handlerView.body.openTickets.map((x) => x.id), [oldOpen.body.id]);
    });

    it('answers 404 for an unknown number and refuses what is not a number', async () => {
      const unknown = assertProblem(await t.as('agent').get(lookupUrl('13700000000')), 404, 'not_found');
      assert.match(unknown.detail, /137\*\*\*\*0000/, 'the answer masks the number');
      assert.doesNotMatch(unknown.detail, /13700000000/);
      assertInvalidField(await t.as('agent').get(`${C}/lookup`), 'phone');
      assertInvalidField(await t.as('agent').get(lookupUrl('1')), 'phone');
      assertInvalidField(await t.as('agent').get(lookupUrl('1'.repeat(41))), 'phone');
      assertInvalidField(await t.as('agent').get(`${lookupUrl('13912345678')}&extra=1`), 'extra');
      assertProblem(await t.as('agent').get(lookupUrl('abc-def')), 422, 'invalid_field', ['phone']);
      assertProblem(await t.as('agent').get(lookupUrl('1'.repeat(25))), 422, 'invalid_field', ['phone']);
      assert.equal((await t.anonymous.get(lookupUrl('13912345678'))).status, 401);
    });

    it('keeps ticket intake errors as they were: a bad number or an unknown customer id', async () => {
      const badPhone = await t.as('agent').post(T, { description: 'x', ...inquiry, customer: { phone: '(+) -' } });
      assertProblem(badPhone, 422, 'invalid_field', ['customer.phone']);
      const unknownId = await t.as('agent').post(T, { description: 'x', ...inquiry, customer: { id: 'no-such-customer' } });
      assertProblem(unknownId, 422, 'invalid_reference', ['customer.id']);
      const nothing = await t.as('agent').post(T, { description: 'x', ...inquiry, customer: { tier: 'VIP' } });
      assertProblem(nothing, 422, 'invalid_customer', ['customer']);
    });

    it('merges a duplicate: identities, tickets, contacts and tags move; its numbers find the survivor', async () => {
      const admin = t.as('admin');
      const enterpriseA = (await admin.post<Customer>(C, { name: '星河集团（旧档）', type: 'enterprise', tags: ['政企', '旧'], phones: [{ number: '010-6000 1111' }], emails: [{ address: 'old@xinghe.cn' }] })).body;
      const enterpriseB = (await admin.post<Customer>(C, { name: '星河集团', type: 'enterprise', tier: 'VIP', tags: ['政企'], phones: [{ number: '010-6000 2222' }] })).body;
      const contact = (await admin.post<Customer>(C, { name: '星河 王总', parentId: enterpriseA.id })).body;
      await admin.post(`/api/v1/customer-attributes`, { key: 'region', label: '区域', type: 'text' });
      await admin.patch(`${C}/${enterpriseA.id}`, { attributes: { region: '华北' } });
      const oldTickets = [await ticket('60001111'), await ticket('010 6000 1111')];
      assert.ok(oldTickets.every((x) => x.customer?.id === enterpriseA.id));

      const merged = await t.as('supervisor').post<{ customer: Customer; moved: Record<string, number> }>(`${C}/${enterpriseA.id}/merge`, { into: enterpriseB.id });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.deepEqual(merged.body.moved, { tickets: 2, identities: 2, contacts: 1 });
      const survivor = merged.body.customer;
      assert.equal(survivor.id, enterpriseB.id);
      assert.equal(survivor.name, '星河集团', 'the survivor keeps its own name');
      assert.deepEqual([...survivor.tags].sort(), ['政企', '旧'].sort());
      assert.deepEqual(survivor.attributes, { region: '华北' }, 'the duplicate fills the survivor’s gaps');
      assert.deepEqual(survivor.phones.map((p) => [p.number, p.primary]), [['01060001111', false], ['01060002222', true]], 'oldest first; the survivor keeps its primary');
      assert.deepEqual(survivor.emails.map((e) => [e.address, e.primary]), [['old@xinghe.cn', true]]);

      const found = await t.as('agent').get<Lookup>(lookupUrl('010-6000 1111'));
      assert.equal(found.body.customer.id, enterpriseB.id, 'the merged customer’s number finds the survivor');
      assert.deepEqual(found.body.recentTickets.map((x) => x.id).sort(), oldTickets.map((x) => x.id).sort());
      for (const old of oldTickets) {
        const read = await t.as('agent').get<Ticket>(`${T}/${old.id}`);
        assert.equal(read.body.customer?.id, enterpriseB.id);
      }
      const movedContact = await t.as('agent').get<Customer>(`${C}/${contact.id}`);
      assert.equal(movedContact.body.parent?.id, enterpriseB.id);

      const gone = await t.as('agent').get<Customer & { contacts: unknown[] }>(`${C}/${enterpriseA.id}`);
      assert.equal(gone.status, 200);
      assert.equal(gone.body.mergedIntoId, enterpriseB.id);
      assert.deepEqual(gone.body.phones, []);
      assertProblem(await t.as('agent').patch(`${C}/${enterpriseA.id}`, { name: 'x' }), 409, 'customer_merged');
      const list = await t.as('agent').get<{ items: Array<{ id: string }> }>(`${C}?q=${encodeURIComponent('星河')}&type=enterprise`);
      assert.deepEqual(list.body.items.map((i) => i.id), [enterpriseB.id], 'lists leave merged customers out');
      const byOldId = await t.as('agent').post<Ticket>(T, { description: 'x', ...inquiry, customer: { id: enterpriseA.id } });
      assert.equal(byOldId.body.customer?.id, enterpriseB.id, 'a ticket naming the merged customer goes to the survivor');

      const audit = await admin.get<AuditPage>(`/api/v1/audit-log?subject=customer:${enterpriseA.id}&action=customer.merged`);
      assert.deepEqual(audit.body.items.map((i) => [i.action, i.data.into, i.actor?.username]), [['customer.merged', enterpriseB.id, 'supervisor']]);
      const received = await admin.get<AuditPage>(`/api/v1/audit-log?subject=customer:${enterpriseB.id}&action=customer.merge_received`);
      assert.equal(received.body.items[0]?.data.from, enterpriseA.id);
      const ticketAudit = await admin.get<AuditPage>(`/api/v1/audit-log?subject=ticket:${oldTickets[0]!.id}`);
      assert.deepEqual(ticketAudit.body.items.map((i) => [i.action, i.data.from, i.data.to]), [['ticket.customer_changed', enterpriseA.id, enterpriseB.id]]);
      const events = await admin.get<{ items: Array<{ type: string }> }>(`${T}/${oldTickets[0]!.id}/events`);
      assert.deepEqual(events.body.items.map((e) => e.type), ['ticket.created'], 'the timeline is not rewritten');
    });

    it('merges two customers into each other at once: one merge happens, the other is refused, nothing is half-moved', async () => {
      const admin = t.as('admin');
      for (let round = 0; round < 3; round++) {
        const a = (await admin.post<Customer>(C, { name: `甲${round}`, phones: [{ number: `1390000${round}001` }] })).body;
        const b = (await admin.post<Customer>(C, { name: `乙${round}`, phones: [{ number: `1390000${round}002` }] })).body;
        const answers = await Promise.all([
          t.as('supervisor').post(`${C}/${a.id}/merge`, { into: b.id }),
          admin.post(`${C}/${b.id}/merge`, { into: a.id }),
        ]);
        assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409], `round ${round}: ${JSON.stringify(answers.map((r) => r.body))}`);
        assert.equal(answers.find((r) => r.status === 409)!.body.code, 'customer_merged');
        const survivor = answers.find((r) => r.status === 200)!.body as { customer: Customer };
        assert.deepEqual(survivor.customer.phones.map((p) => p.number).sort(), [`1390000${round}001`, `1390000${round}002`], 'the survivor holds both numbers');
      }
    });

    it('refuses merges that make no sense', async () => {
      const admin = t.as('admin');
      const make = async (body: Record<string, unknown>) => (await admin.post<Customer>(C, body)).body;
      const a = await make({ name: '合并甲', idNumber: '11010519491231002X' });
      const b = await make({ name: '合并乙', idNumber: '110101199003078515' });
      const enterprise = await make({ name: '合并企业', type: 'enterprise' });
      const member = await make({ name: '合并联系人', parentId: enterprise.id });
      assertProblem(await admin.post(`${C}/${a.id}/merge`, { into: a.id }), 422, 'invalid_merge', ['into']);
      assertProblem(await admin.post(`${C}/${a.id}/merge`, { into: 'nobody' }), 422, 'invalid_reference', ['into']);
      assertProblem(await admin.post(`${C}/nobody/merge`, { into: a.id }), 404, 'not_found');
      assertProblem(await admin.post(`${C}/${a.id}/merge`, { into: b.id }), 409, 'conflicting_id_numbers');
      assertProblem(await admin.post(`${C}/${enterprise.id}/merge`, { into: a.id }), 409, 'merge_type_conflict');
      assertProblem(await admin.post(`${C}/${enterprise.id}/merge`, { into: member.id }), 422, 'invalid_merge', ['into']);
      assertInvalidField(await admin.post(`${C}/${a.id}/merge`, {}), 'into');
      assertInvalidField(await admin.post(`${C}/${a.id}/merge`, { into: b.id, keep: 'both' }), 'keep');
      const c = await make({ name: '合并丙' });
      assert.equal((await admin.post(`${C}/${c.id}/merge`, { into: a.id })).status, 200);
      assertProblem(await admin.post(`${C}/${c.id}/merge`, { into: a.id }), 409, 'customer_merged');
      assertProblem(await admin.post(`${C}/${b.id}/merge`, { into: c.id }), 409, 'customer_merged');
    });
  });
}
