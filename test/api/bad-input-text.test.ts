import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../support/api-client.js';
import { assertClientError, assertInvalidText, assertTicketUntouched } from '../support/bad-input.js';
import { ADMIN_PASSWORD, dialects, startTestApp, type TestApp } from '../support/test-app.js';

interface Ticket {
  id: string;
  number: string;
  title: string;
  version: number;
}

type Body = Record<string, unknown>;

/**
 * Text that cannot be stored faithfully: a NUL (PostgreSQL refuses it in text columns) and half a
 * UTF-16 surrogate pair (not Unicode at all). Written as JSON escapes, the only way to send them as
 * valid UTF-8; the refusal must name the field, and nothing may be written.
 */
const UNSTORABLE: ReadonlyArray<[what: string, escaped: string]> = [
  ['a NUL', 'a\\u0000b'],
  ['a lone high surrogate', 'a\\ud800b'],
  ['a lone low surrogate', 'a\\udc00b'],
  ['a surrogate pair in the wrong order', '\\udc00\\ud800'],
  ['a high surrogate at the end', '退款\\udbff'],
];

/** A marker replaced by each unstorable string in turn; JSON.stringify leaves it alone. */
const MARK = '__UNSTORABLE__';
const withText = (body: Body, escaped: string) => JSON.stringify(body).replaceAll(MARK, escaped);

for (const dialect of dialects()) {
  describe(`NUL characters and broken Unicode are refused, naming the field (${dialect})`, () => {
    let t: TestApp;
    let admin: ApiClient;
    let open: Ticket;
    const T = '/api/v1/tickets';
    const valid = { description: '客户咨询退货流程', category: 'inquiry', serviceItem: 'mall_presales', priority: 'low' };
    const json = 'application/json';

    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '1000' });
      admin = t.as('admin');
      const created = await t.as('agent').post<Ticket>(T, { ...valid, department: 'refunds' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      open = created.body;
    });
    after(async () => t?.close());

    async function snapshot(client: ApiClient, url: string): Promise<unknown> {
      const response = await client.get(url);
      assert.equal(response.status, 200, `${url}: ${JSON.stringify(response.body)}`);
      return response.body;
    }

    /** Runs refused writes and proves that what they aimed at did not change. */
    async function unchanged(client: ApiClient, urls: string[], refused: () => Promise<void>): Promise<void> {
      const before = await Promise.all(urls.map((url) => snapshot(client, url)));
      await refused();
      assert.deepEqual(await Promise.all(urls.map((url) => snapshot(client, url))), before, `${urls.join(', ')} changed`);
    }

    /** Each case: the field path to blame and a body holding MARK there (in a value or in a key). */
    async function assertEveryTextRefused(client: ApiClient, method: 'POST' | 'PATCH', url: string, cases: Array<[string, Body]>) {
      for (const [field, body] of cases) {
        for (const [what, escaped] of UNSTORABLE) {
          const response = await client.raw(method, url, withText(body, escaped), json);
          const expected = field.replaceAll(MARK, JSON.parse(`"${escaped}"`) as string);
          assertInvalidText(response, expected, `${method} ${url}: ${what} in ${field}`);
        }
      }
    }

    it('POST /auth/login (anonymous): in the username, the password or a key; no session is opened', async () => {
      const login = '/api/v1/auth/login';
      await assertEveryTextRefused(t.anonymous, 'POST', login, [
        ['username', { username: MARK, password: ADMIN_PASSWORD }],
        ['password', { username: 'admin', password: `${ADMIN_PASSWORD}${MARK}` }],
        [`x${MARK}`, { username: 'admin', password: ADMIN_PASSWORD, [`x${MARK}`]: 1 }],
      ]);
      const refused = await t.anonymous.raw('POST', login, withText({ username: `admin${MARK}`, password: ADMIN_PASSWORD }, '\\u0000'), json);
      assertInvalidText(refused, 'username');
      assert.equal(refused.headers['set-cookie'], undefined, 'no session for a refused sign-in');
    });

    it('POST /tickets: in values and keys, nested, and no ticket, customer or number is used', async () => {
      const agent = t.as('agent');
      const refund = { ...valid, category: 'refund', serviceItem: 'mall_aftersales' };
      const listed = `${T}?limit=200`;
      await unchanged(admin, [listed], async () => {
        await assertEveryTextRefused(agent, 'POST', T, [
          ['description', { ...valid, description: MARK }],
          ['title', { ...valid, title: `标题${MARK}` }],
          ['customer.name', { ...valid, customer: { name: MARK, phone: '13800002222' } }],
          ['customer.phone', { ...valid, customer: { phone: `138${MARK}00002222` } }],
          ['fields.orderNumber', { ...refund, fields: { orderNumber: `JD-${MARK}` } }],
          [`fields.${MARK}`, { ...refund, fields: { orderNumber: 'JD-1', [MARK]: 'x' } }],
          ['fields.notes.1', { ...refund, fields: { orderNumber: 'JD-1', notes: ['ok', MARK] } }],
          ['result', { ...valid, answeredOnSpot: true, result: MARK }],
          [MARK, { ...valid, [MARK]: 1 }],
        ]);
      });
      assert.equal(await t.ctx.uow.read((repos) => repos.customers.findByPhone('13800002222')), null, 'no customer was stored');
      const next = await agent.post<Ticket>(T, valid);
      assert.equal(next.status, 201, JSON.stringify(next.body));
      assert.equal(Number(next.body.number.slice(-6)), Number(open.number.slice(-6)) + 1, 'refused creates used no ticket number');
    });

    it('PATCH /tickets/:id and POST /tickets/:id/note leave the ticket untouched', async () => {
      await assertTicketUntouched(admin, open.id, async () => {
        await assertEveryTextRefused(t.as('agent'), 'PATCH', `${T}/${open.id}`, [
          ['title', { title: MARK }],
          ['description', { description: `说明${MARK}` }],
        ]);
        await assertEveryTextRefused(admin, 'POST', `${T}/${open.id}/note`, [
          ['content', { content: MARK }],
          ['content', { content: `已联系客户${MARK}`, internal: true }],
        ]);
        await assertEveryTextRefused(admin, 'POST', `${T}/${open.id}/transfer`, [['reason', { department: 'exceptions', reason: MARK }]]);
        await assertEveryTextRefused(admin, 'POST', `${T}/${open.id}/merge`, [['into', { into: `GD-${MARK}` }]]);
      });
    });

    it('the administration endpoints: categories, service items, departments, users, routing rules, settings', async () => {
      const field = { key: 'orderNumber', label: '订单号', type: 'order_number' };
      const collections = [
        '/api/v1/categories?includeInactive=true',
        '/api/v1/service-items?includeInactive=true&flat=true',
        '/api/v1/departments?includeInactive=true',
        '/api/v1/users',
        '/api/v1/routing-rules',
        '/api/v1/settings',
      ];
      await unchanged(admin, collections, async () => {
        await assertEveryTextRefused(admin, 'POST', '/api/v1/categories', [
          ['name', { code: 'new_category', name: MARK }],
          ['nameEn', { code: 'new_category', name: '新分类', nameEn: MARK }],
          ['code', { code: `new_${MARK}`, name: '新分类' }],
        ]);
        await assertEveryTextRefused(admin, 'PATCH', '/api/v1/categories/other', [['name', { name: MARK }]]);
        await assertEveryTextRefused(admin, 'POST', '/api/v1/service-items', [
          ['fields.0.label', { code: 'new_item', name: '新服务', fields: [{ ...field, label: MARK }] }],
          ['fields.1.options.0.label', { code: 'new_item', name: '新服务', fields: [field, { key: 's', label: 'S', type: 'select', options: [{ value: 's', label: MARK }] }] }],
        ]);
        await assertEveryTextRefused(admin, 'POST', '/api/v1/departments', [['name', { code: 'new_department', name: MARK }]]);
        await assertEveryTextRefused(admin, 'POST', '/api/v1/users', [
          ['displayName', { username: 'new.user', displayName: MARK, password: 'password-123', role: 'agent', departments: ['call_center'] }],
          ['password', { username: 'new.user', displayName: '新用户', password: `password-${MARK}`, role: 'agent', departments: ['call_center'] }],
        ]);
        await assertEveryTextRefused(admin, 'POST', '/api/v1/routing-rules', [
          ['conditions.keywords.1', { name: '新规则', department: 'refunds', conditions: { keywords: ['退款', MARK] } }],
        ]);
        await assertEveryTextRefused(admin, 'PATCH', '/api/v1/settings', [['intakeDefaults.category', { intakeDefaults: { category: MARK } }]]);
      });
    });

    it('POST /auth/tokens creates no token', async () => {
      const agent = t.as('agent');
      await unchanged(agent, ['/api/v1/auth/tokens'], async () => {
        await assertEveryTextRefused(agent, 'POST', '/api/v1/auth/tokens', [['name', { name: `脚本${MARK}` }]]);
      });
    });

    it('accepts a well-formed surrogate pair (an emoji) and stores it unchanged', async () => {
      const created = await t.as('agent').raw<Ticket>('POST', T, withText({ ...valid, title: `客户很生气${MARK}` }, '\\ud83d\\ude20'), json);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await admin.get<Ticket>(`${T}/${created.body.id}`)).body.title, '客户很生气😠');
    });

    it('refuses %00 in a URL path or query with 400 invalid_text naming `url`, writing nothing', async () => {
      const agent = t.as('agent');
      await unchanged(admin, [`${T}?limit=200`], async () => {
        await assertTicketUntouched(admin, open.id, async () => {
          for (const url of [
            `${T}/a%00b`,
            `${T}/%00`,
            `${T}/a%00b/events`,
            `${T}/${open.id}%00`,
            `${T}?category=a%00`,
            `${T}?status=pending,%00`,
            `${T}?assignee=me&department=%00refunds`,
            `${T}?a%00=1`,
            `${T}?category=%ED%A0%80`,
            `${T}?cursor=%00`,
            '/api/v1/users?department=%00',
            '/api/v1/service-items/other%00',
            '/api/v1/departments/refunds%00/members',
          ]) {
            assertInvalidText(await agent.get(url), 'url', `GET ${url}`);
          }
          assertInvalidText(await agent.patch(`${T}/${open.id}%00`, { title: '新标题' }), 'url', 'PATCH');
          assertInvalidText(await agent.post(`${T}/${open.id}%00/note`, { content: 'x' }), 'url', 'note');
          assertInvalidText(await agent.post(`${T}?x=%00`, valid), 'url', 'create');
          assertInvalidText(await admin.post('/api/v1/categories?x=%00', { code: 'new_category', name: '新分类' }), 'url', 'category');
          assertInvalidText(await t.anonymous.post('/api/v1/auth/login?x=%00', { username: 'admin', password: ADMIN_PASSWORD }), 'url', 'login');
        });
      });
      // A lone surrogate percent-encoded into a path is not even valid UTF-8: refused as a bad URL.
      const badPath = await agent.get(`${T}/a%ED%A0%80b`);
      assertClientError(badPath, 'a lone surrogate in the path');
      assert.equal(badPath.status, 400);
      // A cut-off percent escape in a query is named for what it is, not as a NUL.
      const cutOff = await agent.get(`${T}?category=%E0%A4%A`);
      assert.equal(cutOff.status, 400);
      assert.equal(cutOff.body.code, 'invalid_url');
      assert.match(String(cutOff.body.detail), /percent-encoded/);
    });
  });
}
