import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Housekeeping } from '../../src/app/housekeeping.job.js';
import { readJson } from '../../src/platform/db/database.js';
import { OutboxWorker } from '../../src/platform/outbox/outbox-worker.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

const body = { description: '宽带故障', category: 'fault', serviceItem: 'other', priority: 'high' };
const HOUR = 3_600_000;

for (const dialect of dialects()) {
  describe(`housekeeping keeps the outbox and the idempotency keys bounded (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { GONGDAN_OUTBOX_RETENTION_HOURS: '24', GONGDAN_IDEMPOTENCY_RETENTION_HOURS: '48' });
    });
    after(async () => t?.close());

    const housekeeping = (options: { batchSize?: number; maxBatches?: number } = {}) =>
      new Housekeeping(t.ctx, { intervalMs: 60_000, outboxRetentionMs: t.config.outboxRetentionMs, idempotencyRetentionMs: t.config.idempotencyRetentionMs, ...options });
    const outboxTickets = async () =>
      (await t.running.database.db.selectFrom('outbox').select(['payload', 'processed_at']).orderBy('id').execute()).map((row) => ({
        ticketId: readJson<{ ticketId?: string }>(row.payload, {}).ticketId,
        delivered: row.processed_at !== null,
      }));

    it('deletes delivered messages once they are older than the retention, and never an undelivered one', async () => {
      const old = await t.as('agent').post<{ id: string }>('/api/v1/tickets', body);
      await new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10 }).drain();
      const stuck = await t.as('agent').post<{ id: string }>('/api/v1/tickets', body);
      // The endpoint for this ticket's messages is down: they stay undelivered, retried with backoff.
      const flaky = new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10 }).on('ticket.event', async (m) => {
        if (m.payload.ticketId === stuck.body.id) throw new Error('webhook endpoint down');
      });
      await flaky.drain();
      t.clock.advance(20 * HOUR);
      const recent = await t.as('agent').post<{ id: string }>('/api/v1/tickets', body);
      await flaky.drain();
      t.clock.advance(5 * HOUR); // the old ticket's messages were delivered 25 hours ago, the recent one's 5

      assert.deepEqual(
        (await outboxTickets()).filter((m) => m.ticketId === old.body.id),
        [
          { ticketId: old.body.id, delivered: true },
          { ticketId: old.body.id, delivered: true },
        ],
      );
      assert.equal((await housekeeping().runOnce()).outboxMessages, 2);

      const left = await outboxTickets();
      assert.deepEqual(
        left.map((m) => [m.ticketId, m.delivered]),
        [
          [stuck.body.id, false],
          [stuck.body.id, false],
          [recent.body.id, true],
          [recent.body.id, true],
        ],
      );
      assert.equal((await housekeeping().runOnce()).outboxMessages, 0, 'a second run finds nothing more');
    });

    it('works off a backlog in batches, and leaves what one run cannot take for the next', async () => {
      for (let i = 0; i < 6; i++) await t.as('agent').post('/api/v1/tickets', body);
      await new OutboxWorker(t.ctx.uow, t.clock, { pollMs: 10 }).drain();
      t.clock.advance(25 * HOUR);
      const delivered = (await outboxTickets()).filter((m) => m.delivered).length;
      assert.ok(delivered >= 12);
      assert.equal((await housekeeping({ batchSize: 2, maxBatches: 3 }).runOnce()).outboxMessages, 6);
      assert.equal((await outboxTickets()).filter((m) => m.delivered).length, delivered - 6);
      assert.equal((await housekeeping({ batchSize: 5 }).runOnce()).outboxMessages, delivered - 6);
      assert.equal((await outboxTickets()).filter((m) => m.delivered).length, 0);
    });

    it('forgets an Idempotency-Key after its retention: a retry then creates a new ticket', async () => {
      const agent = t.as('agent');
      const first = await agent.post<{ id: string }>('/api/v1/tickets', body, { 'idempotency-key': 'hk-old' });
      t.clock.advance(40 * HOUR);
      const second = await agent.post<{ id: string }>('/api/v1/tickets', body, { 'idempotency-key': 'hk-recent' });
      t.clock.advance(10 * HOUR); // hk-old is 50 hours old, hk-recent 10

      assert.equal((await housekeeping().runOnce()).idempotencyKeys, 1);
      const retriedRecent = await agent.post<{ id: string }>('/api/v1/tickets', body, { 'idempotency-key': 'hk-recent' });
      assert.equal(retriedRecent.body.id, second.body.id, 'a key within its retention still answers with its ticket');
      const retriedOld = await agent.post<{ id: string }>('/api/v1/tickets', body, { 'idempotency-key': 'hk-old' });
      assert.equal(retriedOld.status, 201);
      assert.notEqual(retriedOld.body.id, first.body.id);
    });
  });
}
