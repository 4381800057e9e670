import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertInvalidField,
  assertInvalidText,
  assertProblem,
  assertRefusesBrokenBodies,
  assertUnknownKeyRefused,
} from '../support/bad-input.js';
import type { ApiClient } from '../support/api-client.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, dialects, startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;

/** Integers beyond ±1,000,000 for sortOrder and position (PostgreSQL stores them as 32-bit integers). */
const OUT_OF_RANGE = [1_000_001, -1_000_001, 2 ** 31, -(2 ** 31) - 1, 1e15, Number.MAX_SAFE_INTEGER];

/** Bad input to sign-in, API tokens, reference data, the organisation, routing rules and settings. */
for (const dialect of dialects()) {
  describe(`bad input to the auth and administration endpoints is refused cleanly (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;

    before(async () => {
      // Many refused sign-ins below; the rate limit has its own tests.
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '1000' });
      admin = t.as('admin');
    });
    after(async () => t?.close());

    /** Reads a collection; refused writes must leave it exactly as it was. */
    async function snapshot(url: string): Promise<unknown> {
      const response = await admin.get(url);
      assert.equal(response.status, 200, `${url}: ${JSON.stringify(response.body)}`);
      return response.body;
    }

    /** Runs refused writes and proves that the collection they aimed at did not change. */
    async function unchanged(url: string, refused: () => Promise<void>): Promise<void> {
      const before = await snapshot(url);
      await refused();
      assert.deepEqual(await snapshot(url), before, `${url} changed although every write was refused`);
    }

    /** Each case: the field to blame and a body that gets it wrong (type, enum, missing, format). */
    async function assertFieldErrors(client: ApiClient, method: 'POST' | 'PATCH' | 'PUT', url: string, cases: Array<[string, Body]>) {
      for (const [field, body] of cases) {
        const response = method === 'POST' ? await client.post(url, body) : method === 'PUT' ? await client.put(url, body) : await client.patch(url, body);
        assertInvalidField(response, field, `${method} ${url} ${JSON.stringify(body)}`);
      }
    }

    describe('auth', () => {
      const login = '/api/v1/auth/login';

      it('POST /auth/login refuses broken bodies and names wrong or missing fields', async () => {
        await assertRefusesBrokenBodies(t.anonymous, 'POST', login, { valid: { username: 'admin', password: ADMIN_PASSWORD } });
        for (const key of ['remember', 'otp']) {
          const extra = await t.anonymous.post(login, { username: 'admin', password: ADMIN_PASSWORD, [key]: true });
          assertProblem(extra, 400, 'validation_failed', [key], `login with ${key}`);
          assert.equal(extra.headers['set-cookie'], undefined, 'a refused sign-in opens no session');
        }
        await assertFieldErrors(t.anonymous, 'POST', login, [
          ['username', { password: ADMIN_PASSWORD }],
          ['password', { username: 'admin' }],
          ['username', { username: 5, password: ADMIN_PASSWORD }],
          ['password', { username: 'admin', password: ['x'] }],
          ['username', { username: '  ', password: ADMIN_PASSWORD }],
          ['password', { username: 'admin', password: '' }],
          ['username', { username: 'a'.repeat(65), password: ADMIN_PASSWORD }],
        ]);
        const wrong = assertProblem(await t.anonymous.post(login, { username: 'admin', password: 'not-the-password' }), 401, 'invalid_credentials');
        assert.equal(wrong.errors, undefined, 'a failed sign-in does not say which half was wrong');
      });

      it('refuses query parameters a route does not read, on writes as on reads, naming them', async () => {
        const categoryId = (await admin.get<{ items: Array<{ id: string }> }>('/api/v1/categories')).body.items[0]!.id;
        assertProblem(await admin.patch(`/api/v1/categories/${categoryId}?zzUnknown=x`, { name: '不应改名' }), 400, 'validation_failed', ['zzUnknown']);
        assert.notEqual((await admin.get<{ name: string }>(`/api/v1/categories/${categoryId}`)).body.name, '不应改名', 'nothing was changed');
        assertProblem(await admin.post('/api/v1/auth/tokens?zz=1', { name: 'x' }), 400, 'validation_failed', ['zz']);
        assertProblem(await admin.post('/api/v1/tickets/similar?zz=1', { description: '宽带故障' }), 400, 'validation_failed', ['zz']);
        const body = { description: '宽带故障', category: 'fault', serviceItem: 'other', priority: 'high' };
        assert.equal((await admin.post('/api/v1/tickets?similar=false', body)).status, 201, 'a parameter the route reads still works');
        assertProblem(await admin.post('/api/v1/tickets?similr=false', body), 400, 'validation_failed', ['similr']);
      });

      it('POST /auth/logout refuses malformed and non-UTF-8 bodies', async () => {
        const logout = '/api/v1/auth/logout';
        assertProblem(await admin.raw('POST', logout, '{}', 'text/plain'), 415, 'unsupported_media_type');
        assertInvalidText(await admin.raw('POST', logout, '{"a":"\\u0000"}', 'application/json'), 'a');
        assertProblem(await admin.raw('POST', logout, '{"a":', 'application/json'), 400, 'invalid_json');
        assertProblem(await admin.raw('POST', logout, '', 'application/json'), 400, 'empty_body');
        assertProblem(await admin.raw('POST', logout, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'application/json'), 400, 'invalid_utf8');
        assertProblem(await admin.raw('POST', logout, '<a/>', 'application/xml'), 415, 'unsupported_media_type');
        // Nesting that no request has: refused before anything walks it (20,000 levels overflowed the stack: a 500).
        for (const deep of [`{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, `${'{"x":'.repeat(20_000)}1${'}'.repeat(20_000)}`, `${'['.repeat(65)}${']'.repeat(65)}`]) {
          assertProblem(await admin.raw('POST', logout, deep, 'application/json'), 400, 'too_deeply_nested');
          assertProblem(await t.anonymous.raw('POST', '/api/v1/auth/login', deep, 'application/json'), 400, 'too_deeply_nested');
        }
        assert.notEqual((await admin.raw('POST', logout, `{"a":${'['.repeat(60)}${']'.repeat(60)}}`, 'application/json')).body.code, 'too_deeply_nested');
        assert.equal((await admin.get('/api/v1/auth/me')).status, 200, 'the token still works');
      });

      it('POST /auth/logout refuses a non-empty or non-object body and accepts {} or no body (token and cookie)', async () => {
        const logout = '/api/v1/auth/logout';
        const json = 'application/json';
        // A token of its own, so that the other tests' admin token is not involved.
        const adminId = (await admin.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;
        const bearer = t.as(await t.tokenFor(adminId));
        assertProblem(await bearer.post(logout, { a: 1 }), 400, 'validation_failed', ['a']);
        assertProblem(await bearer.post(logout, { everywhere: true, reason: 'x' }), 400, 'validation_failed', ['everywhere', 'reason']);
        for (const text of ['[]', '[{}]', '"x"', '0', 'false']) {
          assertInvalidField(await bearer.raw('POST', logout, text, json), 'body', `logout with ${text}`);
        }
        assert.equal((await bearer.post(logout, {})).status, 204, 'an empty object');
        assert.equal((await bearer.post(logout)).status, 204, 'no body at all');

        const signIn = await t.running.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'supervisor', password: DEMO_PASSWORD } });
        assert.equal(signIn.statusCode, 200, signIn.body);
        const cookies = { gongdan_session: signIn.cookies.find((c) => c.name === 'gongdan_session')!.value };
        const headers = { 'x-csrf-token': (JSON.parse(signIn.body) as { csrfToken: string }).csrfToken };
        const me = async () => (await t.running.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).statusCode;
        for (const payload of ['{"a":1}', '[]', '"bye"', '1']) {
          const refused = await t.running.app.inject({ method: 'POST', url: logout, cookies, headers: { ...headers, 'content-type': json }, payload });
          assert.equal(refused.statusCode, 400, `cookie logout with ${payload}: ${refused.body}`);
          assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
          assert.equal((JSON.parse(refused.body) as { code: string }).code, 'validation_failed');
        }
        assert.equal(await me(), 200, 'a refused sign-out leaves the session open');
        const done = await t.running.app.inject({ method: 'POST', url: logout, cookies, headers });
        assert.equal(done.statusCode, 204, done.body);
        assert.equal(await me(), 401, 'the session has ended');
      });

      it('GET /auth/me answers only GET and needs a valid credential', async () => {
        assertProblem(await admin.post('/api/v1/auth/me', {}), 404, 'route_not_found');
        assertProblem(await t.anonymous.get('/api/v1/auth/me'), 401, 'unauthenticated');
        assertProblem(await t.as('gd_not-a-real-token').get('/api/v1/auth/me'), 401, 'unauthenticated');
        for (const url of ['/api/v1/auth/me', '/api/v1/auth/tokens']) {
          assertProblem(await admin.get(`${url}?colour=red`), 400, 'validation_failed', ['colour'], url);
          assertProblem(await admin.get(`${url}?limit=5`), 400, 'validation_failed', ['limit'], url);
        }
      });

      it('POST /auth/tokens refuses broken bodies and bad names without creating a token; DELETE refuses unknown ids', async () => {
        const agent = t.as('agent');
        const tokens = '/api/v1/auth/tokens';
        const before = await agent.get(tokens);
        await assertRefusesBrokenBodies(agent, 'POST', tokens, { valid: { name: '脚本' } });
        assertProblem(await agent.post(tokens, { name: '脚本', scope: 'all' }), 400, 'validation_failed', ['scope']);
        assertProblem(await agent.post(tokens, { name: '脚本', expiresAt: null }), 400, 'validation_failed', ['expiresAt']);
        await assertFieldErrors(agent, 'POST', tokens, [
          ['name', {}],
          ['name', { name: 5 }],
          ['name', { name: '' }],
          ['name', { name: 'n'.repeat(101) }],
        ]);
        assert.deepEqual((await agent.get(tokens)).body, before.body, 'no token was created');
        assertProblem(await agent.delete(`${tokens}/no-such-token`), 404, 'not_found');
      });
    });

    describe('reference data', () => {
      it('POST and PATCH /categories refuse broken bodies, wrong types and missing fields; unknown ids answer 404', async () => {
        const all = '/api/v1/categories?includeInactive=true';
        await unchanged(all, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', '/api/v1/categories', { valid: { code: 'new_category', name: '新分类' } });
          await assertFieldErrors(admin, 'POST', '/api/v1/categories', [
            ['code', { name: '新分类' }],
            ['name', { code: 'new_category' }],
            ['code', { code: 5, name: '新分类' }],
            ['code', { code: 'New Category', name: '新分类' }],
            ['name', { code: 'new_category', name: '' }],
            ['nameEn', { code: 'new_category', name: '新分类', nameEn: 5 }],
            ['sortOrder', { code: 'new_category', name: '新分类', sortOrder: 'first' }],
            ['sortOrder', { code: 'new_category', name: '新分类', sortOrder: 1.5 }],
            ...OUT_OF_RANGE.map((sortOrder): [string, Body] => ['sortOrder', { code: 'new_category', name: '新分类', sortOrder }]),
          ]);
          assertProblem(await admin.post('/api/v1/categories', { code: 'refund', name: '重复' }), 409, 'code_taken', ['code']);
          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/categories/other', { valid: { name: '其它' } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/categories/other', [
            ['active', { active: 'no' }],
            ['name', { name: null }],
            ['sortOrder', { sortOrder: '2' }],
            ...OUT_OF_RANGE.map((sortOrder): [string, Body] => ['sortOrder', { sortOrder }]),
          ]);
          assertProblem(await admin.patch('/api/v1/categories/nonsense', { name: 'x' }), 404, 'not_found');
          assertProblem(await admin.delete('/api/v1/categories/nonsense'), 404, 'not_found');
        });
        assertInvalidField(await admin.get('/api/v1/categories?includeInactive=yes'), 'includeInactive');
        assertUnknownKeyRefused(await admin.get('/api/v1/categories?colour=red'), 'colour');
      });

      it('POST and PATCH /priorities refuse broken bodies, wrong types, out-of-range ranks and missing fields', async () => {
        const all = '/api/v1/priorities?includeInactive=true';
        await unchanged(all, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', '/api/v1/priorities', { valid: { code: 'new_priority', name: '新', rank: 9 } });
          await assertFieldErrors(admin, 'POST', '/api/v1/priorities', [
            ['rank', { code: 'new_priority', name: '新' }],
            ['rank', { code: 'new_priority', name: '新', rank: '1' }],
            ['rank', { code: 'new_priority', name: '新', rank: 0 }],
            ['rank', { code: 'new_priority', name: '新', rank: 1001 }],
            ['code', { code: '1st', name: '新', rank: 9 }],
          ]);
          assertProblem(await admin.post('/api/v1/priorities', { code: 'low', name: '重复', rank: 9 }), 409, 'code_taken', ['code']);
          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/priorities/low', { valid: { rank: 4 } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/priorities/low', [
            ['rank', { rank: 2.5 }],
            ['active', { active: 0 }],
          ]);
          assertProblem(await admin.patch('/api/v1/priorities/nonsense', { rank: 3 }), 404, 'not_found');
          assertProblem(await admin.delete('/api/v1/priorities/nonsense'), 404, 'not_found');
        });
        assertInvalidField(await admin.get('/api/v1/priorities?includeInactive=1'), 'includeInactive');
      });

      it("POST and PATCH /service-items refuse broken bodies and bad form definitions, naming the field's path", async () => {
        const items = '/api/v1/service-items';
        const all = `${items}?includeInactive=true&flat=true`;
        const field = { key: 'orderNumber', label: '订单号', type: 'order_number' };
        await unchanged(all, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', items, { valid: { code: 'new_item', name: '新服务', fields: [field] } });
          await assertFieldErrors(admin, 'POST', items, [
            ['name', { code: 'new_item' }],
            ['needsReply', { code: 'new_item', name: '新服务', needsReply: 'yes' }],
            ['fields', { code: 'new_item', name: '新服务', fields: field }],
            ['fields.0.type', { code: 'new_item', name: '新服务', fields: [{ ...field, type: 'blob' }] }],
            ['fields.0.key', { code: 'new_item', name: '新服务', fields: [{ ...field, key: '1st' }] }],
            ['fields.0.label', { code: 'new_item', name: '新服务', fields: [{ key: 'a', type: 'text' }] }],
            ['fields.0.required', { code: 'new_item', name: '新服务', fields: [{ ...field, required: 'true' }] }],
            ['fields.0.maxLength', { code: 'new_item', name: '新服务', fields: [{ ...field, maxLength: -1 }] }],
            ['parent', { code: 'new_item', name: '新服务', parent: 5 }],
            ['fields.0.min', { code: 'new_item', name: '新服务', fields: [{ key: 'n', label: 'n', type: 'number', min: 5, max: 1 }] }],
            ['fields.1.min', { code: 'new_item', name: '新服务', fields: [field, { key: 'fee', label: '费用', type: 'money', min: 0.02, max: 0.01 }] }],
            ...OUT_OF_RANGE.map((sortOrder): [string, Body] => ['sortOrder', { code: 'new_item', name: '新服务', sortOrder }]),
          ]);
          const nestedField = await admin.post(items, { code: 'new_item', name: '新服务', fields: [{ ...field, placeholder: 'x' }] });
          assertProblem(nestedField, 400, 'validation_failed', ['fields.0.placeholder'], 'unknown property of a form field');
          const bogus = await admin.post(items, { code: 'new_item', name: '新服务', fields: [field, { key: 'b', label: 'b', type: 'text', bogus: 1 }] });
          assertProblem(bogus, 400, 'validation_failed', ['fields.1.bogus']);
          const option = { key: 'size', label: '尺码', type: 'select', options: [{ value: 's', label: 'S', colour: 'red' }] };
          assertUnknownKeyRefused(await admin.post(items, { code: 'new_item', name: '新服务', fields: [option] }), 'fields.0.options.0.colour');
          const noOptions = await admin.post(items, { code: 'new_item', name: '新服务', fields: [{ key: 'size', label: '尺码', type: 'select' }] });
          assertProblem(noOptions, 422, 'select_without_options', ['fields.0.options']);
          const twice = await admin.post(items, { code: 'new_item', name: '新服务', fields: [field, field] });
          assertProblem(twice, 422, 'duplicate_field_key', ['fields.1.key']);
          assertProblem(await admin.post(items, { code: 'new_item', name: '新服务', parent: 'nonsense' }), 422, 'invalid_reference', ['parent']);
          assertProblem(await admin.post(items, { code: 'flights', name: '重复' }), 409, 'code_taken', ['code']);

          await assertRefusesBrokenBodies(admin, 'PATCH', `${items}/other`, { valid: { name: '其它' } });
          await assertFieldErrors(admin, 'PATCH', `${items}/other`, [
            ['fields.0.type', { fields: [{ ...field, type: 'image' }] }],
            ['active', { active: 'false' }],
            ['fields.0.min', { fields: [{ key: 'n', label: 'n', type: 'number', min: 0, max: -1 }] }],
            ...OUT_OF_RANGE.map((sortOrder): [string, Body] => ['sortOrder', { sortOrder }]),
          ]);
          assertProblem(await admin.patch(`${items}/flights`, { parent: 'flights_change' }), 422, 'catalog_cycle', ['parent']);
          assertProblem(await admin.patch(`${items}/flights`, { parent: 'flights' }), 422, 'catalog_cycle', ['parent']);
          assertProblem(await admin.patch(`${items}/nonsense`, { name: 'x' }), 404, 'not_found');
          assertProblem(await admin.delete(`${items}/nonsense`), 404, 'not_found');
        });
        assertProblem(await admin.get(`${items}/nonsense`), 404, 'not_found');
        assertProblem(await admin.get(`${items}/other?colour=red`), 400, 'validation_failed', ['colour']);
        assertInvalidField(await admin.get(`${items}?flat=yes`), 'flat');
        assertUnknownKeyRefused(await admin.get(`${items}?depth=2`), 'depth');
      });
    });

    describe('organisation', () => {
      it('POST and PATCH /departments refuse broken bodies, unknown assignment modes and missing fields', async () => {
        const all = '/api/v1/departments?includeInactive=true';
        await unchanged(all, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', '/api/v1/departments', { valid: { code: 'new_department', name: '新部门' } });
          await assertFieldErrors(admin, 'POST', '/api/v1/departments', [
            ['code', { name: '新部门' }],
            ['name', { code: 'new_department' }],
            ['assignmentMode', { code: 'new_department', name: '新部门', assignmentMode: 'random' }],
            ['assignmentMode', { code: 'new_department', name: '新部门', assignmentMode: 1 }],
            ['nameEn', { code: 'new_department', name: '新部门', nameEn: null }],
          ]);
          assertProblem(await admin.post('/api/v1/departments', { code: 'refunds', name: '重复' }), 409, 'code_taken', ['code']);
          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/departments/refunds', { valid: { name: '退款组' } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/departments/refunds', [
            ['assignmentMode', { assignmentMode: 'lottery' }],
            ['active', { active: 'yes' }],
            ['name', { name: '' }],
          ]);
          assertProblem(await admin.patch('/api/v1/departments/nonsense', { name: 'x' }), 404, 'not_found');
        });
        assertInvalidField(await admin.get('/api/v1/departments?includeInactive=x'), 'includeInactive');
        assertProblem(await admin.get('/api/v1/departments/nonsense/members'), 404, 'not_found');
        assertProblem(await admin.get('/api/v1/departments/refunds/members?colour=red'), 400, 'validation_failed', ['colour']);
      });

      it('POST and PATCH /users refuse broken bodies, unknown roles, weak passwords and unknown departments', async () => {
        const all = '/api/v1/users';
        const valid = { username: 'new.user', displayName: '新用户', password: 'password-123', role: 'agent', departments: ['call_center'] };
        await unchanged(all, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', '/api/v1/users', { valid });
          await assertFieldErrors(admin, 'POST', '/api/v1/users', [
            ['username', { ...valid, username: undefined }],
            ['username', { ...valid, username: 'bad name!' }],
            ['displayName', { ...valid, displayName: 7 }],
            ['password', { ...valid, password: undefined }],
            ['password', { ...valid, password: 'short' }],
            ['role', { ...valid, role: 'boss' }],
            ['role', { ...valid, role: undefined }],
            ['departments', { ...valid, departments: 'call_center' }],
            ['departments', { ...valid, departments: [''] }],
          ]);
          assertProblem(await admin.post('/api/v1/users', { ...valid, departments: ['call_center', 'nonsense'] }), 422, 'invalid_reference', ['departments.1']);
          assertProblem(await admin.post('/api/v1/users', { ...valid, username: 'agent' }), 409, 'username_taken', ['username']);

          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/users/agent', { valid: { displayName: '李座席' } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/users/agent', [
            ['role', { role: 'root' }],
            ['onDuty', { onDuty: 'yes' }],
            ['active', { active: 1 }],
            ['password', { password: '1234567' }],
            ['departments', { departments: { 0: 'refunds' } }],
          ]);
          assertProblem(await admin.patch('/api/v1/users/agent', { departments: ['nonsense'] }), 422, 'invalid_reference', ['departments.0']);
          assertProblem(await admin.patch('/api/v1/users/admin', { active: false }), 422, 'cannot_deactivate_self', ['active']);
          assertProblem(await admin.patch('/api/v1/users/nonsense', { displayName: 'x' }), 404, 'not_found');
        });
        assertInvalidField(await admin.get('/api/v1/users?role=boss'), 'role');
        assertInvalidField(await admin.get('/api/v1/users?active=maybe'), 'active');
        assertUnknownKeyRefused(await admin.get('/api/v1/users?team=refunds'), 'team');
        assertProblem(await admin.get('/api/v1/users?department=nonsense'), 422, 'invalid_reference', ['department']);
        assertProblem(await admin.get('/api/v1/users/nonsense'), 404, 'not_found');
        assertProblem(await admin.get('/api/v1/users/agent?colour=red'), 400, 'validation_failed', ['colour']);
      });
    });

    describe('routing rules and settings', () => {
      it('POST, PATCH and PUT …/order on /routing-rules refuse broken bodies, unknown channels and references, naming the condition', async () => {
        const rules = '/api/v1/routing-rules';
        const valid = { name: '新规则', department: 'refunds', conditions: { categories: ['refund'] } };
        const existing = (await admin.get<{ items: Array<{ id: string }> }>(rules)).body.items[0]!.id;
        await unchanged(rules, async () => {
          await assertRefusesBrokenBodies(admin, 'POST', rules, { valid });
          await assertFieldErrors(admin, 'POST', rules, [
            ['name', { ...valid, name: undefined }],
            ['department', { ...valid, department: undefined }],
            ['department', { ...valid, department: 3 }],
            ['position', { ...valid, position: 'first' }],
            ['active', { ...valid, active: 'on' }],
            ['conditions', { ...valid, conditions: ['refund'] }],
            ['conditions.categories', { ...valid, conditions: { categories: 'refund' } }],
            ['conditions.channels.0', { ...valid, conditions: { channels: ['fax'] } }],
            ['conditions.keywords.0', { ...valid, conditions: { keywords: [''] } }],
            ...OUT_OF_RANGE.map((position): [string, Body] => ['position', { ...valid, position }]),
          ]);
          assertProblem(await admin.post(rules, { ...valid, conditions: { weekdays: [1] } }), 400, 'validation_failed', ['conditions.weekdays']);
          assertProblem(await admin.post(rules, { ...valid, department: 'nonsense' }), 422, 'invalid_reference', ['department']);
          const unknownCategory = await admin.post(rules, { ...valid, conditions: { categories: ['refund', 'nonsense'] } });
          assertProblem(unknownCategory, 422, 'invalid_reference', ['conditions.categories.1']);

          await assertRefusesBrokenBodies(admin, 'PATCH', `${rules}/${existing}`, { valid: { name: '改名' } });
          await assertFieldErrors(admin, 'PATCH', `${rules}/${existing}`, [
            ['conditions.priorities', { conditions: { priorities: 'high' } }],
            ['name', { name: '' }],
            ...OUT_OF_RANGE.map((position): [string, Body] => ['position', { position }]),
          ]);
          assertProblem(await admin.patch(`${rules}/${existing}`, { department: 'nonsense' }), 422, 'invalid_reference', ['department']);
          assertProblem(await admin.patch(`${rules}/nonsense`, { name: 'x' }), 404, 'not_found');
          assertProblem(await admin.get(`${rules}?colour=red`), 400, 'validation_failed', ['colour']);
          assertProblem(await admin.delete(`${rules}/nonsense`), 404, 'not_found');

          const ids = (await admin.get<{ items: Array<{ id: string }> }>(rules)).body.items.map((r) => r.id);
          await assertRefusesBrokenBodies(admin, 'PUT', `${rules}/order`, { valid: { ids } });
          await assertFieldErrors(admin, 'PUT', `${rules}/order`, [
            ['ids', {}],
            ['ids', { ids: ids.join(',') }],
            ['ids.0', { ids: [1, ...ids] }],
            ['ids.0', { ids: ['', ...ids] }],
          ]);
          assertProblem(await admin.put(`${rules}/order`, { ids: [...ids, ids[0]] }), 422, 'invalid_field', ['ids']);
          assertProblem(await admin.put(`${rules}/order`, { ids: ids.slice(1) }), 409, 'routing_rules_changed');
          assertProblem(await admin.put(`${rules}/order`, { ids: [...ids, 'nonsense'] }), 409, 'routing_rules_changed');
        });
      });

      it('PATCH /settings refuses broken bodies, wrong types and unknown references', async () => {
        await unchanged('/api/v1/settings', async () => {
          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/settings', { valid: { difficultCaseDepartment: 'difficult_cases' } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/settings', [
            ['difficultCaseDepartment', { difficultCaseDepartment: 5 }],
            ['difficultCaseDepartment', { difficultCaseDepartment: '' }],
            ['intakeDefaults', { intakeDefaults: 'other' }],
            ['intakeDefaults.priority', { intakeDefaults: { priority: ['medium'] } }],
            ...[0, -8, 1.5, 1001, '15', true].map((hours): [string, Body] => ['waitReminderHours', { waitReminderHours: hours }]),
          ]);
          assertProblem(await admin.patch('/api/v1/settings', { intakeDefaults: { channel: 'email' } }), 400, 'validation_failed', ['intakeDefaults.channel']);
          assertProblem(await admin.patch('/api/v1/settings', { intakeDefaults: { bogus: 1 } }), 400, 'validation_failed', ['intakeDefaults.bogus']);
          assertProblem(await admin.get('/api/v1/settings?colour=red'), 400, 'validation_failed', ['colour']);
          assertProblem(await admin.patch('/api/v1/settings', { difficultCaseDepartment: 'nonsense' }), 422, 'invalid_reference', ['difficultCaseDepartment']);
          const category = await admin.patch('/api/v1/settings', { intakeDefaults: { category: 'nonsense', priority: 'medium' } });
          assertProblem(category, 422, 'invalid_reference', ['intakeDefaults.category']);
        });
      });
    });
  });

  describe(`the sign-in rate limit counts per client address and username (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '3' });
    });
    after(async () => t?.close());

    const signIn = async (username: string, password: string, remoteAddress: string) => {
      const response = await t.running.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
      const contentType = String(response.headers['content-type'] ?? '');
      return { status: response.statusCode, contentType, headers: response.headers, body: JSON.parse(response.body) as Body };
    };

    it('limits one username at one address, and neither another username there nor the same one elsewhere', async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        assertProblem(await signIn('handler', `wrong-${attempt}`, '10.0.0.1'), 401, 'invalid_credentials', [], `attempt ${attempt}`);
      }
      const limited = assertProblem(await signIn('handler', DEMO_PASSWORD, '10.0.0.1'), 429, 'rate_limited');
      assert.match(limited.detail, /try again in \d+ seconds/);
      assert.equal((await signIn('auditor', DEMO_PASSWORD, '10.0.0.1')).status, 200, 'a colleague behind the same address');
      assert.equal((await signIn('handler', DEMO_PASSWORD, '10.0.0.2')).status, 200, 'the same user from another address');
      assertProblem(await signIn('handler', DEMO_PASSWORD, '10.0.0.1'), 429, 'rate_limited', [], 'still limited');
    });
  });
}
