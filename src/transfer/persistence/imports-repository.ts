import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { readJson, writeJson } from '../../platform/db/database.js';
import type { DB, ImportJobsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { FieldCipher } from '../../platform/security/field-encryption.js';
import type { MappedColumn } from '../domain/columns.js';
import type { ImportEncoding } from '../domain/encoding.js';
import type { ImportCounts, ImportJob, ImportKind, ImportOptions, ImportStatus } from '../domain/import-job.js';

/** A run of a file's data rows, each with the row number a spreadsheet shows. */
export interface ImportChunk {
  seq: number;
  rows: Array<{ row: number; cells: string[] }>;
}

export interface ImportErrorRecord {
  row: number;
  seq: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

/** Where a job stands after a chunk: its counts, the next chunk, and its status when that changed. */
export interface ChunkProgress {
  counts: ImportCounts;
  nextChunk: number;
  status: ImportStatus;
  at: string;
  leaseUntil: string | null;
}

/**
 * A worker's hold on a job: its name, and the chunk it was given when it claimed the job. A worker
 * whose lease ran out while it was still busy (a slow database, a stalled process, node clocks
 * apart) may have been replaced by another; what it then records is checked against this and
 * dropped once the job names another holder or `next_chunk` has moved on (compare-and-set).
 */
export interface JobClaim {
  workerId: string;
  nextChunk: number;
}

const LIVE: ImportStatus[] = ['queued', 'running'];

/**
 * Import jobs, the rows of their files (sealed with the data key: customer files carry phone
 * numbers, and the rest of the database keeps those encrypted too) and their per-row errors.
 */
export class ImportsRepository {
  constructor(
    private readonly ctx: DbContext,
    private readonly fieldCipher: FieldCipher | null,
  ) {}

  private get cipher(): FieldCipher {
    if (!this.fieldCipher) throw new Error('No data key was given to this unit of work, so import files cannot be read or written.');
    return this.fieldCipher;
  }

  async insert(job: ImportJob, chunks: readonly ImportChunk[]): Promise<void> {
    await this.ctx.db
      .insertInto('import_jobs')
      .values({
        id: job.id,
        kind: job.kind,
        status: job.status,
        file_name: job.fileName,
        encoding: job.encoding,
        options: writeJson(job.options),
        header: writeJson(job.header),
        columns: writeJson(job.columns),
        total_rows: job.counts.total,
        processed_rows: job.counts.processed,
        created_rows: job.counts.created,
        updated_rows: job.counts.updated,
        skipped_rows: job.counts.skipped,
        failed_rows: job.counts.failed,
        chunk_count: job.chunkCount,
        next_chunk: job.nextChunk,
        attempts: 0,
        created_by: job.createdBy,
        created_at: job.createdAt,
        updated_at: job.updatedAt,
        started_at: job.startedAt,
        finished_at: job.finishedAt,
      })
      .execute();
    // A chunk of 200 rows is one statement; a few per insert keeps each statement small.
    for (let i = 0; i < chunks.length; i += 20) {
      await this.ctx.db
        .insertInto('import_chunks')
        .values(
          chunks.slice(i, i + 20).map((chunk) => ({
            job_id: job.id,
            seq: chunk.seq,
            first_row: chunk.rows[0]?.row ?? 0,
            row_count: chunk.rows.length,
            rows_sealed: this.cipher.encrypt(JSON.stringify(chunk.rows.map((r) => [r.row, ...r.cells])), chunkPurpose(job.id, chunk.seq)),
          })),
        )
        .execute();
    }
  }

  /** A job, locked until the transaction ends on PostgreSQL when `lock` (a chunk checks for a cancel under it). */
  async find(id: string, lock = false): Promise<ImportJob | null> {
    let query = this.ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', id);
    if (lock && this.ctx.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toJob(row) : null;
  }

  /** Newest first; `createdBy` limits to one person's jobs. */
  async list(query: { createdBy?: string; limit: number; after?: readonly [string, string] }): Promise<{ items: ImportJob[]; more: boolean }> {
    let q = this.ctx.db.selectFrom('import_jobs').selectAll();
    if (query.createdBy) q = q.where('created_by', '=', query.createdBy);
    if (query.after) {
      const [at, id] = query.after;
      q = q.where(sql<SqlBool>`(${sql.ref('created_at')}, ${sql.ref('id')}) < (${at}, ${id})`);
    }
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
    return { items: rows.slice(0, query.limit).map(toJob), more: rows.length > query.limit };
  }

  /**
   * Takes the job that waited longest for its next chunk and that nobody else holds (or whose
   * holder's lease ran out: a process that stopped, or one still busy that could not renew it),
   * for this worker until `leaseUntil`. Answers null when there is nothing to do. The claim is a
   * compare-and-set on the lease, so of two workers claiming at once one gets the job; a holder
   * that is replaced finds out when it renews its lease or saves (see `JobClaim`).
   */
  async claim(workerId: string, now: string, leaseUntil: string): Promise<ImportJob | null> {
    const free = (eb: ExpressionBuilder<DB, 'import_jobs'>) =>
      eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('claimed_by', '=', workerId)]);
    const candidates = await this.ctx.db
      .selectFrom('import_jobs')
      .select('id')
      .where('status', 'in', LIVE)
      .where(free)
      .orderBy('updated_at')
      .orderBy('id')
      .limit(5)
      .execute();
    for (const { id } of candidates) {
      const taken = await this.ctx.db
        .updateTable('import_jobs')
        .set({ claimed_by: workerId, lease_until: leaseUntil, status: 'running', started_at: sql<string>`coalesce(started_at, ${now})` })
        .where('id', '=', id)
        .where('status', 'in', LIVE)
        .where(free)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return this.find(id);
    }
    return null;
  }

  /** Whether the worker of `claim` still holds the job at the chunk it was given (under the caller's lock, if it took one). */
  async holds(jobId: string, claim: JobClaim): Promise<boolean> {
    const row = await this.ctx.db
      .selectFrom('import_jobs')
      .select('id')
      .where('id', '=', jobId)
      .where('claimed_by', '=', claim.workerId)
      .where('next_chunk', '=', claim.nextChunk)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Extends the lease of a chunk in progress (the worker's heartbeat). Answers false, changing
   * nothing, when the worker no longer holds the job at that chunk or the job was cancelled
   * meanwhile: the chunk should stop starting rows.
   */
  async renewLease(jobId: string, claim: JobClaim, leaseUntil: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('import_jobs')
      .set({ lease_until: leaseUntil })
      .where('id', '=', jobId)
      .where('claimed_by', '=', claim.workerId)
      .where('next_chunk', '=', claim.nextChunk)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async chunk(jobId: string, seq: number): Promise<ImportChunk | null> {
    const row = await this.ctx.db.selectFrom('import_chunks').select(['seq', 'rows_sealed']).where('job_id', '=', jobId).where('seq', '=', seq).executeTakeFirst();
    if (!row) return null;
    const rows = JSON.parse(this.cipher.decrypt(row.rows_sealed, chunkPurpose(jobId, seq))) as Array<[number, ...string[]]>;
    return { seq: row.seq, rows: rows.map(([number, ...cells]) => ({ row: number, cells })) };
  }

  /** The chunks holding any of these rows (for the CSV of failed rows). */
  async chunksWithRows(jobId: string, rows: readonly number[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const chunks = await this.ctx.db
      .selectFrom('import_chunks')
      .select(['seq', 'first_row', 'row_count'])
      .where('job_id', '=', jobId)
      .orderBy('seq')
      .execute();
    const sorted = [...rows].sort((a, b) => a - b);
    // Each chunk's rows are numbered upwards from first_row; the next chunk starts after its last.
    return chunks
      .filter((chunk, i) => {
        const end = chunks[i + 1]?.first_row ?? Number.POSITIVE_INFINITY;
        return sorted.some((r) => r >= chunk.first_row && r < end);
      })
      .map((c) => c.seq);
  }

  /**
   * Records a chunk's progress and error lines, only while the worker of `claim` still holds the
   * job at that chunk (a cancelled job included: its holder records the chunk it was running).
   * Answers false, writing nothing, when another worker has taken the job over or the chunk was
   * saved already: that worker's results stand.
   */
  async saveProgress(jobId: string, claim: JobClaim, progress: ChunkProgress, errors: readonly ImportErrorRecord[]): Promise<boolean> {
    const { counts } = progress;
    const finished = progress.status === 'done' || progress.status === 'failed' || progress.status === 'cancelled';
    const saved = await this.ctx.db
      .updateTable('import_jobs')
      .set({
        status: progress.status,
        processed_rows: counts.processed,
        created_rows: counts.created,
        updated_rows: counts.updated,
        skipped_rows: counts.skipped,
        failed_rows: counts.failed,
        next_chunk: progress.nextChunk,
        attempts: 0,
        last_error: null,
        lease_until: progress.leaseUntil,
        updated_at: progress.at,
        ...(finished && { finished_at: progress.at, claimed_by: null }),
      })
      .where('id', '=', jobId)
      .where('claimed_by', '=', claim.workerId)
      .where('next_chunk', '=', claim.nextChunk)
      .executeTakeFirst();
    if (Number(saved.numUpdatedRows) !== 1) return false;
    for (let i = 0; i < errors.length; i += 200) {
      await this.ctx.db
        .insertInto('import_errors')
        .values(
          errors.slice(i, i + 200).map((e) => ({
            job_id: jobId,
            row_number: e.row,
            seq: e.seq,
            column_name: e.column,
            value_excerpt: e.value,
            code: e.code,
            message: e.message,
          })),
        )
        .execute();
    }
    return true;
  }

  /**
   * An attempt at a chunk failed unexpectedly: counted, and the job fails at the last attempt.
   * Only the job's holder at that chunk counts: a worker that was replaced changes nothing (and
   * answers false), so it can neither clear the new holder's lease nor use up its attempts.
   */
  async recordFailure(jobId: string, claim: JobClaim, attempts: number, message: string, failed: boolean, at: string, retryAt: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('import_jobs')
      .set({
        attempts,
        last_error: message,
        updated_at: at,
        ...(failed ? { status: 'failed', finished_at: at, claimed_by: null, lease_until: null } : { lease_until: retryAt, claimed_by: null }),
      })
      .where('id', '=', jobId)
      .where('claimed_by', '=', claim.workerId)
      .where('next_chunk', '=', claim.nextChunk)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Stops a queued or running job; answers whether it was live. The holder's name stays on the
   * job, so a ticket chunk in progress can still record the rows it imported before the cancel.
   */
  async cancel(jobId: string, at: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('import_jobs')
      .set({ status: 'cancelled', finished_at: at, updated_at: at, lease_until: null })
      .where('id', '=', jobId)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Removes a finished job with its file and report. */
  async remove(jobId: string): Promise<void> {
    await this.ctx.db.deleteFrom('import_errors').where('job_id', '=', jobId).execute();
    await this.ctx.db.deleteFrom('import_chunks').where('job_id', '=', jobId).execute();
    await this.ctx.db.deleteFrom('import_jobs').where('id', '=', jobId).execute();
  }

  /** A page of a job's errors in row order; `after` is the [row, seq] of the last one shown. */
  async errors(jobId: string, page: { limit: number; after?: readonly [number, number] }): Promise<{ items: ImportErrorRecord[]; more: boolean }> {
    let q = this.ctx.db.selectFrom('import_errors').selectAll().where('job_id', '=', jobId);
    if (page.after) {
      const [row, seq] = page.after;
      q = q.where(sql<SqlBool>`(${sql.ref('row_number')}, ${sql.ref('seq')}) > (${row}, ${seq})`);
    }
    const rows = await q.orderBy('row_number').orderBy('seq').limit(page.limit + 1).execute();
    return {
      items: rows.slice(0, page.limit).map((r) => ({ row: r.row_number, seq: r.seq, column: r.column_name, value: r.value_excerpt, code: r.code, message: r.message })),
      more: rows.length > page.limit,
    };
  }
}

function chunkPurpose(jobId: string, seq: number): string {
  return `import rows ${jobId}/${seq}`;
}

function toJob(row: ImportJobsTable): ImportJob {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    status: row.status as ImportStatus,
    fileName: row.file_name,
    encoding: row.encoding as ImportEncoding,
    options: readJson<ImportOptions>(row.options, { dryRun: false, onDuplicate: 'skip', ignoreUnknownColumns: false }),
    header: readJson<string[]>(row.header, []),
    columns: readJson<MappedColumn[]>(row.columns, []),
    counts: {
      total: row.total_rows,
      processed: row.processed_rows,
      created: row.created_rows,
      updated: row.updated_rows,
      skipped: row.skipped_rows,
      failed: row.failed_rows,
    },
    chunkCount: row.chunk_count,
    nextChunk: row.next_chunk,
    attempts: row.attempts,
    lastError: row.last_error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
