import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { registerConsole } from '../../src/console/serve-console.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

/** The console's headers: its policy (no framing by anyone), nosniff, and no referrer to other sites. */
function assertConsoleHeaders(response: LightMyRequestResponse, what: string): void {
  const policy = String(response.headers['content-security-policy'] ?? '');
  assert.match(policy, /frame-ancestors 'none'/, `${what}: frame-ancestors`);
  assert.match(policy, /script-src 'self'(;|$)/, `${what}: scripts only from the console`);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(response.headers['referrer-policy'], 'same-origin', `${what}: referrer policy`);
}

describe('the console’s security headers, at every URL that serves it', () => {
  let dist: string;
  let app: FastifyInstance;
  before(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'gongdan-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), INDEX);
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1);\n');
    writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = Fastify();
    await registerConsole(app, dist);
  });
  after(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the page with its policy at /, at a deep link and at /index.html alike', async () => {
    for (const url of ['/', '/tickets/GD-20261123-000001', '/index.html', '/index.html?x=1']) {
      const page = await app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.body, INDEX, url);
      assert.match(String(page.headers['content-type']), /^text\/html/, url);
      assertConsoleHeaders(page, url);
    }
  });

  it('sends the build’s other files with them too (an SVG opened on its own is a document)', async () => {
    for (const url of ['/favicon.svg', '/assets/index-abc123.js']) {
      const file = await app.inject({ method: 'GET', url });
      assert.equal(file.statusCode, 200, url);
      assertConsoleHeaders(file, url);
    }
  });

  it('sends the page saying the console is not built with them', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'gongdan-dist-'));
    const bare = Fastify();
    try {
      await registerConsole(bare, empty);
      const page = await bare.inject({ method: 'GET', url: '/' });
      assert.equal(page.statusCode, 503);
      assertConsoleHeaders(page, 'not built');
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

for (const dialect of dialects()) {
  describe(`X-Content-Type-Options: nosniff on the API’s answers (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    it('sends nosniff with JSON, CSV, problems and the API document', async () => {
      const answers: Array<[string, { statusCode: number; headers: Record<string, unknown> }]> = [
        ['health', await t.running.app.inject({ method: 'GET', url: '/api/v1/health' })],
        ['openapi.json', await t.running.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })],
        ['/api/docs', await t.running.app.inject({ method: 'GET', url: '/api/docs' })],
        ['401', await t.running.app.inject({ method: 'GET', url: '/api/v1/tickets' })],
        ['unknown API path', await t.running.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })],
      ];
      const tickets = await t.as('agent').get('/api/v1/tickets');
      const csv = await t.as('agent').get('/api/v1/tickets/export.csv');
      const refused = await t.as('handler').post('/api/v1/customers', { name: 'x' });
      for (const [what, response] of [...answers, ['tickets', { statusCode: tickets.status, headers: tickets.headers }], ['export', { statusCode: csv.status, headers: csv.headers }], ['403', { statusCode: refused.status, headers: refused.headers }]] as const) {
        assert.ok(response.statusCode < 500, `${what}: ${response.statusCode}`);
        assert.equal(response.headers['x-content-type-options'], 'nosniff', what);
      }
      assert.equal(tickets.status, 200);
      assert.equal(csv.status, 200);
      assert.equal(refused.status, 403);
    });
  });
}
