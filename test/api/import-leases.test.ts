import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UseCaseContext } from '../../src/app/context.js';
import type { AppUnitOfWork } from '../../src/app/repositories.js';
import { ManualClock, type Clock } from '../../src/platform/clock.js';
import { ImportWorker } from '../../src/transfer/import-worker.job.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

/*
 * Two import workers on one database, as two server processes would be, driven by hand in one
 * process: worker A claims a job and stalls inside its chunk (a slow database, a stopped process)
 * until its two-minute lease has run out; worker B then takes the job over. A's late results must
 * not be counted a second time, nor may A's failure or heartbeat undo B's hold on the job.
 */

interface Job {
  id: string;
  status: string;
  counts: { total: number; processed: number; created: number; updated: number; skipped: number; failed: number };
  error: string | null;
}

const I = '/api/v1/imports';
const BOM = '\uFEFF';
const LEASE_RUN_OUT = 150_000;

const utf8File = (lines: string[]) => Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
const ticketFile = (tag: string, good: number, refused = 0) =>
  utf8File([
    '描述,工单分类,服务目录,优先级',
    ...Array.from({ length: good }, (_, i) => `${tag}-${i},咨询,其它,低`),
    ...Array.from({ length: refused }, (_, i) => `${tag}-refused-${i},没有这个分类,其它,低`),
  ]);

/**
 * A worker whose chunk stalls: its claim goes through, then every ticket create (`aside`, the
 * first step of `createTicket`) or, for customers, the chunk's transaction (every write after the
 * claim) waits until `release()`; `release(error)` makes them fail instead, as with a lost
 * connection. Reads, and for tickets the heartbeat's renewals of the lease, are not held up.
 */
function stalledWorker(t: TestApp, gate: 'tickets' | 'customers', options: { clock?: Clock; heartbeatMs?: number } = {}) {
  const uow = t.ctx.uow;
  let release!: (error?: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    release = (error) => (error ? reject(error) : resolve());
  });
  opened.catch(() => undefined);
  let reached!: () => void;
  const stalled = new Promise<void>((resolve) => (reached = resolve));
  let writes = 0;
  let renewalRefused = false;
  let rowsStarted = 0;
  const held = async <T>(run: () => Promise<T>): Promise<T> => {
    reached();
    await opened;
    return run();
  };
  const gated: AppUnitOfWork = {
    read: (work) => uow.read(work),
    write: (work) =>
      gate === 'customers' && ++writes > 1
        ? held(() => uow.write(work))
        : uow.write(work).then((value) => {
            // Of this worker's writes only a renewal of its lease answers false: the job is no longer its.
            if (value === false) renewalRefused = true;
            return value;
          }),
    aside: (work) => {
      if (gate !== 'tickets') return uow.aside(work);
      rowsStarted += 1;
      return held(() => uow.aside(work));
    },
  };
  const ctx: UseCaseContext = { ...t.ctx, clock: options.clock ?? t.ctx.clock, uow: gated };
  const worker = new ImportWorker(ctx, { pollMs: 1000, heartbeatMs: options.heartbeatMs });
  let running: Promise<unknown> = Promise.resolve();
  return {
    /** Runs one step of the worker (it claims a job and stalls in its chunk). */
    run: () => {
      const step = worker.runOnce();
      running = step.catch(() => undefined);
      return step;
    },
    stalled,
    release: (error?: Error) => release(error),
    rowsStarted: () => rowsStarted,
    /** Whether its heartbeat has found the job no longer its own. */
    renewalRefused: () => renewalRefused,
    /** Lets the worker go and waits for its step to end, however it ends. */
    settle: async () => {
      release();
      await running;
    },
  };
}

/** Polls until `check` holds, at most `ms` of real time; answers whether it did. */
async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(10);
  }
  return check();
}

for (const dialect of dialects()) {
  describe(`CSV import: a worker that outlives its lease (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => t?.close());

    // Whatever a test left behind (a stalled worker, a live job) must not reach the next one.
    const stalledWorkers: Array<ReturnType<typeof stalledWorker>> = [];
    const stall = (gate: 'tickets' | 'customers', options?: { clock?: Clock; heartbeatMs?: number }) => {
      const worker = stalledWorker(t, gate, options);
      stalledWorkers.push(worker);
      return worker;
    };
    afterEach(async () => {
      for (const worker of stalledWorkers.splice(0)) await worker.settle();
      const jobs = await t.as('admin').get<{ items: Job[] }>(`${I}?limit=100`);
      for (const job of jobs.body.items) if (job.status === 'queued' || job.status === 'running') await t.as('admin').post(`${I}/${job.id}/cancel`);
    });

    async function upload(kind: 'tickets' | 'customers', file: Buffer): Promise<string> {
      const started = await t.as('admin').raw<Job>('POST', `${I}?kind=${kind}`, file, 'text/csv');
      assert.equal(started.status, 202, JSON.stringify(started.body));
      return started.body.id;
    }

    async function jobOf(id: string): Promise<Job> {
      const job = await t.as('admin').get<Job>(`${I}/${id}`);
      assert.equal(job.status, 200);
      return job.body;
    }

    async function errorLines(id: string): Promise<number[]> {
      const page = await t.as('admin').get<{ items: Array<{ row: number }> }>(`${I}/${id}/errors?limit=100`);
      assert.equal(page.status, 200);
      return page.body.items.map((item) => item.row);
    }

    /** Attempts and last error as stored: what counts towards failing the job. */
    async function attemptsOf(id: string): Promise<[number, string | null]> {
      const job = await t.ctx.uow.read((repos) => repos.imports.find(id));
      return [job!.attempts, job!.lastError];
    }

    async function ticketsDescribed(prefix: string): Promise<number> {
      const row = await t.running.database.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('description', 'like', `${prefix}-%`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }

    /** The job's lease as stored, in milliseconds. */
    async function leaseUntil(id: string): Promise<number | null> {
      const row = await t.running.database.db.selectFrom('import_jobs').select('lease_until').where('id', '=', id).executeTakeFirstOrThrow();
      return row.lease_until === null ? null : new Date(row.lease_until).getTime();
    }

    for (const [name, good, refused] of [
      ['all rows valid', 50, 0],
      ['with a refused row', 49, 1],
    ] as const) {
      it(`a ticket chunk taken over after its lease ran out is counted once, from the new holder (${name})`, async () => {
        const tag = `stale-${refused}`;
        const id = await upload('tickets', ticketFile(tag, good, refused));
        const a = stall('tickets');
        const runA = a.run();
        await a.stalled;
        // A is still inside the chunk two and a half minutes later: its heartbeat could not run.
        t.clock.advance(LEASE_RUN_OUT);
        const b = new ImportWorker(t.ctx, { pollMs: 1000 });
        const reportB = await b.runOnce();
        assert.deepEqual([reportB?.jobId, reportB?.status, reportB?.counts.processed], [id, 'done', 50], 'B took the job over and ran the chunk');
        a.release();
        const [settledA] = await Promise.allSettled([runA]);

        const job = await jobOf(id);
        assert.deepEqual(
          [job.status, job.counts],
          ['done', { total: 50, processed: 50, created: good, updated: 0, skipped: 0, failed: refused }],
          'each row counted once',
        );
        assert.deepEqual(await errorLines(id), refused ? [51] : [], 'one error line for the refused row');
        assert.equal(await ticketsDescribed(tag), good, 'each ticket created once (idempotency keys)');
        assert.deepEqual(await attemptsOf(id), [0, null]);
        assert.equal(settledA.status, 'fulfilled', `A's late save does not fail: ${settledA.status === 'rejected' ? String(settledA.reason) : ''}`);
        assert.equal(settledA.status === 'fulfilled' && settledA.value?.superseded, true, 'A learns that its results were discarded');
      });
    }

    it('a stale worker that fails neither clears the new holder’s lease nor uses up the job’s attempts', async () => {
      const tag = 'stale-fail';
      const id = await upload('tickets', ticketFile(tag, 120));
      const a = stall('tickets');
      const runA = a.run();
      await a.stalled;
      t.clock.advance(LEASE_RUN_OUT);
      const b = new ImportWorker(t.ctx, { pollMs: 1000 });
      const reportB = await b.runOnce();
      assert.deepEqual([reportB?.status, reportB?.counts.processed], ['running', 50], 'B ran the first chunk of three');
      // A's database connection "went away" while it was stalled.
      a.release(new Error('connection terminated unexpectedly'));
      await assert.rejects(runA, /connection terminated/);

      assert.deepEqual(await attemptsOf(id), [0, null], 'A’s failure is not counted against the job');
      // Past A's retry back-off (5 s), well within B's lease: a third worker still finds the job held.
      t.clock.advance(10_000);
      const c = new ImportWorker(t.ctx, { pollMs: 1000 });
      assert.equal(await c.runOnce(), null, 'B still holds the job');
      assert.equal(await b.drain(), 2, 'B goes on with the next two chunks');
      const job = await jobOf(id);
      assert.deepEqual([job.status, job.counts.processed, job.counts.created, job.error], ['done', 120, 120, null]);
      assert.equal(await ticketsDescribed(tag), 120);
    });

    it('a ticket chunk still running renews its lease: no other worker takes the job over', async () => {
      const tag = 'heartbeat';
      const id = await upload('tickets', ticketFile(tag, 50));
      const a = stall('tickets', { heartbeatMs: 20 });
      const runA = a.run();
      await a.stalled;
      t.clock.advance(LEASE_RUN_OUT);
      const renewed = await eventually(async () => ((await leaseUntil(id)) ?? 0) > t.clock.now().getTime());
      const b = new ImportWorker(t.ctx, { pollMs: 1000 });
      const reportB = await b.runOnce();
      a.release();
      const reportA = await runA;
      const job = await jobOf(id);
      assert.deepEqual([job.status, job.counts.processed, job.counts.created], ['done', 50, 50]);
      assert.ok(renewed, 'the heartbeat renewed the lease while the chunk ran');
      assert.equal(reportB, null, 'the job is held by the worker still running it');
      assert.deepEqual([reportA?.status, reportA?.counts.processed, reportA?.superseded], ['done', 50, undefined]);
      assert.equal(await ticketsDescribed(tag), 50);
    });

    it('a worker whose clock lags behind loses the job despite its heartbeat: it stops starting rows and saves nothing', async () => {
      const tag = 'skew';
      const id = await upload('tickets', ticketFile(tag, 120));
      const a = stall('tickets', { heartbeatMs: 20 });
      const runA = a.run();
      await a.stalled;
      // B's clock is two and a half minutes ahead of A's: A's renewed lease has run out by B's.
      const ahead = new ManualClock(new Date(t.clock.now().getTime() + LEASE_RUN_OUT));
      const b = new ImportWorker({ ...t.ctx, clock: ahead }, { pollMs: 1000 });
      const reportB = await b.runOnce();
      assert.deepEqual([reportB?.status, reportB?.counts.processed], ['running', 50]);
      const leaseOfB = await leaseUntil(id);
      // A's next beat finds the job B's; only then are A's stalled rows let go.
      const noticed = await eventually(async () => a.renewalRefused());
      a.release();
      const reportA = await runA;
      const afterA = await jobOf(id);
      assert.deepEqual([afterA.status, afterA.counts.processed, afterA.counts.created], ['running', 50, 50], 'A’s late results are not added');
      assert.equal(await leaseUntil(id), leaseOfB, 'A’s heartbeat and save did not touch B’s lease');
      assert.ok(noticed, 'A’s heartbeat found the job taken over');
      assert.equal(reportA?.superseded, true);
      assert.ok(a.rowsStarted() <= 8, `A stopped starting rows once it lost the job (started ${a.rowsStarted()} of 50)`);
      const c = new ImportWorker({ ...t.ctx, clock: ahead }, { pollMs: 1000 });
      assert.equal(await c.runOnce(), null, 'B still holds the job');
      assert.deepEqual(await attemptsOf(id), [0, null]);
      await b.drain();
      const job = await jobOf(id);
      assert.deepEqual([job.status, job.counts.processed, job.counts.created], ['done', 120, 120]);
      assert.equal(await ticketsDescribed(tag), 120);
    });

    it('a customer chunk that a worker reaches only after another took the job over imports nothing', async () => {
      const lines = ['姓名,手机'];
      for (let i = 0; i < 200; i++) lines.push(`接管客户${i},136${String(80_000_000 + i).padStart(8, '0')}`);
      const id = await upload('customers', utf8File(lines));
      const a = stall('customers');
      const runA = a.run();
      // A claimed the job, then stalled before its chunk's transaction began.
      await a.stalled;
      t.clock.advance(LEASE_RUN_OUT);
      const b = new ImportWorker(t.ctx, { pollMs: 1000 });
      const reportB = await b.runOnce();
      assert.deepEqual([reportB?.status, reportB?.counts.created], ['running', 100], 'B ran the first chunk of two');
      a.release();
      const reportA = await runA;
      const afterA = await jobOf(id);
      assert.deepEqual(
        [afterA.status, afterA.counts],
        ['running', { total: 200, processed: 100, created: 100, updated: 0, skipped: 0, failed: 0 }],
        'A does not run the chunk a second time (its rows would all be reported as duplicates)',
      );
      assert.deepEqual(await errorLines(id), []);
      assert.equal(reportA?.superseded, true);
      assert.equal(await b.drain(), 1);
      const job = await jobOf(id);
      assert.deepEqual([job.status, job.counts.processed, job.counts.created, job.counts.failed], ['done', 200, 200, 0]);
    });
  });
}
