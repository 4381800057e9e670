import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertClientError,
  assertInvalidField,
  assertProblem,
  assertRefusesBrokenBodies,
  assertTicketUntouched,
  assertUnknownKeyRefused,
} from '../support/bad-input.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  status: string;
  version: number;
  customer: { id: string; name: string; phone: string | null } | null;
  fields: Record<string, unknown>;
}

/** The fifteen ticket actions, each a POST /api/v1/tickets/:id/<action>. */
const ACTIONS = ['dispatch', 'assign', 'claim', 'accept', 'note', 'transfer', 'return', 'wait', 'resume', 'resolve', 'reply', 'close', 'reopen', 'cancel', 'merge'];

/** Bad input to creating, editing, listing and reading tickets, plus the limits every request meets. */
for (const dialect of dialects()) {
  describe(`bad input to the ticket endpoints is refused cleanly (${dialect})`, () => {
    let t: TestApp;
    let open: Ticket;
    let closed: Ticket;
    const T = '/api/v1/tickets';
    const valid = { description: '客户咨询退货流程', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low' };

    before(async () => {
      // A small body limit so that oversized bodies are cheap to send; nothing else here comes near it.
      t = await startTestApp(dialect, { GONGDAN_BODY_LIMIT_BYTES: '4096' });
      open = (await t.as('agent').post<Ticket>(T, { ...valid, department: 'refunds' })).body;
      closed = (await t.as('agent').post<Ticket>(T, { ...valid, answeredOnSpot: true, result: '已当场解答' })).body;
      assert.equal(open.status, 'pending');
      assert.equal(closed.status, 'closed');
    });
    after(async () => t?.close());

    async function ticketNumbers(): Promise<string[]> {
      const list = await t.as('admin').get<{ items: Array<{ number: string }> }>(`${T}?limit=200`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return list.body.items.map((i) => i.number).sort();
    }

    /** Runs refused creates and proves that no ticket appeared. */
    async function refusedCreates(run: () => Promise<void>): Promise<void> {
      const before = await ticketNumbers();
      await run();
      assert.deepEqual(await ticketNumbers(), before, 'a refused create must not leave a ticket behind');
    }

    describe('POST /api/v1/tickets', () => {
      it('refuses malformed, non-object, empty, non-UTF-8 and non-JSON bodies, and unknown properties', async () => {
        await refusedCreates(async () => {
          await assertRefusesBrokenBodies(t.as('agent'), 'POST', T, { valid });
          const nested = await t.as('agent').post(T, { ...valid, customer: { phone: '13800001111', email: 'a@b.cn' } });
          assertProblem(nested, 400, 'validation_failed', ['customer.email'], 'unknown property inside customer');
        });
      });

      it('names the field that has the wrong JSON type', async () => {
        const cases: Array<[string, Record<string, unknown>]> = [
          ['description', { ...valid, description: 42 }],
          ['title', { ...valid, title: ['a'] }],
          ['category', { ...valid, category: 7 }],
          ['serviceItem', { ...valid, serviceItem: { code: 'other' } }],
          ['priority', { ...valid, priority: true }],
          ['channel', { ...valid, channel: 3 }],
          ['customer', { ...valid, customer: '13800001111' }],
          ['customer.phone', { ...valid, customer: { phone: 13800001111 } }],
          ['customer.name', { ...valid, customer: { name: ['陈'] } }],
          ['fields', { ...valid, fields: ['JD-1'] }],
          ['fields', { ...valid, fields: null }],
          ['answeredOnSpot', { ...valid, answeredOnSpot: 'yes' }],
          ['result', { ...valid, answeredOnSpot: true, result: 1 }],
          ['department', { ...valid, department: ['refunds'] }],
        ];
        await refusedCreates(async () => {
          for (const [field, body] of cases) assertInvalidField(await t.as('agent').post(T, body), field, `${field} of the wrong type`);
        });
      });

      it('names the field that holds an unknown enum value or reference', async () => {
        await refusedCreates(async () => {
          const agent = t.as('agent');
          assertInvalidField(await agent.post(T, { ...valid, channel: 'fax' }), 'channel');
          assertInvalidField(await agent.post(T, { ...valid, customer: { phone: '13800001111', type: 'vip' } }), 'customer.type');
          assertProblem(await agent.post(T, { ...valid, category: 'nonsense' }), 422, 'invalid_reference', ['category']);
          assertProblem(await agent.post(T, { ...valid, serviceItem: 'nonsense' }), 422, 'invalid_reference', ['serviceItem']);
          assertProblem(await agent.post(T, { ...valid, priority: 'critical' }), 422, 'invalid_reference', ['priority']);
          assertProblem(await agent.post(T, { ...valid, department: 'nonsense' }), 422, 'invalid_reference', ['department']);
          assertProblem(await agent.post(T, { ...valid, customer: { id: 'no-such-customer' } }), 422, 'invalid_reference', ['customer.id']);
        });
      });

      it('names every missing required field', async () => {
        await refusedCreates(async () => {
          const agent = t.as('agent');
          assertInvalidField(await agent.post(T, {}), 'description');
          assertInvalidField(await agent.post(T, { ...valid, description: '   ' }), 'description', 'a blank description');
          const unclassified = await agent.post(T, { description: '来电未说明问题', channel: 'phone' });
          assertProblem(unclassified, 422, 'classification_required', ['category', 'serviceItem', 'priority']);
          const noPriority = await agent.post(T, { ...valid, priority: undefined });
          assertProblem(noPriority, 422, 'classification_required', ['priority']);
          const noResult = await agent.post(T, { ...valid, answeredOnSpot: true });
          assertProblem(noResult, 422, 'result_required', ['result']);
          // Never silently dropped: a result is recorded only by closing at once, which sends the ticket to no department.
          assertProblem(await agent.post(T, { ...valid, result: '已告知' }), 422, 'conflicting_fields', ['result']);
          assertProblem(await agent.post(T, { ...valid, answeredOnSpot: false, result: '已告知' }), 422, 'conflicting_fields', ['result']);
          assertProblem(await agent.post(T, { ...valid, answeredOnSpot: true, result: '已告知', department: 'refunds' }), 422, 'conflicting_fields', ['department']);
          assertProblem(await agent.post(T, { ...valid, customer: {} }), 422, 'invalid_customer', ['customer']);
          for (const phone of ['abc', '--- ', '(+) -']) {
            const noDigits = await agent.post(T, { ...valid, customer: { name: 'X', phone } });
            assertProblem(noDigits, 422, 'invalid_field', ['customer.phone'], `a phone number without digits: ${phone}`);
          }
          // Only the digits of these would file unrelated callers under one customer (13800110, 123).
          for (const phone of ['1.38001E+10', '分机abc123', '138 0013 8000 转 5']) {
            const mangled = await agent.post(T, { ...valid, customer: { name: 'X', phone } });
            assertProblem(mangled, 422, 'invalid_field', ['customer.phone'], `not a phone number as written: ${phone}`);
          }
        });
      });

      it("names a service item's missing or malformed form fields", async () => {
        await refusedCreates(async () => {
          const agent = t.as('agent');
          const refund = { ...valid, category: 'refund', serviceItem: 'mall_aftersales' };
          assertProblem(await agent.post(T, refund), 422, 'invalid_form_fields', ['fields.orderNumber']);
          assertProblem(await agent.post(T, { ...refund, fields: { amount: 10 } }), 422, 'invalid_form_fields', ['fields.orderNumber']);
          assertProblem(await agent.post(T, { ...refund, fields: { orderNumber: '   ' } }), 422, 'invalid_form_fields', ['fields.orderNumber']);
          const topUp = { ...valid, serviceItem: 'mobile_topup' };
          assertProblem(await agent.post(T, { ...topUp, fields: {} }), 422, 'invalid_form_fields', ['fields.mobile', 'fields.amount']);
          const wrongTypes = { ...refund, fields: { orderNumber: { id: 1 }, amount: 'lots' } };
          assertProblem(await agent.post(T, wrongTypes), 422, 'invalid_form_fields', ['fields.orderNumber', 'fields.amount']);
          const unknownKey = { ...refund, fields: { orderNumber: 'JD-1001', colour: 'red' } };
          assertProblem(await agent.post(T, unknownKey), 422, 'invalid_form_fields', ['fields.colour']);
          const badDate = { ...valid, serviceItem: 'flights', fields: { flightNumber: 'CA1234', travelDate: '2026-02-30' } };
          assertProblem(await agent.post(T, badDate), 422, 'invalid_form_fields', ['fields.travelDate']);
          for (const amount of [1e308, 1e12 + 1, Number.MAX_SAFE_INTEGER]) {
            const huge = { ...refund, fields: { orderNumber: 'JD-1001', amount } };
            assertProblem(await agent.post(T, huge), 422, 'invalid_form_fields', ['fields.amount'], `amount ${amount}`);
          }
        });
      });

      it('refuses a category, service item, priority or department that was deleted', async () => {
        const admin = t.as('admin');
        assert.equal((await admin.post('/api/v1/categories', { code: 'temp_category', name: '临时分类' })).status, 201);
        assert.equal((await admin.post('/api/v1/priorities', { code: 'temp_priority', name: '临时', rank: 50 })).status, 201);
        assert.equal((await admin.post('/api/v1/service-items', { code: 'temp_item', name: '临时服务' })).status, 201);
        assert.equal((await admin.post('/api/v1/departments', { code: 'temp_department', name: '临时组' })).status, 201);
        assert.equal((await admin.delete('/api/v1/categories/temp_category')).status, 204);
        assert.equal((await admin.delete('/api/v1/priorities/temp_priority')).status, 204);
        assert.equal((await admin.delete('/api/v1/service-items/temp_item')).status, 204);
        assert.equal((await admin.patch('/api/v1/departments/temp_department', { active: false })).status, 200);

        await refusedCreates(async () => {
          const agent = t.as('agent');
          const category = assertProblem(await agent.post(T, { ...valid, category: 'temp_category' }), 422, 'invalid_reference', ['category']);
          assert.match(category.errors![0]!.message, /deleted/);
          assertProblem(await agent.post(T, { ...valid, priority: 'temp_priority' }), 422, 'invalid_reference', ['priority']);
          assertProblem(await agent.post(T, { ...valid, serviceItem: 'temp_item' }), 422, 'invalid_reference', ['serviceItem']);
          assertProblem(await agent.post(T, { ...valid, department: 'temp_department' }), 422, 'invalid_reference', ['department']);
        });
        await assertTicketUntouched(admin, open.id, async () => {
          const edit = await t.as('agent').patch(`${T}/${open.id}`, { category: 'temp_category' });
          assertProblem(edit, 422, 'invalid_reference', ['category']);
        });
      });

      it('refuses a bad or reused Idempotency-Key', async () => {
        const agent = t.as('agent');
        await refusedCreates(async () => {
          assertInvalidField(await agent.post(T, valid, { 'idempotency-key': '' }), 'idempotency-key');
          assertInvalidField(await agent.post(T, valid, { 'idempotency-key': 'k'.repeat(201) }), 'idempotency-key');
        });
        const first = await agent.post<Ticket>(T, valid, { 'idempotency-key': 'bad-input-key-1' });
        assert.equal(first.status, 201);
        await refusedCreates(async () => {
          const reused = await agent.post(T, { ...valid, description: '另一个问题' }, { 'idempotency-key': 'bad-input-key-1' });
          assertProblem(reused, 422, 'idempotency_key_reused', ['Idempotency-Key']);
        });
      });

      it('leaves no customer and uses no ticket number when a create is refused', async () => {
        const agent = t.as('agent');
        const phone = '13912345678';
        const before = await agent.post<Ticket>(T, valid);
        assert.equal(before.status, 201);

        await refusedCreates(async () => {
          // Each fails at a different stage: form, department, answered-on-the-spot check (the customer comes after them).
          const withCustomer = { ...valid, customer: { name: '失败的客户', phone } };
          assertProblem(await agent.post(T, { ...withCustomer, serviceItem: 'mall_aftersales' }), 422, 'invalid_form_fields');
          assertProblem(await agent.post(T, { ...withCustomer, department: 'nonsense' }), 422, 'invalid_reference');
          assertProblem(await agent.post(T, { ...withCustomer, answeredOnSpot: true }), 422, 'result_required');
          assertProblem(await agent.post(T, { ...withCustomer, priority: 'critical' }), 422, 'invalid_reference');
          // The customer's own checks, which on PostgreSQL also come before the number is taken.
          assertProblem(await agent.post(T, { ...valid, customer: { phone: '(1)' } }), 422, 'invalid_field');
          assertProblem(await agent.post(T, { ...valid, customer: { id: '0195ffff-ffff-7fff-bfff-ffffffffffff' } }), 422, 'invalid_reference');
        });
        const stored = await t.ctx.uow.read((repos) => repos.customers.findByPhone(phone));
        assert.equal(stored, null, 'no refused create may leave its customer behind');

        const next = await agent.post<Ticket>(T, { ...valid, customer: { name: '陈女士', phone } });
        assert.equal(next.status, 201, JSON.stringify(next.body));
        assert.equal(next.body.customer?.name, '陈女士', 'the customer is a new one, not a leftover of a refused create');
        const sequence = (number: string) => Number(number.slice(-6));
        assert.equal(sequence(next.body.number), sequence(before.body.number) + 1, 'refused creates used no ticket number');
      });
    });

    describe('PATCH /api/v1/tickets/:id', () => {
      it('refuses broken bodies, wrong types, unknown references and incomplete forms without changing the ticket', async () => {
        const agent = t.as('agent');
        const url = `${T}/${open.id}`;
        await assertTicketUntouched(t.as('admin'), open.id, async () => {
          await assertRefusesBrokenBodies(agent, 'PATCH', url, { valid: { title: '新标题' } });
          assertInvalidField(await agent.patch(url, { title: 5 }), 'title');
          assertInvalidField(await agent.patch(url, { title: null }), 'title');
          assertInvalidField(await agent.patch(url, { description: '' }), 'description');
          assertInvalidField(await agent.patch(url, { fields: 'JD-1' }), 'fields');
          assertInvalidField(await agent.patch(url, { version: '1' }), 'version');
          assertInvalidField(await agent.patch(url, { version: 0 }), 'version');
          assertProblem(await agent.patch(url, { priority: 'critical' }), 422, 'invalid_reference', ['priority']);
          assertProblem(await agent.patch(url, { serviceItem: 'nonsense' }), 422, 'invalid_reference', ['serviceItem']);
          assertProblem(await agent.patch(url, { serviceItem: 'mall_aftersales' }), 422, 'invalid_form_fields', ['fields.orderNumber']);
          assertProblem(await agent.patch(url, { fields: { colour: 'red' } }), 422, 'invalid_form_fields', ['fields.colour']);
        });
      });

      it('refuses a stale or malformed version with 409 or 400', async () => {
        const agent = t.as('agent');
        const url = `${T}/${open.id}`;
        await assertTicketUntouched(t.as('admin'), open.id, async () => {
          const stale = assertProblem(await agent.patch(url, { title: '新标题' }, { 'if-match': '"1"' }), 409, 'version_conflict');
          assert.equal(stale.currentVersion, open.version);
          assertProblem(await agent.patch(url, { title: '新标题', version: 1 }), 409, 'version_conflict');
          assertProblem(await agent.patch(url, { title: '新标题' }, { 'if-match': 'v1' }), 400, 'invalid_if_match', ['If-Match']);
          assertInvalidField(await agent.patch(url, { title: '新标题' }, { 'if-match': `"${'1'.repeat(60)}"` }), 'if-match');
        });
      });

      it('refuses to edit a closed ticket with 409, its status and what is still allowed', async () => {
        await assertTicketUntouched(t.as('admin'), closed.id, async () => {
          const refused = assertProblem(await t.as('admin').patch(`${T}/${closed.id}`, { title: '改标题' }), 409, 'action_not_allowed');
          assert.equal(refused.ticketStatus, 'closed');
          assert.deepEqual(refused.allowedActions, ['note', 'reopen']);
        });
      });

      it('answers 404 for a ticket that does not exist', async () => {
        assertProblem(await t.as('admin').patch(`${T}/GD-20990101-000001`, { title: 'x' }), 404, 'not_found');
      });
    });

    describe('GET /api/v1/tickets', () => {
      it('names the query parameter holding an invalid enum, date, limit or unknown name', async () => {
        const agent = t.as('agent');
        const cases: Array<[string, string]> = [
          ['queue', 'queue=everything'],
          ['status', 'status=open'],
          ['status', 'status=pending,opened'],
          ['status', 'status=pending&status=nonsense'],
          ['channel', 'channel=fax'],
          ['sort', 'sort=title'],
          ['sort', 'sort=--createdAt'],
          ['limit', 'limit=0'],
          ['limit', 'limit=201'],
          ['limit', 'limit=ten'],
          ['limit', 'limit=2.5'],
          ['limit', 'limit='],
          ['limit', 'limit=-1'],
          ['createdFrom', 'createdFrom=yesterday'],
          ['createdFrom', 'createdFrom=2026-11-23'],
          ['createdTo', 'createdTo=2026-02-30T00:00:00Z'],
          ['updatedFrom', 'updatedFrom=2026-11-23T25:00:00Z'],
          ['updatedTo', 'updatedTo=2026-11-23T10:00:00'],
          ['cursor', `cursor=${'x'.repeat(1001)}`],
        ];
        for (const [field, query] of cases) assertInvalidField(await agent.get(`${T}?${query}`), field, query);
        assertUnknownKeyRefused(await agent.get(`${T}?colour=red`), 'colour');
      });

      it('names the filter that refers to something that does not exist', async () => {
        const agent = t.as('agent');
        for (const field of ['category', 'serviceItem', 'priority', 'department', 'assignee']) {
          assertProblem(await agent.get(`${T}?${field}=nonsense`), 422, 'invalid_reference', [field], field);
        }
        assertProblem(await agent.get(`${T}?category=inquiry,nonsense`), 422, 'invalid_reference', ['category']);
      });

      it('refuses a cursor it did not issue, or one issued for another sort order', async () => {
        const agent = t.as('agent');
        for (const cursor of ['@@@', 'bm90IGpzb24', Buffer.from('[]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
          assertProblem(await agent.get(`${T}?cursor=${cursor}`), 400, 'invalid_cursor', ['cursor'], cursor);
        }
        const page = await agent.get<{ nextCursor: string | null }>(`${T}?limit=1`);
        assert.ok(page.body.nextCursor, 'the agent sees more than one ticket');
        assertProblem(await agent.get(`${T}?limit=1&sort=priority&cursor=${page.body.nextCursor}`), 400, 'invalid_cursor', ['cursor']);
        // Forged: the right number of values for the sort order, but of the wrong types.
        const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
        for (const [sort, values] of [
          ['-createdAt', ['-createdAt', 1, 2]],
          ['-createdAt', ['-createdAt', '2026-11-23T01:30:00.000Z', 2]],
          ['updatedAt', ['updatedAt', true, 'x']],
          ['priority', ['priority', 'abc', 'x', 'y']],
          ['priority', ['priority', 1, 2, 'y']],
          ['priority', ['priority', 1, 'x']],
        ] as const) {
          const response = await agent.get(`${T}?sort=${sort}&cursor=${forged([...values])}`);
          assertProblem(response, 400, 'invalid_cursor', ['cursor'], `sort=${sort} cursor ${JSON.stringify(values)}`);
        }
        assert.equal((await agent.get(`${T}?limit=1&cursor=${page.body.nextCursor}`)).status, 200, 'the same cursor is fine for its own list');
      });
    });

    describe('GET /api/v1/tickets/:id and /events', () => {
      it('answers 404 problem+json for a ticket that does not exist', async () => {
        for (const url of [`${T}/GD-20990101-000001`, `${T}/no-such-id`, `${T}/no-such-id/events`, `${T}/${'x'.repeat(100)}`]) {
          assertProblem(await t.as('admin').get(url), 404, 'not_found', [], url);
        }
      });

      it('refuses an unknown query parameter, naming it', async () => {
        for (const url of [`${T}/${open.id}`, `${T}/${open.number}`, `${T}/${open.id}/events`]) {
          assertProblem(await t.as('admin').get(`${url}?colour=red`), 400, 'validation_failed', ['colour'], url);
          assertProblem(await t.as('admin').get(`${url}?limit=1`), 400, 'validation_failed', ['limit'], url);
        }
      });

      it('answers an over-long id with 400 validation_failed naming id, and one past the router limit with 414 problem+json', async () => {
        await assertTicketUntouched(t.as('admin'), open.id, async () => {
          for (const length of [101, 150, 1000]) {
            const id = 'x'.repeat(length);
            for (const response of [
              await t.as('admin').get(`${T}/${id}`),
              await t.as('admin').get(`${T}/${id}/events`),
              await t.as('admin').patch(`${T}/${id}`, { title: 'x' }),
              await t.as('admin').post(`${T}/${id}/note`, { content: 'x' }),
            ]) {
              const refused = assertClientError(response, `an id of ${length} characters`);
              if (length <= 500) {
                assert.equal(response.status, 400);
                assert.equal(refused.code, 'validation_failed');
                assert.ok(JSON.stringify(response.body).includes('"field":"id"'), 'the error names id');
              } else {
                assert.equal(response.status, 414);
                assert.match(refused.code, /^[a-z0-9_]+$/, 'a stable, machine-readable code');
              }
            }
          }
          assert.equal((await t.anonymous.get(`${T}/${'x'.repeat(150)}`)).status, 401, 'credentials are checked first');
        });
      });
    });

    describe('limits every request meets', () => {
      it('refuses an oversized body on every write endpoint with 413 payload_too_large, writing nothing', async () => {
        const big = { description: '长'.repeat(2000) };
        const id = open.id;
        const writes: Array<['POST' | 'PATCH', string]> = [
          ['POST', '/api/v1/auth/login'],
          ['POST', '/api/v1/auth/logout'],
          ['POST', '/api/v1/auth/tokens'],
          ['POST', T],
          ['PATCH', `${T}/${id}`],
          ...ACTIONS.map((action): ['POST', string] => ['POST', `${T}/${id}/${action}`]),
          ['POST', '/api/v1/categories'],
          ['PATCH', '/api/v1/categories/other'],
          ['POST', '/api/v1/priorities'],
          ['PATCH', '/api/v1/priorities/low'],
          ['POST', '/api/v1/service-items'],
          ['PATCH', '/api/v1/service-items/other'],
          ['POST', '/api/v1/departments'],
          ['PATCH', '/api/v1/departments/refunds'],
          ['POST', '/api/v1/users'],
          ['PATCH', '/api/v1/users/agent'],
          ['POST', '/api/v1/routing-rules'],
          ['PATCH', '/api/v1/settings'],
        ];
        await refusedCreates(async () => {
          await assertTicketUntouched(t.as('admin'), id, async () => {
            for (const [method, url] of writes) {
              const client = url.endsWith('/login') ? t.anonymous : t.as('admin');
              const response = await client.raw(method, url, JSON.stringify(big), 'application/json');
              assertProblem(response, 413, 'payload_too_large', [], `${method} ${url}`);
            }
            // Bytes count, not characters: 1,400 characters of Chinese are 4,200 bytes of UTF-8.
            const multibyte = await t.as('agent').post(T, { ...valid, description: '长'.repeat(1400) });
            assertProblem(multibyte, 413, 'payload_too_large');
          });
        });
        const justUnder = await t.as('agent').post<Ticket>(T, { ...valid, description: '长'.repeat(1000) });
        assert.equal(justUnder.status, 201, 'a body under the limit is fine');
      });

      it('answers an unknown route or method with 404 route_not_found', async () => {
        const admin = t.as('admin');
        for (const response of [
          await admin.get('/api/v1/nothing-here'),
          await admin.get('/api/v2/tickets'),
          await admin.delete(`${T}/${open.id}`),
          await admin.post(`${T}/${open.id}/approve`, {}),
          await admin.post('/api/v1/auth/me', {}),
          await admin.patch('/api/v1/routing-rules', {}),
        ]) {
          assertProblem(response, 404, 'route_not_found');
        }
      });

      it('refuses a body that is not JSON with 415 on creates, whatever else it claims', async () => {
        await refusedCreates(async () => {
          const agent = t.as('agent');
          const json = JSON.stringify(valid);
          for (const contentType of ['application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=iso-8859-1', 'image/png', '']) {
            assertProblem(await agent.raw('POST', T, json, contentType), 415, 'unsupported_media_type', [], contentType);
          }
          for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'text/html', 'application/octet-stream']) {
            assertProblem(await agent.raw('POST', T, json, contentType), 415, 'unsupported_media_type', [], contentType);
          }
        });
      });

      it('authenticates before it validates: an anonymous create with a bad body answers 401', async () => {
        await refusedCreates(async () => {
          for (const body of [{}, { description: 5 }, { ...valid, unexpectedField: 1 }, { ...valid, priority: 'critical' }]) {
            assertProblem(await t.anonymous.post(T, body), 401, 'unauthenticated', [], JSON.stringify(body));
          }
          assertProblem(await t.as('gd_not-a-real-token').post(T, { description: 5 }), 401, 'unauthenticated', [], 'an unknown token');
        });
      });
    });
  });
}
