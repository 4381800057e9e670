import type { Role } from '../../auth/domain/actor.js';
import type { ImportEncoding } from './encoding.js';
import type { MappedColumn } from './columns.js';

import type { ImportCounts, ImportKind, ImportStatus, OnDuplicate } from './import-rules.js';

export { IMPORT_KINDS, IMPORT_STATUSES, ON_DUPLICATE, mayImport, type ImportCounts, type ImportKind, type ImportStatus, type OnDuplicate } from './import-rules.js';

export interface ImportOptions {
  /** Check every row as if importing it, write nothing but the report. */
  dryRun: boolean;
  /** Customers only. */
  onDuplicate: OnDuplicate;
  /** Columns nobody knows are left out (and listed) instead of refusing the file. */
  ignoreUnknownColumns: boolean;
}


export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  encoding: ImportEncoding;
  options: ImportOptions;
  /** The header row as it was in the file. */
  header: string[];
  columns: MappedColumn[];
  counts: ImportCounts;
  chunkCount: number;
  nextChunk: number;
  attempts: number;
  lastError: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Rows per chunk: one transaction of customers, or one progress step of tickets (each row its own
 * transaction). On SQLite a transaction holds the one connection and the server answers nothing
 * else until it commits, so a customer chunk is kept to about 0.1–0.2 s of work.
 */
export const CHUNK_ROWS: Record<ImportKind, number> = { customers: 100, tickets: 50 };

/** The same unexpected failure this often at one chunk fails the job. */
export const MAX_ATTEMPTS = 3;

/** Jobs are their creator's; administrators see and cancel everyone's. */
export function maySeeJob(actor: { id: string; role: Role }, job: Pick<ImportJob, 'createdBy'>): boolean {
  return actor.role === 'admin' || job.createdBy === actor.id;
}

export function isFinished(status: ImportStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}

/** Whole percent of the rows processed; an empty file is done at once. */
export function progressPercent(counts: ImportCounts): number {
  if (counts.total === 0) return 100;
  return Math.floor((counts.processed * 100) / counts.total);
}

/** What one chunk came to, added to the job's counts. */
export function addCounts(counts: ImportCounts, chunk: Omit<ImportCounts, 'total'>): ImportCounts {
  return {
    total: counts.total,
    processed: counts.processed + chunk.processed,
    created: counts.created + chunk.created,
    updated: counts.updated + chunk.updated,
    skipped: counts.skipped + chunk.skipped,
    failed: counts.failed + chunk.failed,
  };
}
