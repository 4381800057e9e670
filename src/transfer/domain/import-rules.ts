import type { Role } from '../../auth/domain/actor.js';

/*
 * The words of an import that the console shares with the server: what can be imported, what a
 * job goes through, what a row that finds an existing customer does, and who may import what.
 * Pure and free of Node's APIs, so the console imports it as it is.
 */

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

/** How far a job has come, and what its rows did. */
export interface ImportCounts {
  /** Data rows in the file (blank lines not counted). */
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

/**
 * Who may import. Customers: administrators (a migration writes the whole customer base,
 * personal data included). Tickets: administrators and supervisors, who bring in the lists of
 * complaints that arrive from regulators and partners as spreadsheets; each row is created as
 * that person creating a ticket, with routing, time limits and the search index as usual.
 */
export function mayImport(role: Role, kind: ImportKind): boolean {
  return kind === 'customers' ? role === 'admin' : role === 'admin' || role === 'supervisor';
}
