import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OutboxWorker } from '../../src/platform/outbox/outbox-worker.js';
import type { OutboxMessage } from '../../src/platform/outbox/outbox-repository.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

const body = { description: '宽带故障', category: 'fault', serviceItem: 'other', priority: 'high' };

for (const dialect of dialects()) {
  describe(`the outbox delivers side effects after commit (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
      await new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10 }).drain(); // what seeding left behind
    });
    after(async () => t?.close());

    it('hands every ticket event to its subscribers once, in order, and then forgets it', async () => {
      const created = await t.as('agent').post<{ id: string; number: string }>('/api/v1/tickets', body);
      const received: OutboxMessage[] = [];
      const worker = new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10 }).on('ticket.event', async (m) => {
        received.push(m);
      });
      assert.equal(await worker.drain(), 2);
      assert.deepEqual(received.map((m) => m.payload.type), ['ticket.created', 'ticket.dispatched']);
      assert.ok(received.every((m) => m.payload.ticketId === created.body.id));
      assert.equal(await worker.drain(), 0);
      assert.equal(await t.ctx.uow.read((repos) => repos.outbox.pendingCount()), 0);
    });

    it('retries a failed delivery later, with backoff, until it succeeds', async () => {
      await t.as('agent').post('/api/v1/tickets', { ...body, answeredOnSpot: true, result: '重启光猫后恢复' });
      let failures = 2;
      const delivered: string[] = [];
      const errors: unknown[] = [];
      const worker = new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10, onError: (e) => errors.push(e) }).on('ticket.event', async (m) => {
        if (failures > 0) {
          failures--;
          throw new Error('webhook endpoint down');
        }
        delivered.push(String(m.payload.type));
      });
      await worker.drain();
      assert.equal(errors.length, 2);
      assert.equal(await worker.drain(), 0, 'failed messages wait for their retry time');
      t.clock.advance(5_000);
      await worker.drain();
      assert.deepEqual(delivered.sort(), ['ticket.closed', 'ticket.created']);
      assert.equal(await t.ctx.uow.read((repos) => repos.outbox.pendingCount()), 0);
    });

    it('never delivers one message twice when two workers drain at once', async () => {
      for (let i = 0; i < 15; i++) await t.as('agent').post('/api/v1/tickets', body);
      const seen: number[] = [];
      const make = () =>
        new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10, batchSize: 4 }).on('ticket.event', async (m) => {
          seen.push(m.id);
          await new Promise((resolve) => setTimeout(resolve, 1));
        });
      await Promise.all([make().drain(), make().drain()]);
      assert.equal(seen.length, 30);
      assert.equal(new Set(seen).size, 30);
    });
  });
}
