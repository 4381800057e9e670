import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The shell blocks of the walk-through, pointed at a server on a free port. */
function walkthroughScript(port: number): string {
  const page = readFileSync(new URL('../../docs/api-walkthrough.md', import.meta.url), 'utf8');
  const blocks = [...page.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => !b.includes('npm start'));
  return ['set -eu', ...blocks].join('\n').replaceAll('localhost:3000', `127.0.0.1:${port}`);
}

describe('the curl walk-through in docs/api-walkthrough.md', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp('sqlite', { GONGDAN_ADMIN_PASSWORD: 'admin-secret-1', GONGDAN_DEMO_PASSWORD: 'demo-secret-1' });
    t.clock.set(new Date()); // curl drops session cookies that expired by its own clock
    await t.running.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.running.app.server.address() as AddressInfo).port;
  });
  after(async () => t?.close());

  it('runs as written against a real server and ends with the timeline it shows', async () => {
    // Asynchronously: the server answering the script runs in this very process.
    const run = await promisify(execFile)('bash', ['-c', walkthroughScript(port)], { encoding: 'utf8', timeout: 60_000 });
    const page = readFileSync(new URL('../../docs/api-walkthrough.md', import.meta.url), 'utf8');
    const timeline = /```text\n([\s\S]*?)```/.exec(page)![1]!.trim().split('\n');
    const printed = run.stdout.split('\n').map((line) => line.trimEnd());
    for (const line of timeline) assert.ok(printed.includes(line), `the output shows "${line}"`);
    assert.match(run.stdout, /"code": "version_conflict"/);
    assert.match(run.stdout, /step due \S+, extended 1 time\(s\)/);
    assert.match(run.stdout, /"code": "reply_required"/);
    assert.match(run.stdout, /"field": "fields.orderNumber"/);
  });
});
