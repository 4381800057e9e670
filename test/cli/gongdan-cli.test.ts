import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, describe, it } from 'node:test';

const run = promisify(execFile);
const cli = path.resolve('bin/gongdan.js');
const dirs: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongdan-cli-'));
  dirs.push(dir);
  return dir;
}

function env(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GONGDAN_DATA_DIR: dir, GONGDAN_SCRYPT_LOG_N: '10', LOG_LEVEL: 'warn', DATABASE_URL: '', ...extra };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the gongdan command', () => {
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serve: on a fresh data directory migrates, seeds, prints how to sign in once, and answers', async () => {
    const dir = dataDir();
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'serve'], { env: env(dir, { PORT: String(port), HOST: '127.0.0.1' }) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      // The first start may also build the web console (when web/dist is missing or stale).
      const deadline = Date.now() + 180_000;
      while (!output.includes('shown only this once') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.match(output, new RegExp(`running at http://127\\.0\\.0\\.1:${port}`));
      const admin = /\n\s+admin\s+admin\s+(\S+)/.exec(output);
      assert.ok(admin, `the admin password is printed:\n${output}`);
      for (const role of ['supervisor', 'agent', 'handler', 'auditor']) assert.match(output, new RegExp(`\\n\\s+${role}\\s+${role}\\s+\\S+`));
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'sqlite' });
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: admin[1] }),
      });
      assert.equal(login.status, 200, 'the printed password signs in');
      // The web console at `/`, and at any deep URL outside /api (its pages route in the browser).
      for (const url of ['/', '/tickets/GD-20261123-000001']) {
        const page = await fetch(`http://127.0.0.1:${port}${url}`);
        assert.equal(page.status, 200, url);
        assert.match(await page.text(), /<div id="root"><\/div>/, url);
      }
      const unknown = await fetch(`http://127.0.0.1:${port}/api/v2/nothing`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const second = spawn(process.execPath, [cli, 'serve'], { env: env(dir, { PORT: String(port), HOST: '127.0.0.1' }) });
    let again = '';
    second.stdout.on('data', (chunk: Buffer) => (again += chunk.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!again.includes('API documentation') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(again.includes('running at'), again);
      assert.ok(!again.includes('shown only this once'), 'passwords are printed on the first start only');
      assert.ok(!again.includes('Building the web console'), 'a current console build is not built again');
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    }
  });

  it('migrate, seed-demo, create-user, import-holidays and sla-sweep work on their own', async () => {
    const dir = dataDir();
    const migrated = await run(process.execPath, [cli, 'migrate'], { env: env(dir) });
    assert.match(migrated.stdout, /Applied: 0001-core, 0002-reference-version, 0003-queue-priority-index/);
    const upToDate = await run(process.execPath, [cli, 'migrate'], { env: env(dir) });
    assert.match(upToDate.stdout, /up to date/);
    // A user before the organisation would leave it without categories or departments for good.
    const early = await run(process.execPath, [cli, 'create-user', '-u', 'early', '-n', '先来', '-r', 'admin'], {
      env: env(dir, { GONGDAN_NEW_USER_PASSWORD: 'admin-pass-123' }),
    }).catch((error: { code: number; stderr: string }) => error);
    assert.equal((early as { code: number }).code, 1);
    assert.match((early as { stderr: string }).stderr, /not_set_up/);

    const seeded = await run(process.execPath, [cli, 'seed-demo'], { env: env(dir, { GONGDAN_ADMIN_PASSWORD: 'admin-pass-123' }) });
    assert.match(seeded.stdout, /admin\s+admin\s+\(GONGDAN_ADMIN_PASSWORD\)/);
    const reseeded = await run(process.execPath, [cli, 'seed-demo'], { env: env(dir) });
    assert.match(reseeded.stdout, /already has users; nothing was seeded/);

    const created = await run(process.execPath, [cli, 'create-user', '-u', 'zhou', '-n', '周处理', '-r', 'handler', '-d', 'refunds,exceptions'], {
      env: env(dir, { GONGDAN_NEW_USER_PASSWORD: 'handler-pass-1' }),
    });
    assert.match(created.stdout, /Created handler zhou/);
    const duplicate = await run(process.execPath, [cli, 'create-user', '-u', 'zhou', '-n', 'x', '-r', 'handler'], {
      env: env(dir, { GONGDAN_NEW_USER_PASSWORD: 'handler-pass-1' }),
    }).catch((error: { code: number; stderr: string }) => error);
    assert.equal((duplicate as { code: number }).code, 1);
    assert.match((duplicate as { stderr: string }).stderr, /username_taken/);
    // The API's rules hold on the command line too: no slash in a username, a real name, 8 characters of password.
    const invalid = await run(process.execPath, [cli, 'create-user', '-u', 'bad name/1', '-n', ' ', '-r', 'handler'], {
      env: env(dir, { GONGDAN_NEW_USER_PASSWORD: 'abc' }),
    }).catch((error: { code: number; stderr: string }) => error);
    assert.equal((invalid as { code: number }).code, 1);
    assert.match((invalid as { stderr: string }).stderr, /validation_failed: username must be 2-64 letters.*displayName.*password must be at least 8 characters/);

    const imported = await run(process.execPath, [cli, 'import-holidays', '-c', 'workdays_cn', '-y', '2026'], { env: env(dir) });
    assert.match(imported.stdout, /workdays_cn: added 0 holidays and 0 make-up workdays \(\d+ holidays and \d+ make-up workdays in all\)/);
    const unknownYear = await run(process.execPath, [cli, 'import-holidays', '-c', 'workdays_cn', '-y', '2999'], { env: env(dir) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal((unknownYear as { code: number }).code, 1);
    assert.match((unknownYear as { stderr: string }).stderr, /holiday_year_unknown/);
    const swept = await run(process.execPath, [cli, 'sla-sweep'], { env: env(dir) });
    assert.match(swept.stdout, /Fired 0 milestones on 0 tickets/);
  });

  it('stops at once with the variable named when the configuration is wrong', async () => {
    const failure = await run(process.execPath, [cli, 'serve'], { env: env(dataDir(), { PORT: 'eighty' }) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal((failure as { code: number }).code, 2);
    assert.match((failure as { stderr: string }).stderr, /Invalid configuration:\n\s+PORT: /);
  });

  it('names DATABASE_URL, without its password, when PostgreSQL cannot be reached', async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const url = 'postgres://gongdan:s3cret@127.0.0.1:1/gongdan';
    const failure = await run(process.execPath, [cli, 'migrate'], { env: env(dataDir(), { DATABASE_URL: url, GONGDAN_DATA_KEY: Buffer.alloc(32, 7).toString('base64') }) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal((failure as { code: number }).code, 2);
    const stderr = (failure as { stderr: string }).stderr;
    assert.match(stderr, /^Cannot use the PostgreSQL database of DATABASE_URL \(postgres:\/\/gongdan:\*\*\*@127\.0\.0\.1:1\/gongdan\): nothing answers/);
    assert.doesNotMatch(stderr, /s3cret|    at /);
  });
});
