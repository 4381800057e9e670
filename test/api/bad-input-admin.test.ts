import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertClientError,
  assertInvalidField,
  assertProblem,
  assertRefusesBrokenBodies,
  assertUnknownKeyRefused,
} from '../support/bad-input.js';
import type { ApiClient } from '../support/api-client.js';
import { ADMIN_PASSWORD, dialects, startTestApp, type TestApp } from '../support/test-app.js';

type Body = Record<string, unknown>;

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
    async function assertFieldErrors(client: ApiClient, method: 'POST' | 'PATCH', url: string, cases: Array<[string, Body]>) {
      for (const [field, body] of cases) {
        const response = method === 'POST' ? await client.post(url, body) : await client.patch(url, body);
        assertInvalidField(response, field, `${method} ${url} ${JSON.stringify(body)}`);
      }
    }

    describe('auth', () => {
      const login = '/api/v1/auth/login';

      it('POST /auth/login refuses broken bodies and names wrong or missing fields', async () => {
        // Unknown properties are not refused here (see the report), so no `valid` body is given.
        await assertRefusesBrokenBodies(t.anonymous, 'POST', login);
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

      it('POST /auth/logout refuses malformed and non-UTF-8 bodies', async () => {
        const logout = '/api/v1/auth/logout';
        assertProblem(await admin.raw('POST', logout, '{"a":', 'application/json'), 400, 'invalid_json');
        assertProblem(await admin.raw('POST', logout, '', 'application/json'), 400, 'empty_body');
        assertProblem(await admin.raw('POST', logout, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'application/json'), 400, 'invalid_utf8');
        assertProblem(await admin.raw('POST', logout, '<a/>', 'application/xml'), 415, 'unsupported_media_type');
        assert.equal((await admin.get('/api/v1/auth/me')).status, 200, 'the token still works');
      });

      it('GET /auth/me answers only GET and needs a valid credential', async () => {
        assertProblem(await admin.post('/api/v1/auth/me', {}), 404, 'route_not_found');
        assertProblem(await t.anonymous.get('/api/v1/auth/me'), 401, 'unauthenticated');
        assertProblem(await t.as('gd_not-a-real-token').get('/api/v1/auth/me'), 401, 'unauthenticated');
      });

      it('POST /auth/tokens refuses broken bodies and bad names without creating a token; DELETE refuses unknown ids', async () => {
        const agent = t.as('agent');
        const tokens = '/api/v1/auth/tokens';
        const before = await agent.get(tokens);
        // Unknown properties are not refused here (see the report), so no `valid` body is given.
        await assertRefusesBrokenBodies(agent, 'POST', tokens);
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
          ]);
          assertProblem(await admin.post('/api/v1/categories', { code: 'refund', name: '重复' }), 409, 'code_taken');
          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/categories/other', { valid: { name: '其它' } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/categories/other', [
            ['active', { active: 'no' }],
            ['name', { name: null }],
            ['sortOrder', { sortOrder: '2' }],
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
          assertProblem(await admin.post('/api/v1/priorities', { code: 'low', name: '重复', rank: 9 }), 409, 'code_taken');
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
          ]);
          const nestedField = await admin.post(items, { code: 'new_item', name: '新服务', fields: [{ ...field, placeholder: 'x' }] });
          assertUnknownKeyRefused(nestedField, 'placeholder', 'unknown property of a form field');
          const option = { key: 'size', label: '尺码', type: 'select', options: [{ value: 's', label: 'S', colour: 'red' }] };
          assertUnknownKeyRefused(await admin.post(items, { code: 'new_item', name: '新服务', fields: [option] }), 'colour');
          const noOptions = await admin.post(items, { code: 'new_item', name: '新服务', fields: [{ key: 'size', label: '尺码', type: 'select' }] });
          assertProblem(noOptions, 422, 'select_without_options', ['fields.0.options']);
          const twice = await admin.post(items, { code: 'new_item', name: '新服务', fields: [field, field] });
          assertProblem(twice, 422, 'duplicate_field_key', ['fields.1.key']);
          assertProblem(await admin.post(items, { code: 'new_item', name: '新服务', parent: 'nonsense' }), 422, 'invalid_reference', ['parent']);
          assertProblem(await admin.post(items, { code: 'flights', name: '重复' }), 409, 'code_taken');

          await assertRefusesBrokenBodies(admin, 'PATCH', `${items}/other`, { valid: { name: '其它' } });
          await assertFieldErrors(admin, 'PATCH', `${items}/other`, [
            ['fields.0.type', { fields: [{ ...field, type: 'image' }] }],
            ['active', { active: 'false' }],
          ]);
          assertProblem(await admin.patch(`${items}/flights`, { parent: 'flights_change' }), 422, 'catalog_cycle', ['parent']);
          assertProblem(await admin.patch(`${items}/flights`, { parent: 'flights' }), 422, 'catalog_cycle', ['parent']);
          assertProblem(await admin.patch(`${items}/nonsense`, { name: 'x' }), 404, 'not_found');
          assertProblem(await admin.delete(`${items}/nonsense`), 404, 'not_found');
        });
        assertProblem(await admin.get(`${items}/nonsense`), 404, 'not_found');
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
          assertProblem(await admin.post('/api/v1/departments', { code: 'refunds', name: '重复' }), 409, 'code_taken');
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
          assertProblem(await admin.post('/api/v1/users', { ...valid, username: 'agent' }), 409, 'username_taken');

          await assertRefusesBrokenBodies(admin, 'PATCH', '/api/v1/users/agent', { valid: { displayName: '李座席' } });
          await assertFieldErrors(admin, 'PATCH', '/api/v1/users/agent', [
            ['role', { role: 'root' }],
            ['onDuty', { onDuty: 'yes' }],
            ['active', { active: 1 }],
            ['password', { password: '1234567' }],
            ['departments', { departments: { 0: 'refunds' } }],
          ]);
          assertProblem(await admin.patch('/api/v1/users/agent', { departments: ['nonsense'] }), 422, 'invalid_reference', ['departments.0']);
          assertProblem(await admin.patch('/api/v1/users/admin', { active: false }), 422, 'cannot_deactivate_self');
          assertProblem(await admin.patch('/api/v1/users/nonsense', { displayName: 'x' }), 404, 'not_found');
        });
        assertInvalidField(await admin.get('/api/v1/users?role=boss'), 'role');
        assertInvalidField(await admin.get('/api/v1/users?active=maybe'), 'active');
        assertUnknownKeyRefused(await admin.get('/api/v1/users?team=refunds'), 'team');
        assertClientError(await admin.get('/api/v1/users?department=nonsense'), 'users of an unknown department');
        assertProblem(await admin.get('/api/v1/users/nonsense'), 404, 'not_found');
      });
    });

    describe('routing rules and settings', () => {
      it('POST and PATCH /routing-rules refuse broken bodies, unknown channels and references, naming the condition', async () => {
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
          ]);
          assertUnknownKeyRefused(await admin.post(rules, { ...valid, conditions: { weekdays: [1] } }), 'weekdays');
          assertProblem(await admin.post(rules, { ...valid, department: 'nonsense' }), 422, 'invalid_reference', ['department']);
          const unknownCategory = await admin.post(rules, { ...valid, conditions: { categories: ['refund', 'nonsense'] } });
          assertProblem(unknownCategory, 422, 'invalid_reference', ['conditions.categories.1']);

          await assertRefusesBrokenBodies(admin, 'PATCH', `${rules}/${existing}`, { valid: { name: '改名' } });
          await assertFieldErrors(admin, 'PATCH', `${rules}/${existing}`, [
            ['conditions.priorities', { conditions: { priorities: 'high' } }],
            ['name', { name: '' }],
          ]);
          assertProblem(await admin.patch(`${rules}/${existing}`, { department: 'nonsense' }), 422, 'invalid_reference', ['department']);
          assertProblem(await admin.patch(`${rules}/nonsense`, { name: 'x' }), 404, 'not_found');
          assertProblem(await admin.delete(`${rules}/nonsense`), 404, 'not_found');
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
          ]);
          assertUnknownKeyRefused(await admin.patch('/api/v1/settings', { intakeDefaults: { channel: 'email' } }), 'channel');
          assertProblem(await admin.patch('/api/v1/settings', { difficultCaseDepartment: 'nonsense' }), 422, 'invalid_reference', ['difficultCaseDepartment']);
          const category = await admin.patch('/api/v1/settings', { intakeDefaults: { category: 'nonsense', priority: 'medium' } });
          assertProblem(category, 422, 'invalid_reference', ['intakeDefaults.category']);
        });
      });
    });
  });
}
