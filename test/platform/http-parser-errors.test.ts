import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Requests that Node's HTTP parser refuses never reach the routes; they get problem+json with a
 * stable code like every other refusal (before: Node's {"error","message","statusCode"}).
 * Only the HTTP layer is involved, so one dialect is enough.
 */
describe('requests the HTTP parser refuses', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp('sqlite');
    await t.running.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.running.app.server.address() as AddressInfo).port;
  });
  after(async () => t?.close());

  /** Sends raw bytes and answers the status, content type and body the server wrote before closing. */
  const send = (raw: string) =>
    new Promise<{ status: number; type: string; body: Record<string, unknown> }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(raw));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        const status = Number(head.split(' ')[1]);
        const type = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
        resolve({ status, type, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
      });
    });

  for (const [label, raw, status, code] of [
    ['a 20,000-character search', `GET /api/v1/tickets?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'headers_too_large'],
    ['a 60 KB Idempotency-Key', `POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nIdempotency-Key: ${'k'.repeat(60_000)}\r\n\r\n`, 431, 'headers_too_large'],
    ['Chinese text not percent-encoded in the query', 'GET /api/v1/tickets?q=光猫红灯 HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'invalid_url'],
    ['a malformed header line', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n', 400, 'malformed_request'],
    ['a Content-Length that is not a number', 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}', 400, 'malformed_request'],
    ['broken chunked encoding', 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', 400, 'malformed_request'],
  ] as const) {
    it(`answers ${label} with ${status} problem+json ${code}`, async () => {
      const answer = await send(raw);
      assert.equal(answer.status, status);
      assert.match(answer.type, /^application\/problem\+json/);
      assert.equal(answer.body.code, code);
      assert.equal(answer.body.status, status);
    });
  }

  it('still serves a well-formed request on a new connection', async () => {
    const answer = await send('GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(answer.status, 200);
  });
});
