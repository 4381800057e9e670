import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { normalisePhone } from '../../customers/domain/customer.js';
import { AppError } from '../../platform/errors.js';
import { rehearsal } from '../../platform/db/unit-of-work.js';
import { createTicketBody } from '../../tickets/http/ticket.schemas.js';
import { createTicket } from '../../tickets/use-cases/create-ticket.js';
import { ZonedFormatter } from '../domain/cells.js';
import { RowCells, type RowIssue } from '../domain/columns.js';
import { readCustomerRow } from '../domain/customer-columns.js';
import { addCounts, isFinished, MAX_ATTEMPTS, mayImport, type ImportCounts, type ImportJob, type ImportStatus } from '../domain/import-job.js';
import { readTicketRow, type TicketRow } from '../domain/ticket-columns.js';
import type { ImportChunk, ImportErrorRecord, JobClaim } from '../persistence/imports-repository.js';
import { importCustomerRow, type RowOutcome } from './import-customer-row.js';
import { jobActor, rowIssuesOf, schemaRefusal, ticketReferences } from './import-context.js';

/** How long a worker holds a job without a word from it before another process may take it over. */
export const LEASE_MS = 2 * 60_000;

/** How often a ticket chunk in progress renews its lease: several beats fit in one lease. */
export const HEARTBEAT_MS = LEASE_MS / 4;

/** Tickets created at once within a chunk: on SQLite they share commits, on PostgreSQL each holds a pooled connection. */
const TICKETS_IN_FLIGHT = 8;

/** What one run of the worker did: which job, and where it stands now. */
export interface ChunkReport {
  jobId: string;
  status: ImportStatus;
  counts: ImportCounts;
  /**
   * True when this worker's lease had run out and another worker had taken the job over (or
   * saved the chunk) before this one could save: its results were discarded, and the job stands
   * as the holder left it. The holder reports the job's end, not this worker.
   */
  superseded?: true;
}

export interface ImportStepOptions {
  /** How often a ticket chunk in progress renews its lease (default `HEARTBEAT_MS`). */
  heartbeatMs?: number;
}

type RowResult = { row: number; outcome: RowOutcome } | { row: number; outcome: 'failed'; issues: RowIssue[] };

/**
 * Does one step of the import work there is: takes the job that waited longest, imports its next
 * chunk of rows and records the progress. Answers null when no job has work left.
 *
 * Customers: the whole chunk is one transaction, each row in its own savepoint (a refused row
 * rolls back alone), and the progress and the chunk's error report commit with it, so a restart
 * resumes exactly after the last committed chunk. Tickets: each row goes through `createTicket`
 * in its own transaction (routing, time limits, the search index and events as for any ticket),
 * with an idempotency key of the job and row, so rows created before a crash are found again,
 * not created twice, when the chunk is run again.
 */
export async function runImportStep(ctx: UseCaseContext, workerId: string, options: ImportStepOptions = {}): Promise<ChunkReport | null> {
  const now = ctx.clock.now();
  const job = await ctx.uow.write((repos) => repos.imports.claim(workerId, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()));
  if (!job) return null;
  // Everything this run records is conditional on still holding the job at this chunk.
  const claim: JobClaim = { workerId, nextChunk: job.nextChunk };
  try {
    return await runChunk(ctx, job, claim, options.heartbeatMs ?? HEARTBEAT_MS);
  } catch (error) {
    const attempts = job.attempts + 1;
    const failed = attempts >= MAX_ATTEMPTS;
    const at = ctx.clock.now();
    const message = `Chunk ${job.nextChunk + 1} of ${job.chunkCount}: ${error instanceof Error ? error.message : String(error)}`;
    // Back off before the next attempt, so a database that is down is not hammered. A worker
    // that was replaced meanwhile records nothing: the new holder's lease and attempts stand.
    const retryAt = new Date(at.getTime() + 5_000 * attempts).toISOString();
    await ctx.uow.write((repos) => repos.imports.recordFailure(job.id, claim, attempts, message, failed, at.toISOString(), retryAt));
    throw error;
  }
}

async function runChunk(ctx: UseCaseContext, job: ImportJob, claim: JobClaim, heartbeatMs: number): Promise<ChunkReport> {
  const { actor, chunk } = await ctx.uow.read(async (repos) => ({
    actor: await jobActor(repos, job.createdBy),
    chunk: job.nextChunk < job.chunkCount ? await repos.imports.chunk(job.id, job.nextChunk) : null,
  }));
  if (!chunk) return finish(ctx, job, claim, 'done');
  if (!actor || !mayImport(actor.role, job.kind)) {
    return finish(ctx, job, claim, 'failed', 'The person who started the import may no longer import (deactivated, or another role now).');
  }
  return job.kind === 'customers' ? customerChunk(ctx, actor, job, claim, chunk) : ticketChunk(ctx, actor, job, claim, chunk, heartbeatMs);
}

function emptyCounts(): Omit<ImportCounts, 'total'> {
  return { processed: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
}

function tally(results: ReadonlyArray<RowResult | undefined>): { counts: Omit<ImportCounts, 'total'>; errors: ImportErrorRecord[] } {
  const counts = emptyCounts();
  const errors: ImportErrorRecord[] = [];
  for (const result of results) {
    // A row the chunk did not start (it stopped early: cancelled) is not counted.
    if (!result) continue;
    counts.processed += 1;
    if (result.outcome === 'failed') {
      counts.failed += 1;
      result.issues.forEach((issue, seq) => errors.push({ row: result.row, seq, ...issue }));
    } else {
      counts[result.outcome] += 1;
    }
  }
  return { counts, errors };
}

/**
 * Records a chunk's results on the job (inside the caller's transaction when given one): counts,
 * errors, the next chunk, and `done` after the last. A job cancelled meanwhile stays cancelled,
 * with the counts of what was done before the cancel took hold. Only while this worker still
 * holds the job at this chunk (compare-and-set on `claimed_by` and `next_chunk`, under the job's
 * lock): a worker whose lease ran out and whose job another worker took over saves nothing, and
 * the job stays as the holder leaves it.
 */
async function saveChunk(ctx: UseCaseContext, repos: Repositories, job: ImportJob, claim: JobClaim, results: ReadonlyArray<RowResult | undefined>): Promise<ChunkReport> {
  const current = (await repos.imports.find(job.id, true))!;
  const { counts, errors } = tally(results);
  const total = addCounts(current.counts, counts);
  const nextChunk = claim.nextChunk + 1;
  const status: ImportStatus = isFinished(current.status) ? current.status : nextChunk >= job.chunkCount ? 'done' : 'running';
  const at = ctx.clock.now();
  const leaseUntil = status === 'running' ? new Date(at.getTime() + LEASE_MS).toISOString() : null;
  const saved = await repos.imports.saveProgress(job.id, claim, { counts: total, nextChunk, status, at: at.toISOString(), leaseUntil }, errors);
  return saved ? { jobId: job.id, status, counts: total } : superseded(current);
}

function superseded(current: ImportJob): ChunkReport {
  return { jobId: current.id, status: current.status, counts: current.counts, superseded: true };
}

/** Ends a job without a chunk to run: all chunks done, or a job that may not go on. */
async function finish(ctx: UseCaseContext, job: ImportJob, claim: JobClaim, status: 'done' | 'failed', error?: string): Promise<ChunkReport> {
  return ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    const recorded =
      status === 'failed'
        ? await repos.imports.recordFailure(job.id, claim, MAX_ATTEMPTS, error ?? 'failed', true, at, at)
        : await repos.imports.saveProgress(job.id, claim, { counts: job.counts, nextChunk: job.chunkCount, status, at, leaseUntil: null }, []);
    return recorded ? { jobId: job.id, status, counts: job.counts } : superseded((await repos.imports.find(job.id))!);
  });
}

/** One chunk of customers: one transaction (rolled back in a dry run), each row in a savepoint. */
async function customerChunk(ctx: UseCaseContext, actor: Actor, job: ImportJob, claim: JobClaim, chunk: ImportChunk): Promise<ChunkReport> {
  const rowsOf = async (repos: Repositories): Promise<RowResult[] | null> => {
    // Under the job's lock: a cancel either comes before this chunk or after it, never inside.
    // So does a takeover: a worker whose lease ran out before it got here finds the job held by
    // another (or the chunk done) and imports nothing; customer rows are not idempotent.
    const current = await repos.imports.find(job.id, true);
    if (!current || isFinished(current.status) || !(await repos.imports.holds(job.id, claim))) return null;
    const definitions = await repos.customerAttributes.list();
    const results: RowResult[] = [];
    for (const { row, cells } of chunk.rows) {
      const parsed = readCustomerRow(new RowCells(cells, job.columns), definitions);
      if (parsed.issues.length > 0) {
        results.push({ row, outcome: 'failed', issues: parsed.issues });
        continue;
      }
      const step = await repos.savepoint(() => importCustomerRow(ctx, repos, actor, parsed, job.options.onDuplicate));
      if (step.ok) results.push({ row, outcome: step.value });
      else if (step.error instanceof AppError) results.push({ row, outcome: 'failed', issues: rowIssuesOf(step.error, parsed.sources) });
      // Not a refusal of the row (a lost connection, a bug): the whole chunk rolls back and is tried again.
      else throw step.error;
    }
    return results;
  };
  if (job.options.dryRun) {
    const results = await rehearsal(ctx.uow).write(rowsOf);
    return ctx.uow.write(async (repos) => saveChunk(ctx, repos, job, claim, results ?? []));
  }
  return ctx.uow.write(async (repos) => {
    const results = await rowsOf(repos);
    return results ? saveChunk(ctx, repos, job, claim, results) : stopped(repos, job, claim);
  });
}

/** Where a job stands that this worker did not run a chunk of: cancelled, or taken over (and perhaps finished) by another. */
async function stopped(repos: Repositories, job: ImportJob, claim: JobClaim): Promise<ChunkReport> {
  const current = (await repos.imports.find(job.id))!;
  if (!(await repos.imports.holds(job.id, claim))) return superseded(current);
  return { jobId: job.id, status: current.status, counts: current.counts };
}

/**
 * Renews a ticket chunk's lease every `everyMs` while the chunk runs, so that a chunk slower than
 * the lease (a slow database, many rows waiting on one caller) is not taken over by another
 * worker. `held` turns false once a renewal finds the job no longer this worker's at this chunk
 * (its lease ran out anyway, say a stalled process or a clock far behind the others', and another
 * worker took it over) or cancelled: the chunk then starts no more rows. A renewal that fails
 * (the database is away) is tried again at the next beat; the save checks the hold regardless.
 */
class LeaseHeartbeat {
  held = true;
  private timer: NodeJS.Timeout | null = null;
  private beat: Promise<void> | null = null;

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly jobId: string,
    private readonly claim: JobClaim,
    private readonly everyMs: number,
  ) {
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.beat = this.renew().finally(() => {
        this.beat = null;
        if (this.timer && this.held) this.schedule();
      });
    }, this.everyMs);
    // A beat never keeps the process alive on its own.
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const leaseUntil = new Date(this.ctx.clock.now().getTime() + LEASE_MS).toISOString();
    try {
      if (!(await this.ctx.uow.write((repos) => repos.imports.renewLease(this.jobId, this.claim, leaseUntil)))) this.held = false;
    } catch {
      // Tried again at the next beat.
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.beat;
  }
}

/**
 * One chunk of tickets: each row through `createTicket`, several at a time, results kept in row
 * order. Rows for the same caller run one after another in file order, so the first row of a new
 * caller creates the customer with its name and the next ones find it. The chunk is not one
 * transaction, so it holds the job by its lease alone: a heartbeat renews it while rows run, and
 * the results are saved only if this worker still holds the job at this chunk. When it does not
 * (another worker took over after the lease ran out), they are dropped: the new holder runs the
 * same rows, whose tickets are found again by their idempotency keys, and saves them once.
 */
async function ticketChunk(ctx: UseCaseContext, actor: Actor, job: ImportJob, claim: JobClaim, chunk: ImportChunk, heartbeatMs: number): Promise<ChunkReport> {
  const { current, held } = await ctx.uow.read(async (repos) => ({ current: await repos.imports.find(job.id), held: await repos.imports.holds(job.id, claim) }));
  if (current && !held) return superseded(current);
  if (!current || isFinished(current.status)) return { jobId: job.id, status: current?.status ?? 'cancelled', counts: current?.counts ?? job.counts };
  const references = await ctx.uow.read((repos) => ticketReferences(repos));
  const time = new ZonedFormatter(ctx.timeZone);
  const rowCtx: UseCaseContext = job.options.dryRun ? { ...ctx, uow: rehearsal(ctx.uow) } : ctx;
  const parsed = chunk.rows.map(({ row, cells }) => ({ row, ticket: readTicketRow(new RowCells(cells, job.columns), references, time) }));
  const callers = new Map<string, Promise<unknown>>();
  const results: Array<RowResult | undefined> = new Array(parsed.length);
  const heartbeat = new LeaseHeartbeat(ctx, job.id, claim, heartbeatMs);
  // An unexpected failure (not a refused row) stops the chunk; the rows in flight settle first.
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < parsed.length && heartbeat.held && failures.length === 0) {
      const index = next++;
      const { row, ticket } = parsed[index]!;
      const phone = ticket.draft.customer?.phone;
      const caller = phone ? normalisePhone(phone, ctx.defaultAreaCode) : null;
      const run = (caller ? callers.get(caller) ?? Promise.resolve() : Promise.resolve()).then(() => ticketRow(rowCtx, actor, job, row, ticket));
      if (caller) callers.set(caller, run.catch(() => undefined));
      try {
        results[index] = await run;
      } catch (error) {
        failures.push(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(TICKETS_IN_FLIGHT, parsed.length) }, worker));
  } finally {
    await heartbeat.stop();
  }
  if (failures.length > 0) throw failures[0];
  // Stopped early without the job (another worker holds it, or it was cancelled): the save
  // finds out which, and records the rows done only for a cancelled job still this worker's.
  return ctx.uow.write((repos) => saveChunk(ctx, repos, job, claim, results));
}

async function ticketRow(ctx: UseCaseContext, actor: Actor, job: ImportJob, row: number, parsed: TicketRow): Promise<RowResult> {
  if (parsed.issues.length > 0) return { row, outcome: 'failed', issues: parsed.issues };
  const input = createTicketBody.safeParse(parsed.draft);
  if (!input.success) return { row, outcome: 'failed', issues: rowIssuesOf(schemaRefusal(input.error, parsed.draft, 'validation_failed', 'ticket'), parsed.sources) };
  try {
    // A rerun of the chunk after a crash finds the ticket this row created and creates no second one.
    await createTicket(ctx, actor, input.data, job.options.dryRun ? undefined : `import:${job.id}:${row}`);
    return { row, outcome: 'created' };
  } catch (error) {
    if (error instanceof AppError) return { row, outcome: 'failed', issues: rowIssuesOf(error, parsed.sources) };
    throw error;
  }
}
