import type { Role } from '../../auth/domain/actor.js';
import type { ImportEncoding } from './encoding.js';
import type { MappedColumn } from './columns.js';

export const IMPORT_KINDS = ['customers', 'tickets'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * queued → running → done, or cancelled by its owner or an administrator, or failed when the
 * worker met the same unexpected error (not a problem with a row: those are reported per row)
 * three times at the same chunk.
 */
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What to do with a row whose phone number (or 客户ID) finds a customer who already exists. */
export const ON_DUPLICATE = ['skip', 'update', 'error'] as const;
export type OnDuplicate = (typeof ON_DUPLICATE)[number];

export interface ImportOptions {
  /** Check every row as if importing it, write nothing but the report. */
  dryRun: boolean;
  /** Customers only. */
  onDuplicate: OnDuplicate;
  /** Columns nobody knows are left out (and listed) instead of refusing the file. */
  ignoreUnknownColumns: boolean;
}

export interface ImportCounts {
  /** Data rows in the file (blank lines not counted). */
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
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

/**
 * Who may import. Customers: administrators (a migration writes the whole customer base,
 * personal data included). Tickets: administrators and supervisors, who bring in the lists of
 * complaints that arrive from regulators and partners as spreadsheets; each row is created as
 * that person creating a ticket, with routing, time limits and the search index as usual.
 */
export function mayImport(role: Role, kind: ImportKind): boolean {
  return kind === 'customers' ? role === 'admin' : role === 'admin' || role === 'supervisor';
}

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
