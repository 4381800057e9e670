import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiClient } from '../support/api-client.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, DEMO_USERS, dialects, startServerBeside, startTestApp, type TestApp } from '../support/test-app.js';

interface Attempt {
  status: number;
  code: unknown;
  retryAfter: unknown;
}

async function login(app: TestApp['running']['app'], username: string, password: string, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}): Promise<Attempt> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress, headers });
  const body = response.body ? (JSON.parse(response.body) as { code?: unknown }) : {};
  return { status: response.statusCode, code: body.code, retryAfter: response.headers['retry-after'] };
}

const statuses = (attempts: Attempt[]) => attempts.map((a) => a.status);

for (const dialect of dialects()) {
  describe(`sign-in limit per client address, whatever the username (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '3', GONGDAN_LOGIN_ADDRESS_RATE_LIMIT: '5' });
    });
    after(async () => t?.close());

    it('refuses a flood of made-up usernames from one address after GONGDAN_LOGIN_ADDRESS_RATE_LIMIT failures (each would cost a scrypt)', async () => {
      const attempts: Attempt[] = [];
      for (let i = 0; i < 8; i++) attempts.push(await login(t.running.app, `nobody-${i}`, 'a-guess', '203.0.113.9'));
      assert.deepEqual(statuses(attempts), [401, 401, 401, 401, 401, 429, 429, 429]);
      assert.equal(attempts[5]!.code, 'rate_limited');
      assert.ok(Number(attempts[5]!.retryAfter) > 0 && Number(attempts[5]!.retryAfter) <= 60, `Retry-After: ${String(attempts[5]!.retryAfter)}`);
      const fromThere = await login(t.running.app, 'admin', ADMIN_PASSWORD, '203.0.113.9');
      assert.equal(fromThere.status, 429, 'the whole address waits out the minute, the right password included');
      assert.equal((await login(t.running.app, 'admin', ADMIN_PASSWORD, '198.51.100.20')).status, 200, 'other addresses sign in');
    });

    it('counts attempts that arrive together: of 30 at once, only the budget gets to check a password', async () => {
      const attempts = await Promise.all(Array.from({ length: 30 }, (_, i) => login(t.running.app, `burst-${i}`, 'a-guess', '203.0.113.10')));
      assert.equal(attempts.filter((a) => a.status === 401).length, 5, String(statuses(attempts)));
      assert.equal(attempts.filter((a) => a.status === 429).length, 25);
    });

    it('does not count successful sign-ins, so a call centre behind one NAT address signs in at the start of a shift', async () => {
      const address = '192.0.2.50';
      for (const username of DEMO_USERS) {
        for (let i = 0; i < 2; i++) {
          const ok = await login(t.running.app, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD, address);
          assert.equal(ok.status, 200, `${username} ${i}`);
        }
      }
      const failures: Attempt[] = [];
      for (let i = 0; i < 6; i++) failures.push(await login(t.running.app, `typo-${i}`, 'a-guess', address));
      assert.deepEqual(statuses(failures), [401, 401, 401, 401, 401, 429], 'ten sign-ins did not use the budget of five failures');
    });

    it('lets a shift behind one NAT address sign in all at once, a few typos included: attempts count as their password is checked, not as they arrive', async () => {
      const address = '192.0.2.77';
      const password = (username: string) => (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
      const shift = DEMO_USERS.flatMap((username) => [username, username, username]);
      const attempts = await Promise.all([
        ...shift.map((username) => login(t.running.app, username, password(username), address)),
        login(t.running.app, 'typo-a', 'a-guess', address),
        login(t.running.app, 'typo-b', 'a-guess', address),
      ]);
      assert.deepEqual(statuses(attempts), [...shift.map(() => 200), 401, 401], `${shift.length} sign-ins and two typos against a budget of five`);
    });

    it('counts an IPv6 client by its /64, so it cannot take a fresh address for every attempt', async () => {
      const attempts: Attempt[] = [];
      for (let i = 1; i <= 7; i++) attempts.push(await login(t.running.app, `v6-${i}`, 'a-guess', `2001:db8:1:2::${i.toString(16)}`));
      assert.deepEqual(statuses(attempts), [401, 401, 401, 401, 401, 429, 429]);
      assert.equal((await login(t.running.app, 'v6-x', 'a-guess', '2001:db8:1:3::1')).status, 401, 'another /64 has its own budget');
      // The per-username limit too: one name guessed from many addresses of one /64.
      const sameName: Attempt[] = [];
      for (let i = 1; i <= 4; i++) sameName.push(await login(t.running.app, 'agent', 'a-guess', `2001:db8:9:9::${i}`));
      assert.deepEqual(statuses(sameName), [401, 401, 401, 429]);
    });
  });

  describe(`sign-in limits behind a reverse proxy (${dialect})`, () => {
    const apps: TestApp[] = [];
    after(async () => Promise.all(apps.map((a) => a.close())));
    const start = async (trustProxy: string) => {
      const t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '3', GONGDAN_TRUST_PROXY: trustProxy });
      apps.push(t);
      return t;
    };

    it('GONGDAN_TRUST_PROXY=true is one hop: an X-Forwarded-For the client wrote itself, left of what the proxy appended, gets no fresh budget', async () => {
      const t = await start('true');
      const attempts: Attempt[] = [];
      for (let i = 0; i < 6; i++) {
        // What nginx's $proxy_add_x_forwarded_for makes of a forged header: the real client is appended.
        attempts.push(await login(t.running.app, 'admin', `guess-${i}`, '127.0.0.1', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` }));
      }
      assert.deepEqual(statuses(attempts), [401, 401, 401, 429, 429, 429]);
      const forged = await login(t.running.app, 'admin', ADMIN_PASSWORD, '127.0.0.1', { 'x-forwarded-for': '203.0.113.250, 198.51.100.7' });
      assert.equal(forged.status, 429, 'the right password waits too');
      const neighbour = await login(t.running.app, 'admin', ADMIN_PASSWORD, '127.0.0.1', { 'x-forwarded-for': '198.51.100.8' });
      assert.equal(neighbour.status, 200, 'another client behind the proxy has its own budget');
    });

    it('a hop count believes that many entries from the right: 2 for a CDN in front of nginx', async () => {
      const t = await start('2');
      const attempts: Attempt[] = [];
      for (let i = 0; i < 5; i++) attempts.push(await login(t.running.app, 'admin', `guess-${i}`, '127.0.0.1', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7, 10.0.0.5` }));
      assert.deepEqual(statuses(attempts), [401, 401, 401, 429, 429]);
      assert.equal((await login(t.running.app, 'admin', ADMIN_PASSWORD, '127.0.0.1', { 'x-forwarded-for': '198.51.100.9, 10.0.0.5' })).status, 200);
    });

    it("a list of proxy addresses believes entries only as far as they come from one, and a client reaching the server directly can't choose its address", async () => {
      const t = await start('127.0.0.1, 10.0.0.0/8');
      const viaTwo: Attempt[] = [];
      for (let i = 0; i < 5; i++) viaTwo.push(await login(t.running.app, 'admin', `guess-${i}`, '127.0.0.1', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7, 10.1.2.3` }));
      assert.deepEqual(statuses(viaTwo), [401, 401, 401, 429, 429], 'counted for 198.51.100.7, the first address no listed proxy vouches for');
      const direct: Attempt[] = [];
      for (let i = 0; i < 5; i++) direct.push(await login(t.running.app, 'supervisor', `guess-${i}`, '198.51.100.30', { 'x-forwarded-for': `203.0.113.${i}` }));
      assert.deepEqual(statuses(direct), [401, 401, 401, 429, 429], 'counted for the socket address: it is no proxy of ours');
      assert.equal((await login(t.running.app, 'admin', ADMIN_PASSWORD, '127.0.0.1', { 'x-forwarded-for': '198.51.100.8' })).status, 200);
    });
  });

  describe(`two servers on one database share the password-guessing limits (${dialect})`, () => {
    let t: TestApp;
    let b: Awaited<ReturnType<typeof startServerBeside>>;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_LOGIN_RATE_LIMIT: '4', GONGDAN_LOGIN_ADDRESS_RATE_LIMIT: '6' });
      b = await startServerBeside(t);
    });
    after(async () => {
      await b?.close();
      await t?.close();
    });
    const servers = () => [t.running.app, b.running.app];

    it('counts sign-ins per address and username across servers: GONGDAN_LOGIN_RATE_LIMIT in all, not on each', async () => {
      const attempts: Attempt[] = [];
      for (let i = 0; i < 8; i++) attempts.push(await login(servers()[i % 2]!, 'admin', `guess-${i}`, '198.51.100.40'));
      assert.deepEqual(statuses(attempts), [401, 401, 401, 401, 429, 429, 429, 429]);
    });

    it('counts failed sign-ins per address across servers', async () => {
      const attempts: Attempt[] = [];
      for (let i = 0; i < 9; i++) attempts.push(await login(servers()[i % 2]!, `made-up-${i}`, 'a-guess', '198.51.100.41'));
      assert.deepEqual(statuses(attempts), [401, 401, 401, 401, 401, 401, 429, 429, 429]);
    });

    it('counts guesses at the current password per user across servers', async () => {
      const handler = await t.ctx.uow.read((repos) => repos.users.findByRef('handler'));
      const token = await t.tokenFor(handler!.id);
      const clients = [new ApiClient(t.running.app, token), new ApiClient(b.running.app, token)];
      const results: number[] = [];
      for (let i = 0; i < 8; i++) {
        results.push((await clients[i % 2]!.patch('/api/v1/users/handler', { password: 'a-brand-new-password', currentPassword: `guess-${i}` })).status);
      }
      assert.deepEqual(results, [422, 422, 422, 422, 429, 429, 429, 429]);
    });
  });
}
