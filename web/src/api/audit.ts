import { api } from './client';
import type { AuditAction, AuditSubjectType } from './domain';

/** One entry of the audit trail (src/customers/http/customer.presenter.ts); personal values only by their mask. */
export interface AuditEntry {
  id: string;
  action: AuditAction;
  actor: { id: string; username: string; displayName: string } | null;
  /** `deleted`: the record is gone (a deleted customer), so there is nothing to open. */
  subject: { type: AuditSubjectType; id: string; deleted: boolean };
  data: Record<string, unknown>;
  at: string;
}

export interface AuditFilters {
  /** `customer`, or `customer:<id>` for one record */
  subject?: string;
  action?: AuditAction[];
  /** username or id */
  actor?: string;
}

/** The audit trail (审计日志), newest first, a page at a time (admins and auditors). */
export const listAuditLog = (filters: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<{ items: AuditEntry[]; nextCursor: string | null }>('/audit-log', { ...filters, action: filters.action?.join(','), limit: 50, cursor }, signal);
