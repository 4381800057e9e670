import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { ADMIN_PASSWORD, DEMO_PASSWORD, dialects, startTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, unknown>;

interface SessionBody {
  user: { id: string; username: string; role: string; displayName: string };
  csrfToken: string | null;
  timeZone: string;
}
interface TokenItem {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

interface RawResponse {
  status: number;
  body: Json;
  contentType: string;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: Array<{ name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; expires?: Date; maxAge?: number }>;
}

/** Sends a request through the real HTTP stack with full control of cookies and headers (ApiClient only does bearer tokens). */
async function send(t: TestApp, options: InjectOptions): Promise<RawResponse> {
  const response = await t.running.app.inject(options);
  const contentType = String(response.headers['content-type'] ?? '');
  const body = (contentType.includes('json') && response.body ? JSON.parse(response.body) : { raw: response.body }) as Json;
  return { status: response.statusCode, body, contentType, headers: response.headers, cookies: response.cookies as RawResponse['cookies'] };
}

function login(t: TestApp, username: string, password: string, remoteAddress?: string): Promise<RawResponse> {
  return send(t, { method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...(remoteAddress && { remoteAddress }) });
}

/** Signs in and returns what a browser keeps: the session cookie and the CSRF token. */
async function browserSession(t: TestApp, username: string, password: string): Promise<{ cookie: string; csrf: string; userId: string }> {
  const response = await login(t, username, password);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  const cookie = response.cookies.find((c) => c.name === 'gongdan_session');
  assert.ok(cookie, 'the session cookie is set');
  const body = response.body as unknown as SessionBody;
  return { cookie: cookie.value, csrf: body.csrfToken!, userId: body.user.id };
}

const newTicket = {
  description: '客户咨询会员积分如何兑换',
  category: 'inquiry',
  serviceItem: 'mall_presales',
  priority: 'low',
};

for (const dialect of dialects()) {
  describe(`authentication: sessions, CSRF, API tokens (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      // A generous login limit: these tests sign in many times; the limit itself is tested below.
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '1000' });
    });
    after(async () => t?.close());

    it('signs in with username and password: user, CSRF token and an HttpOnly SameSite=Lax session cookie', async () => {
      const response = await login(t, 'admin', ADMIN_PASSWORD);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const body = response.body as unknown as SessionBody;
      assert.equal(body.user.username, 'admin');
      assert.equal(body.user.role, 'admin');
      assert.equal(body.user.displayName, '系统管理员');
      assert.equal(typeof body.csrfToken, 'string');
      assert.ok(body.csrfToken!.length >= 16, 'the CSRF token is a real secret');
      assert.equal(body.timeZone, 'Asia/Shanghai', 'the organisation’s zone, which the console shows times in');
      assert.ok(!('passwordHash' in body.user) && !JSON.stringify(body).includes('scrypt'), 'no password material in the answer');

      const cookie = response.cookies.find((c) => c.name === 'gongdan_session');
      assert.ok(cookie, 'gongdan_session cookie is set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.notEqual(cookie.secure, true, 'Secure is off unless GONGDAN_COOKIE_SECURE is set');
      assert.ok(cookie.value.length >= 16);
      assert.notEqual(cookie.value, body.csrfToken, 'the CSRF token is not the session secret');
      assert.ok(cookie.expires, 'the cookie expires with the session');
      assert.equal(cookie.expires.toISOString(), new Date(t.clock.now().getTime() + 12 * 3_600_000).toISOString(), 'default session TTL is 12 hours');

      const raw = String(response.headers['set-cookie']);
      assert.match(raw, /HttpOnly/);
      assert.match(raw, /SameSite=Lax/);
    });

    it('refuses a wrong password and an unknown user alike with 401 invalid_credentials', async () => {
      const wrong = await login(t, 'admin', 'not-the-password');
      const unknown = await login(t, 'nobody-here', 'whatever-password');
      for (const response of [wrong, unknown]) {
        assert.equal(response.status, 401);
        assert.match(response.contentType, /^application\/problem\+json/);
        assert.equal(response.body.code, 'invalid_credentials');
        assert.equal(response.cookies.length, 0, 'no cookie on a failed sign-in');
      }
      assert.equal(wrong.body.detail, unknown.body.detail, 'the answer does not reveal which usernames exist');
      // Passwords are case-sensitive, usernames are matched exactly.
      assert.equal((await login(t, 'admin', ADMIN_PASSWORD.toUpperCase())).status, 401);
      assert.equal((await login(t, 'ADMIN', ADMIN_PASSWORD)).status, 401);
    });

    it('validates the login body (400) before checking credentials', async () => {
      const missing = await send(t, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin' } });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.code, 'validation_failed');
      const empty = await send(t, { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: '' } });
      assert.equal(empty.status, 400);
    });

    it('lets nobody sign in as, or use the API token of, a deactivated user', async () => {
      const admin = t.as('admin');
      const created = await admin.post<{ id: string }>('/api/v1/users', {
        username: 'leaver',
        displayName: '离职员工',
        password: 'leaver-password-1',
        role: 'agent',
        departments: ['call_center'],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await login(t, 'leaver', 'leaver-password-1')).status, 200, 'an active user signs in');
      const integration = t.as(await t.tokenFor(created.body.id));
      assert.equal((await integration.get('/api/v1/auth/me')).status, 200, 'their API token works');

      const deactivated = await admin.patch(`/api/v1/users/${created.body.id}`, { active: false });
      assert.equal(deactivated.status, 200, JSON.stringify(deactivated.body));
      const refused = await login(t, 'leaver', 'leaver-password-1');
      assert.equal(refused.status, 401);
      assert.equal(refused.body.code, 'invalid_credentials');
      assert.equal(refused.cookies.length, 0);
      assert.equal((await integration.get('/api/v1/auth/me')).status, 401, 'nor does their API token work any more');

      await admin.patch(`/api/v1/users/${created.body.id}`, { active: true });
      assert.equal((await login(t, 'leaver', 'leaver-password-1')).status, 200, 'reactivated, they may sign in again');
      assert.equal((await integration.get('/api/v1/auth/me')).status, 200, 'and their unrevoked token works again');
    });

    it('reads with the session cookie alone, and GET /auth/me answers the signed-in user and their CSRF token', async () => {
      const session = await browserSession(t, 'agent', DEMO_PASSWORD);
      const me = await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies: { gongdan_session: session.cookie } });
      assert.equal(me.status, 200, JSON.stringify(me.body));
      const body = me.body as unknown as SessionBody;
      assert.equal(body.user.username, 'agent');
      assert.equal(body.user.role, 'agent');
      assert.equal(body.csrfToken, session.csrf, 'a reloaded page can fetch the CSRF token again');

      const list = await send(t, { method: 'GET', url: '/api/v1/tickets', cookies: { gongdan_session: session.cookie } });
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(list.body.items));

      const viaToken = await t.as('agent').get<SessionBody>('/api/v1/auth/me');
      assert.equal(viaToken.status, 200);
      assert.equal(viaToken.body.user.username, 'agent');
      assert.equal(viaToken.body.csrfToken, null, 'API tokens carry no CSRF token');

      const forged = await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies: { gongdan_session: 'made-up-session-value' } });
      assert.equal(forged.status, 401);
      assert.equal(forged.body.code, 'unauthenticated');
    });

    it('refuses a cookie-authenticated write without the X-CSRF-Token header (403 csrf_token_invalid) and accepts it with', async () => {
      const session = await browserSession(t, 'agent', DEMO_PASSWORD);
      const countTickets = async () => (await t.as('admin').get<{ items: unknown[] }>('/api/v1/tickets?limit=200')).body.items.length;
      const ticketsBefore = await countTickets();
      const write = (headers: Record<string, string>) =>
        send(t, { method: 'POST', url: '/api/v1/tickets', payload: newTicket, headers, cookies: { gongdan_session: session.cookie } });

      const without = await write({});
      assert.equal(without.status, 403);
      assert.match(without.contentType, /^application\/problem\+json/);
      assert.equal(without.body.code, 'csrf_token_invalid');

      const wrong = await write({ 'x-csrf-token': `${session.csrf}x` });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.code, 'csrf_token_invalid');

      const other = await browserSession(t, 'agent', DEMO_PASSWORD);
      const crossed = await write({ 'x-csrf-token': other.csrf });
      assert.equal(crossed.status, 403, "another session's CSRF token does not fit this session");

      assert.equal(await countTickets(), ticketsBefore, 'none of the refused writes created a ticket');

      const ok = await write({ 'x-csrf-token': session.csrf });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal((ok.body.createdBy as { username: string }).username, 'agent');
    });

    it('signs out: the session ends and the cookie no longer works', async () => {
      const session = await browserSession(t, 'handler', DEMO_PASSWORD);
      const cookies = { gongdan_session: session.cookie };
      assert.equal((await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies })).status, 200);

      const withoutCsrf = await send(t, { method: 'POST', url: '/api/v1/auth/logout', cookies });
      assert.equal(withoutCsrf.status, 403, 'signing out is a write: a foreign site cannot sign the user out');
      assert.equal(withoutCsrf.body.code, 'csrf_token_invalid');

      const out = await send(t, { method: 'POST', url: '/api/v1/auth/logout', cookies, headers: { 'x-csrf-token': session.csrf } });
      assert.equal(out.status, 204);
      const cleared = out.cookies.find((c) => c.name === 'gongdan_session');
      assert.ok(cleared, 'the cookie is cleared');
      assert.equal(cleared.value, '');

      const afterwards = await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies });
      assert.equal(afterwards.status, 401, 'the old cookie value no longer signs anyone in');
      assert.equal(afterwards.body.code, 'unauthenticated');
    });

    it('ends a session after its time to live', async () => {
      const session = await browserSession(t, 'auditor', DEMO_PASSWORD);
      const cookies = { gongdan_session: session.cookie };
      const start = t.clock.now();
      try {
        t.clock.advance(11 * 3_600_000);
        assert.equal((await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies })).status, 200);
        t.clock.advance(1 * 3_600_000 + 1000);
        const expired = await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies });
        assert.equal(expired.status, 401);
        assert.equal(expired.body.code, 'unauthenticated');
      } finally {
        t.clock.set(start);
      }
    });

    it('creates an API token shown once, usable as Bearer without CSRF, listed without its secret, and revocable', async () => {
      const session = await browserSession(t, 'supervisor', DEMO_PASSWORD);
      const cookies = { gongdan_session: session.cookie };
      const noCsrf = await send(t, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'CRM 集成' }, cookies });
      assert.equal(noCsrf.status, 403, 'creating a token from the browser needs the CSRF token too');

      const created = await send(t, {
        method: 'POST',
        url: '/api/v1/auth/tokens',
        payload: { name: 'CRM 集成' },
        cookies,
        headers: { 'x-csrf-token': session.csrf },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const token = created.body as unknown as TokenItem & { token: string };
      assert.match(token.token, /^gd_.{20,}$/);
      assert.equal(token.name, 'CRM 集成');
      assert.equal(token.prefix, token.token.slice(0, 10), 'the prefix identifies the token without revealing it');
      assert.equal(token.revokedAt, null);
      assert.equal(token.lastUsedAt, null);

      const bearer = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Json) =>
        send(t, { method, url, headers: { authorization: `Bearer ${token.token}` }, ...(payload && { payload }) });

      const me = await bearer('GET', '/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal((me.body as unknown as SessionBody).user.username, 'supervisor');
      const write = await bearer('POST', '/api/v1/tickets', newTicket);
      assert.equal(write.status, 201, `a bearer write needs no CSRF token: ${JSON.stringify(write.body)}`);

      const list = await bearer('GET', '/api/v1/auth/tokens');
      assert.equal(list.status, 200);
      const items = list.body.items as TokenItem[];
      const listed = items.find((i) => i.id === token.id);
      assert.ok(listed);
      assert.equal(listed.name, 'CRM 集成');
      assert.equal(listed.prefix, token.prefix);
      assert.ok(listed.lastUsedAt, 'using the token records when it was last used');
      assert.ok(items.every((i) => !('token' in i)), 'the list never shows a secret');
      assert.ok(!JSON.stringify(list.body).includes(token.token));
      assert.ok(!JSON.stringify(list.body).includes(token.token.slice(10)));

      const revoked = await send(t, { method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, cookies, headers: { 'x-csrf-token': session.csrf } });
      assert.equal(revoked.status, 204);
      const afterRevoke = await bearer('GET', '/api/v1/auth/me');
      assert.equal(afterRevoke.status, 401);
      assert.equal(afterRevoke.body.code, 'unauthenticated');

      const stillListed = await send(t, { method: 'GET', url: '/api/v1/auth/tokens', cookies });
      const revokedItem = (stillListed.body.items as TokenItem[]).find((i) => i.id === token.id);
      assert.ok(revokedItem?.revokedAt, 'the revoked token stays listed with the time it was revoked');

      const again = await send(t, { method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, cookies, headers: { 'x-csrf-token': session.csrf } });
      assert.equal(again.status, 404, 'a token is revoked once');
    });

    it("does not let another user revoke or list my token (404), and my token keeps working", async () => {
      const mine = await t.as('handler').post<TokenItem & { token: string }>('/api/v1/auth/tokens', { name: 'my script' });
      assert.equal(mine.status, 201);

      const theirs = await t.as('agent').delete(`/api/v1/auth/tokens/${mine.body.id}`);
      assert.equal(theirs.status, 404);
      assert.equal(theirs.body.code, 'not_found');
      const adminTry = await t.as('admin').delete(`/api/v1/auth/tokens/${mine.body.id}`);
      assert.equal(adminTry.status, 404, 'tokens are personal: even an administrator revokes only their own');

      const agentList = await t.as('agent').get<{ items: TokenItem[] }>('/api/v1/auth/tokens');
      assert.ok(!agentList.body.items.some((i) => i.id === mine.body.id), "another user's list does not show my token");

      const works = await t.as(mine.body.token).get<SessionBody>('/api/v1/auth/me');
      assert.equal(works.status, 200);
      assert.equal(works.body.user.username, 'handler');
      const unknown = await t.as('handler').delete('/api/v1/auth/tokens/no-such-token');
      assert.equal(unknown.status, 404);
    });

    it('rejects a malformed Authorization header and an unknown bearer token with 401', async () => {
      const basic = await send(t, { method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic YWRtaW46eA==' } });
      assert.equal(basic.status, 401);
      assert.equal(basic.body.code, 'unauthenticated');
      const unknown = await t.as('gd_this-token-does-not-exist-0000000000').get('/api/v1/auth/me');
      assert.equal(unknown.status, 401);
      assert.equal(unknown.body.code, 'unauthenticated');
      const notOurs = await t.as('ghp_something-else').get('/api/v1/auth/me');
      assert.equal(notOurs.status, 401);
    });

    it('stores the password hashed with scrypt, salted per user', async () => {
      const admin = await t.ctx.uow.read((repos) => repos.users.findCredentials('admin'));
      assert.ok(admin);
      assert.ok(admin.passwordHash.startsWith('scrypt$'), admin.passwordHash.slice(0, 12));
      assert.ok(!admin.passwordHash.includes(ADMIN_PASSWORD));
      const agent = await t.ctx.uow.read((repos) => repos.users.findCredentials('agent'));
      const handler = await t.ctx.uow.read((repos) => repos.users.findCredentials('handler'));
      assert.ok(agent && handler);
      assert.ok(!agent.passwordHash.includes(DEMO_PASSWORD));
      assert.notEqual(agent.passwordHash, handler.passwordHash, 'the same password hashes differently for each user');

      const users = await t.as('admin').get('/api/v1/users');
      assert.ok(!JSON.stringify(users.body).includes('scrypt$'), 'the API never shows a hash');
    });

    it('answers 401 unauthenticated to API calls without credentials', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/tickets'],
        ['POST', '/api/v1/tickets'],
        ['GET', '/api/v1/auth/me'],
        ['GET', '/api/v1/users'],
        ['GET', '/api/v1/categories'],
        ['POST', '/api/v1/auth/logout'],
      ] as const) {
        const response = await send(t, { method, url, ...(method === 'POST' && { payload: url === '/api/v1/tickets' ? newTicket : {} }) });
        assert.equal(response.status, 401, `${method} ${url}`);
        assert.match(response.contentType, /^application\/problem\+json/);
        assert.equal(response.body.code, 'unauthenticated', `${method} ${url}`);
      }
    });

    it('checks credentials and the CSRF token however the path is percent-encoded (the router decodes /%61pi/v1 to /api/v1)', async () => {
      for (const url of ['/%61pi/v1/users', '/ap%69/v1/users', '/api/v%31/users', '/%61pi/v1/settings', '/%61pi/v1/routing-rules', '/%61pi/v1/auth/me']) {
        const response = await send(t, { method: 'GET', url });
        assert.equal(response.status, 401, `${url}: ${JSON.stringify(response.body).slice(0, 200)}`);
        assert.equal(response.body.code, 'unauthenticated', url);
      }
      const session = await browserSession(t, 'handler', DEMO_PASSWORD);
      const cookies = { gongdan_session: session.cookie };
      const logout = await send(t, { method: 'POST', url: '/%61pi/v1/auth/logout', cookies });
      assert.equal(logout.status, 403, 'a foreign site cannot sign the user out through an encoded path either');
      assert.equal(logout.body.code, 'csrf_token_invalid');
      assert.equal((await send(t, { method: 'GET', url: '/api/v1/auth/me', cookies })).status, 200, 'still signed in');
    });

    it('serves health and the OpenAPI document without signing in', async () => {
      const health = await t.anonymous.get('/api/v1/health');
      assert.equal(health.status, 200);
      assert.deepEqual(health.body, { status: 'ok', database: dialect });

      const doc = await t.anonymous.get<{ openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
      assert.equal(doc.status, 200);
      assert.match(doc.body.openapi, /^3\./);
      assert.equal(doc.body.info.title, 'Gongdan API');
      const paths = doc.body.paths;
      for (const action of ['dispatch', 'assign', 'claim', 'accept', 'note', 'transfer', 'return', 'wait', 'resume', 'resolve', 'reply', 'close', 'reopen', 'cancel', 'merge']) {
        assert.ok(paths[`/api/v1/tickets/{id}/${action}`]?.post, `the document lists POST /api/v1/tickets/{id}/${action}`);
      }
      assert.ok(paths['/api/v1/auth/login']?.post);
      assert.ok(paths['/api/v1/auth/tokens']?.post);
      assert.ok(paths['/api/v1/tickets']?.get && paths['/api/v1/tickets']?.post);
      assert.ok(paths['/api/v1/routing-rules']);
      assert.ok(paths['/api/v1/service-items/{id}']?.patch);
      assert.ok(!paths['/api/v1/openapi.json'], 'the document hides its own route');

      let docs = await send(t, { method: 'GET', url: '/api/docs' });
      for (let hops = 0; docs.status === 302 && hops < 3; hops++) {
        const location = String(docs.headers.location);
        docs = await send(t, { method: 'GET', url: location.startsWith('/') ? location : `/api/docs/${location.replace(/^\.\//, '')}` });
      }
      assert.equal(docs.status, 200, 'the interactive documentation needs no sign-in');
      assert.match(docs.contentType, /text\/html/);
    });

    it('checks credentials before it says anything about the body', async () => {
      const response = await send(t, { method: 'POST', url: '/api/v1/tickets', payload: {} });
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'unauthenticated');
    });
  });

  describe(`login rate limit (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '3' });
    });
    after(async () => t?.close());

    it('answers the 4th attempt within a minute with 429 problem+json rate_limited, even with the right password', async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const response = await login(t, 'admin', `wrong-password-${attempt}`);
        assert.equal(response.status, 401, `attempt ${attempt}`);
        assert.equal(response.body.code, 'invalid_credentials');
      }
      const fourth = await login(t, 'admin', ADMIN_PASSWORD);
      assert.equal(fourth.status, 429);
      assert.match(fourth.contentType, /^application\/problem\+json/);
      assert.equal(fourth.body.code, 'rate_limited');
      assert.equal(fourth.body.status, 429);
      assert.match(String(fourth.body.detail), /try again in \d+ seconds/);
      assert.equal(fourth.cookies.length, 0, 'a limited attempt opens no session');
    });

    it('does not block sign-ins from another client address', async () => {
      const elsewhere = await login(t, 'admin', ADMIN_PASSWORD, '10.9.8.7');
      assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
    });

    it("keeps each username's budget apart, so one person's typos do not lock out colleagues behind the same address", async () => {
      const colleague = await login(t, 'agent', DEMO_PASSWORD);
      assert.equal(colleague.status, 200, JSON.stringify(colleague.body));
    });

    it("limits guesses at one's current password on a password change per user, whatever the address, and counts no other change", async () => {
      const handler = t.as('handler');
      const change = (currentPassword: string) => handler.patch<{ code: string }>('/api/v1/users/handler', { password: 'a-brand-new-password', currentPassword });
      for (let attempt = 1; attempt <= 3; attempt++) {
        const refused = await change(`guess-${attempt}`);
        assert.deepEqual([refused.status, refused.body.code], [422, 'current_password_incorrect'], `attempt ${attempt}`);
      }
      const fourth = await change(DEMO_PASSWORD);
      assert.deepEqual([fourth.status, fourth.body.code], [429, 'rate_limited'], 'even the right password waits');
      assert.equal((await login(t, 'handler', DEMO_PASSWORD)).status, 200, 'the password did not change');
      assert.equal((await handler.patch('/api/v1/users/handler', { displayName: '处理员' })).status, 200, 'a change without a password is not counted');
      assert.equal((await handler.patch('/api/v1/users/handler', { onDuty: false })).status, 200);
      const colleague = await t.as('supervisor').patch<{ code: string }>('/api/v1/users/supervisor', { password: 'a-brand-new-password', currentPassword: 'guess' });
      assert.equal(colleague.body.code, 'current_password_incorrect', "one user's budget is theirs alone");
    });

    it('ignores X-Forwarded-For unless told to trust a proxy, so a client cannot pick a fresh address per attempt', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await send(t, {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'supervisor', password: 'wrong-password' },
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    });
  });
}
