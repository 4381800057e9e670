/**
 * The audit trail (审计日志): who did what to which record, and when. Entries are only ever
 * inserted. They name the subject and carry what changed, but never a personal value in full:
 * identities appear by their mask (138****8000).
 */
export const AUDIT_ACTIONS = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'customer.merged',
  'customer.merge_received',
  'customer.identity_added',
  'customer.identity_updated',
  'customer.identity_removed',
  'customer.identity_revealed',
  'customer_attribute.created',
  'customer_attribute.updated',
  'customer_attribute.deleted',
  'ticket.customer_changed',
  'tickets.exported',
  'customers.exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `export`: a CSV export that carried personal data in full (its subject id names that export). */
export const AUDIT_SUBJECT_TYPES = ['customer', 'customer_attribute', 'ticket', 'export'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export interface AuditEntry {
  id: string;
  /** Null when the system acted (a start-up data migration). */
  actorId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  data: Record<string, unknown>;
  at: string;
}

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
