import assert from 'node:assert/strict';
import { existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startApp } from '../../src/app/server.js';
import { ConfigError } from '../../src/platform/config.js';
import { newId } from '../../src/platform/ids.js';
import { assertInvalidField, assertProblem } from '../support/bad-input.js';
import { DEMO_USERS, dialects, startTestApp, type DemoUser, type TestApp } from '../support/test-app.js';

interface Customer {
  id: string;
  phones: Array<{ id: string; number: string; primary: boolean; masked: boolean }>;
  emails: Array<{ id: string; address: string; masked: boolean }>;
  externalIds: Array<{ id: string; kind: string; value: string; masked: boolean }>;
  idNumber: { id: string; value: string; masked: boolean } | null;
}
interface Ticket {
  id: string;
  number: string;
  customer: { id: string; phone: string | null } | null;
}
interface AuditEntry {
  id: string;
  action: string;
  actor: { username: string } | null;
  subject: { type: string; id: string; deleted: boolean };
  data: Record<string, unknown>;
  at: string;
}
interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

const C = '/api/v1/customers';
const T = '/api/v1/tickets';
const PHONE = '13855556666';
const LANDLINE = '01088886666';
const EMAIL = 'li.lei@example.org';
const ID_NUMBER = '11010519491231002X';
const OPENID = 'oPrivacyTest0001OpenId';
const FULL_ROLES: readonly DemoUser[] = ['admin', 'supervisor', 'agent'];
const MASKED_ROLES: readonly DemoUser[] = ['handler', 'auditor'];

for (const dialect of dialects()) {
  describe(`customer privacy: encryption at rest, masking, unmasking and the audit trail (${dialect})`, () => {
    let t: TestApp;
    let customer: Customer;
    let ticket: Ticket;

    before(async () => {
      t = await startTestApp(dialect);
      const created = await t.as('agent').post<Customer>(C, {
        name: '李雷',
        phones: [{ number: `+86 ${PHONE}` }, { number: '010-8888 6666', label: '办公' }],
        emails: [{ address: EMAIL }],
        externalIds: [{ kind: 'wechat_openid', value: OPENID }],
        idNumber: ID_NUMBER,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      customer = created.body;
      const opened = await t.as('agent').post<Ticket>(T, {
        description: '退款一直没有到账',
        category: 'refund',
        serviceItem: 'mall_aftersales',
        priority: 'high',
        fields: { orderNumber: 'JD-778899' },
        customer: { phone: PHONE },
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      ticket = opened.body;
    });
    after(async () => t?.close());

    /** Every row of every table of the database, as text. */
    async function everythingStored(): Promise<string> {
      const db = t.running.database.db;
      const tables =
        dialect === 'sqlite'
          ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map((r) => r.name);
      assert.ok(tables.includes('customer_identities'));
      const dumps: string[] = [];
      for (const table of tables) {
        const rows = (await sql`select * from ${sql.table(table)}`.execute(db)).rows;
        dumps.push(`${table}: ${JSON.stringify(rows)}`);
      }
      return dumps.join('\n');
    }

    it('stores no phone number, email, ID number or external id in plain text anywhere in the database', async () => {
      const stored = await everythingStored();
      for (const secret of [PHONE, LANDLINE, '88886666', EMAIL, 'li.lei', ID_NUMBER, OPENID]) {
        assert.ok(!stored.includes(secret), `${secret} is stored in plain text`);
      }
      const identities = await t.running.database.db.selectFrom('customer_identities').selectAll().where('customer_id', '=', customer.id).execute();
      assert.equal(identities.length, 5);
      for (const row of identities) {
        assert.match(row.value_sealed, /^v1:[A-Za-z0-9+/]+=*$/);
        assert.match(row.value_hash, /^[A-Za-z0-9_-]{43}$/);
        assert.ok(row.hint.includes('*'), `the hint ${row.hint} is masked`);
      }
      const row = await t.running.database.db.selectFrom('customers').selectAll().where('id', '=', customer.id).executeTakeFirstOrThrow();
      assert.equal(row.phone, null, 'the old plain column is unused');
      assert.equal(row.phone_hint, '138****6666');
      assert.match(row.phone_sealed!, /^v1:/);
    });

    it('shows phone numbers, emails and external ids in full to admin, supervisor and agent, masked to handler and auditor', async () => {
      for (const role of DEMO_USERS) {
        const read = await t.as(role).get<Customer>(`${C}/${customer.id}`);
        assert.equal(read.status, 200, role);
        const full = FULL_ROLES.includes(role);
        assert.deepEqual(
          read.body.phones.map((p) => [p.number, p.masked]),
          full ? [[PHONE, false], [LANDLINE, false]] : [['138****6666', true], ['010****6666', true]],
          role,
        );
        assert.deepEqual(read.body.emails.map((e) => [e.address, e.masked]), [full ? [EMAIL, false] : ['l***@example.org', true]], role);
        assert.deepEqual(read.body.externalIds.map((x) => [x.value, x.masked]), [full ? [OPENID, false] : ['oP****Id', true]], role);
        assert.deepEqual(read.body.idNumber && [read.body.idNumber.value, read.body.idNumber.masked], ['110***********002X', true], `${role}: ID numbers masked for all`);

        const found = await t.as(role).get<{ customer: Customer }>(`${C}/lookup?phone=${PHONE}`);
        assert.equal(found.status, full ? 200 : 403, role);
        if (full) assert.equal(found.body.customer.phones[0]!.number, PHONE, `${role} lookup`);
      }
    });

    it('refuses a handler a new ticket naming its customer by phone (the answer would name the holder); by id or name it is taken', async () => {
      const body = { description: '客户来电催办退款', category: 'refund', serviceItem: 'mall_aftersales', priority: 'high', fields: { orderNumber: 'JD-2026-9' } };
      const byPhone = await t.as('handler').post(T, { ...body, customer: { phone: PHONE } });
      assertProblem(byPhone, 403, 'action_forbidden', ['customer.phone']);
      assertProblem(await t.as('handler').post(T, { ...body, customer: { phone: '13800006666', name: '新客户' } }), 403, 'action_forbidden', ['customer.phone']);
      const byId = await t.as('handler').post<Ticket>(T, { ...body, customer: { id: customer.id } });
      assert.equal(byId.status, 201, JSON.stringify(byId.body));
      assert.equal(byId.body.customer?.phone, '138****6666');
      const byName = await t.as('handler').post<Ticket & { customer: { name: string } }>(T, { ...body, customer: { name: '新来电的客户' } });
      assert.equal(byName.status, 201, JSON.stringify(byName.body));
      assert.equal(byName.body.customer.name, '新来电的客户');
      assert.equal((await t.as('agent').post(T, { ...body, customer: { phone: PHONE } })).status, 201, 'the call centre names callers by number');
    });

    it('does not let a role that sees numbers masked learn one by trying numbers: no lookup, and a typed number finds no customer or ticket by its holder', async () => {
      // The four hidden digits of 138****6666 are 10,000 tries; each try must tell nothing.
      for (const role of DEMO_USERS) {
        const full = FULL_ROLES.includes(role);
        for (const tried of [PHONE, '13800006666']) {
          assert.equal((await t.as(role).get(`${C}/lookup?phone=${tried}`)).status, full ? (tried === PHONE ? 200 : 404) : 403, `${role} ${tried}`);
          const listed = await t.as(role).get<{ items: Array<{ id: string }> }>(`${C}?q=${tried}`);
          assert.equal(listed.status, 200, role);
          assert.equal(listed.body.items.some((c) => c.id === customer.id), full && tried === PHONE, `${role} customers?q=${tried}`);
          const searched = await t.as(role).get<{ items: Array<{ id: string }> }>(`${T}?q=${tried}`);
          assert.equal(searched.body.items.some((x) => x.id === ticket.id), full && tried === PHONE, `${role} tickets?q=${tried}`);
        }
      }
    });

    it('masks the customer’s phone number in ticket reads for the same roles: detail, lists and action answers', async () => {
      for (const role of DEMO_USERS) {
        const expected = FULL_ROLES.includes(role) ? PHONE : '138****6666';
        const detail = await t.as(role).get<Ticket>(`${T}/${ticket.id}`);
        assert.equal(detail.status, 200, role);
        assert.equal(detail.body.customer?.phone, expected, `${role} detail`);
        const list = await t.as(role).get<{ items: Ticket[] }>(`${T}?customer=${customer.id}`);
        assert.equal(list.body.items.find((x) => x.id === ticket.id)?.customer?.phone, expected, `${role} list`);
        assert.ok(!JSON.stringify(detail.body).includes('v1:'), `${role}: no ciphertext in the answer`);
      }
      const noted = await t.as('handler').post<Ticket>(`${T}/${ticket.id}/note`, { content: '已联系财务', internal: true });
      assert.equal(noted.status, 200, JSON.stringify(noted.body));
      assert.equal(noted.body.customer?.phone, '138****6666', 'an action’s answer to a handler is masked too');
      const edited = await t.as('agent').patch<Ticket>(`${T}/${ticket.id}`, { title: '退款未到账（催办）' });
      assert.equal(edited.body.customer?.phone, PHONE);
    });

    it('unmasks one value on request for the roles allowed to, and records every unmasking', async () => {
      const phone = customer.phones[0]!;
      const revealed = await t.as('handler').post<{ value: string; kind: string }>(`${C}/${customer.id}/reveal`, { identityId: phone.id });
      assert.equal(revealed.status, 200, JSON.stringify(revealed.body));
      assert.deepEqual(revealed.body, { identityId: phone.id, kind: 'phone', scheme: null, value: PHONE });
      const email = customer.emails[0]!;
      assert.equal((await t.as('handler').post<{ value: string }>(`${C}/${customer.id}/reveal`, { identityId: email.id })).body.value, EMAIL);

      const idCard = customer.idNumber!;
      assertProblem(await t.as('handler').post(`${C}/${customer.id}/reveal`, { identityId: idCard.id }), 403, 'reveal_forbidden');
      assertProblem(await t.as('handler').post(`${C}/${customer.id}/reveal`, { identityId: customer.externalIds[0]!.id }), 403, 'reveal_forbidden');
      assertProblem(await t.as('auditor').post(`${C}/${customer.id}/reveal`, { identityId: phone.id }), 403, 'reveal_forbidden');
      const agentId = await t.as('agent').post<{ value: string }>(`${C}/${customer.id}/reveal`, { identityId: idCard.id });
      assert.equal(agentId.body.value, ID_NUMBER, 'an agent may check the caller’s ID number');

      const other = (await t.as('agent').post<Customer>(C, { name: '别人' })).body;
      assertProblem(await t.as('agent').post(`${C}/${other.id}/reveal`, { identityId: phone.id }), 404, 'not_found', [], 'an identity of another customer');

      // A handler's reason to unmask is a ticket of theirs: not any customer of the organisation's.
      const stranger = (await t.as('agent').post<Customer>(C, { name: '王陌生', phones: [{ number: '13700001111' }] })).body;
      const strangerPhone = { identityId: stranger.phones[0]!.id };
      assertProblem(await t.as('handler').post(`${C}/${stranger.id}/reveal`, strangerPhone), 403, 'reveal_forbidden', [], 'no ticket of theirs');
      const inquiry = { description: '咨询', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', customer: { id: stranger.id } };
      assert.equal((await t.as('agent').post(T, { ...inquiry, answeredOnSpot: true, result: '已答复' })).status, 201);
      assertProblem(await t.as('handler').post(`${C}/${stranger.id}/reveal`, strangerPhone), 403, 'reveal_forbidden', [], 'a ticket the handler may not see');
      assert.equal((await t.as('agent').post(`${C}/${stranger.id}/reveal`, strangerPhone)).status, 200, 'the call centre may');
      const refund = { description: '退款', category: 'refund', serviceItem: 'mall_aftersales', priority: 'high', fields: { orderNumber: 'JD-1' }, customer: { id: stranger.id } };
      assert.equal((await t.as('agent').post(T, refund)).status, 201);
      const revealedNow = await t.as('handler').post<{ value: string }>(`${C}/${stranger.id}/reveal`, strangerPhone);
      assert.equal(revealedNow.body.value, '13700001111', 'with a refund ticket in the handler’s department');
      assertProblem(await t.as('agent').post(`${C}/${customer.id}/reveal`, { identityId: 'nope' }), 404, 'not_found');
      assertInvalidField(await t.as('agent').post(`${C}/${customer.id}/reveal`, {}), 'identityId');

      const trail = await t.as('auditor').get<AuditPage>(`/api/v1/audit-log?subject=customer:${customer.id}&action=customer.identity_revealed`);
      assert.equal(trail.status, 200, JSON.stringify(trail.body));
      assert.deepEqual(
        trail.body.items.map((e) => [e.actor?.username, e.data.kind, e.data.hint, e.data.identityId]),
        [
          ['agent', 'id_card', '110***********002X', idCard.id],
          ['handler', 'email', 'l***@example.org', email.id],
          ['handler', 'phone', '138****6666', phone.id],
        ],
        'newest first; refused attempts are not unmaskings',
      );
      assert.ok(!JSON.stringify(trail.body).includes(PHONE), 'the audit trail names values only by their mask');
      const stored = await everythingStored();
      assert.ok(!stored.includes(PHONE) && !stored.includes(ID_NUMBER), 'unmasking left nothing plain behind');
    });

    it('does not let handlers make their own reason to unmask: a ticket a handler opened is none, one the call centre opened is', async () => {
      // Any customer of the organisation: the list (masked) is open to handlers, and a new
      // ticket may name whichever they choose from it.
      const victim = (await t.as('agent').post<Customer>(C, { name: '赵无关', phones: [{ number: '13987654321' }], emails: [{ address: 'private@example.org' }] })).body;
      const phoneOf = { identityId: victim.phones[0]!.id };
      const emailOf = { identityId: victim.emails[0]!.id };
      const listed = await t.as('handler').get<{ items: Array<{ id: string }> }>(`${C}?q=${encodeURIComponent('赵无关')}`);
      assert.ok(listed.body.items.some((c) => c.id === victim.id));
      const refund = { description: '客户要求退款', category: 'refund', serviceItem: 'mall_aftersales', priority: 'low', fields: { orderNumber: 'JD-7001' }, customer: { id: victim.id } };

      const pretext = await t.as('handler').post<Ticket>(T, refund);
      assert.equal(pretext.status, 201, JSON.stringify(pretext.body));
      assert.equal((await t.as('handler').get(`${T}/${pretext.body.id}`)).status, 200, 'the handler sees the ticket they opened');
      assertProblem(await t.as('handler').post(`${C}/${victim.id}/reveal`, phoneOf), 403, 'reveal_forbidden', [], 'a ticket the handler opened themselves');
      assertProblem(await t.as('handler').post(`${C}/${victim.id}/reveal`, emailOf), 403, 'reveal_forbidden', [], 'nor for the email');

      // Nor one a colleague opened for them: two handlers are no more entitled than one.
      const colleague = await t.as('admin').post<{ id: string }>('/api/v1/users', {
        username: 'handler_reveal', displayName: '孙处理', password: 'password-123', role: 'handler', departments: ['refunds'],
      });
      assert.equal(colleague.status, 201, JSON.stringify(colleague.body));
      assert.equal((await t.as(await t.tokenFor(colleague.body.id)).post(T, refund)).status, 201);
      assertProblem(await t.as('handler').post(`${C}/${victim.id}/reveal`, phoneOf), 403, 'reveal_forbidden', [], 'a ticket a colleague opened');
      const mayReveal = async () => (await t.as('handler').get<{ mayReveal: boolean }>(`${C}/${victim.id}`)).body.mayReveal;
      assert.equal(await mayReveal(), false, 'the profile offers no 显示 the server would refuse');

      // The call centre's ticket in the handler's department is the reason.
      assert.equal((await t.as('agent').post(T, refund)).status, 201);
      assert.equal(await mayReveal(), true);
      assert.equal((await t.as('auditor').get<{ mayReveal: boolean }>(`${C}/${victim.id}`)).body.mayReveal, false, 'auditors unmask nothing');
      assert.equal((await t.as('agent').get<{ mayReveal: boolean }>(`${C}/${victim.id}`)).body.mayReveal, true);
      const phone = await t.as('handler').post<{ value: string }>(`${C}/${victim.id}/reveal`, phoneOf);
      assert.equal(phone.status, 200, JSON.stringify(phone.body));
      assert.equal(phone.body.value, '13987654321');
      assert.equal((await t.as('handler').post<{ value: string }>(`${C}/${victim.id}/reveal`, emailOf)).body.value, 'private@example.org');
      const trail = await t.as('auditor').get<AuditPage>(`/api/v1/audit-log?subject=customer:${victim.id}&action=customer.identity_revealed`);
      assert.deepEqual(trail.body.items.map((e) => [e.actor?.username, e.data.kind]), [['handler', 'email'], ['handler', 'phone']], 'refusals are not unmaskings');
    });

    it('shows the audit trail to admins and auditors only, filtered and paged', async () => {
      for (const role of ['supervisor', 'agent', 'handler'] as const) {
        assertProblem(await t.as(role).get('/api/v1/audit-log'), 403, 'action_forbidden', [], role);
      }
      const all = await t.as('admin').get<AuditPage>(`/api/v1/audit-log?subject=customer:${customer.id}`);
      assert.deepEqual(all.body.items.at(-1)?.action, 'customer.created');
      const seen: AuditEntry[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/audit-log?subject=customer:${customer.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await t.as('admin').get<AuditPage>(url);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen.map((e) => e.id), all.body.items.map((e) => e.id));
      const byHandler = await t.as('admin').get<AuditPage>('/api/v1/audit-log?actor=handler');
      assert.ok(byHandler.body.items.length >= 2);
      assert.ok(byHandler.body.items.every((e) => e.actor?.username === 'handler'));
      const customers = await t.as('admin').get<AuditPage>('/api/v1/audit-log?subject=customer');
      assert.ok(customers.body.items.every((e) => e.subject.type === 'customer'));
      assertInvalidField(await t.as('admin').get('/api/v1/audit-log?subject=invoice:1'), 'subject');
      assertInvalidField(await t.as('admin').get('/api/v1/audit-log?action=customer.looked_at'), 'action.0');
      assertProblem(await t.as('admin').get('/api/v1/audit-log?actor=nobody'), 422, 'invalid_reference', ['actor']);
      assertProblem(await t.as('admin').get('/api/v1/audit-log?cursor=abc'), 400, 'invalid_cursor', ['cursor']);
    });

    it('starts again with the same key, and refuses to start with another one or, on PostgreSQL, without one', async () => {
      if (dialect === 'sqlite') {
        const file = path.join(t.config.dataDir, 'data-key');
        assert.equal(t.running.generatedDataKeyFile, file, 'the first start generated the key');
        assert.equal(statSync(file).mode & 0o777, 0o600);
      } else {
        assert.equal(t.running.generatedDataKeyFile, null);
        await assert.rejects(
          () => startApp({ ...t.config, dataKey: undefined }, t.clock),
          (error: unknown) => error instanceof ConfigError && /GONGDAN_DATA_KEY is required with PostgreSQL/.test(error.message),
        );
      }
      const again = await startApp(t.config, t.clock);
      try {
        assert.equal(again.generatedDataKeyFile, null, 'the key is reused, not generated again');
        const read = await again.ctx.uow.read((repos) => repos.customers.findByPhone(PHONE));
        assert.equal(read?.id, customer.id);
      } finally {
        await again.close();
      }
      await assert.rejects(
        () => startApp({ ...t.config, dataKey: Buffer.alloc(32, 99) }, t.clock),
        (error: unknown) => error instanceof ConfigError && /GONGDAN_DATA_KEY is not the key this database was encrypted with/.test(error.message),
      );
      if (dialect === 'sqlite') {
        // A backup restored without its key file: the start says so, and leaves no new key behind to get in the way.
        const file = path.join(t.config.dataDir, 'data-key');
        renameSync(file, `${file}.saved`);
        try {
          await assert.rejects(
            () => startApp(t.config, t.clock),
            (error: unknown) => error instanceof ConfigError && /data key file .* was missing.*Restore the data-key file from your backup/.test(error.message),
          );
          assert.equal(existsSync(file), false, 'the key made by the failed start is removed again');
        } finally {
          renameSync(`${file}.saved`, file);
        }
      }
    });

    it('encrypts the plain phone numbers of an existing database at start-up, and keeps its tickets working', async () => {
      const db = t.running.database.db;
      const at = t.clock.now().toISOString();
      const legacy = [newId(), newId(), newId()];
      // As the table looked before encryption: the normalised number in plain text.
      await db
        .insertInto('customers')
        .values([
          { id: legacy[0]!, name: '老客户甲', phone: '13766667777', tier: 'VIP', type: 'individual', created_at: at, updated_at: at },
          { id: legacy[1]!, name: '老客户乙（同号）', phone: '13766667777', tier: null, type: 'individual', created_at: new Date(Date.parse(at) + 1000).toISOString(), updated_at: at },
          { id: legacy[2]!, name: '老客户丙', phone: '66667777', tier: null, type: 'individual', created_at: at, updated_at: at },
        ])
        .execute();
      const old = await t.as('agent').post<Ticket>(T, { description: '老客户来电', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low', customer: { id: legacy[1]! } });
      assert.equal(old.body.customer?.phone, null, 'not yet encrypted: the view has nothing to show');

      const again = await startApp({ ...t.config, defaultAreaCode: '010' }, t.clock);
      await again.close();

      const rows = await db.selectFrom('customers').select(['id', 'phone', 'phone_hint', 'name_key']).where('id', 'in', legacy).execute();
      assert.ok(rows.every((r) => r.phone === null), 'the plain column is cleared');
      assert.ok(rows.every((r) => r.name_key !== null));
      const found = await t.as('agent').get<{ customer: { id: string; tier: string | null } }>(`${C}/lookup?phone=${encodeURIComponent('+86 137 6666 7777')}`);
      assert.equal(found.body.customer.id, legacy[0], 'the oldest customer with the number is found by it');
      assert.equal(found.body.customer.tier, 'VIP');
      const landline = await t.as('agent').get<{ customer: { id: string } }>(`${C}/lookup?phone=010-66667777`);
      assert.equal(landline.body.customer.id, legacy[2], 'a local number took the default area code');
      const shared = await t.as('agent').get<Ticket>(`${T}/${old.body.id}`);
      assert.equal(shared.body.customer?.phone, '13766667777', 'the later customer with the same number keeps it on its tickets');
      assert.equal((await t.as('handler').get<Customer>(`${C}/${legacy[1]!}`)).body.phones.length, 0);
      const stored = await everythingStored();
      assert.ok(!stored.includes('13766667777') && !stored.includes('66667777'), 'no plain number remains');
    });
  });
}
