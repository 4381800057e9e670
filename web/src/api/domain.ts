/**
 * The API's enumerations, taken from the server's domain modules themselves (pure TypeScript, no
 * I/O, type-only imports), so the console cannot drift from them: a status, action, event type,
 * role, channel or time-limit state added on the server is a type error here until the
 * catalogues (i18n/zh-CN.ts, en.ts) name it. Only the constants are bundled. The shapes the API
 * sends exactly as the domain defines them (a time limit as read, reference data, a field at
 * fault) are the domain's types too.
 */
export { ROLES, type Role } from '../../../src/auth/domain/actor';
export { TICKET_STATUSES, TICKET_ACTIONS, TRANSITIONS, type TicketStatus, type TicketAction } from '../../../src/tickets/domain/ticket-state-machine';
export { TICKET_EVENT_TYPES, TICKET_LIST_SORTS, type TicketEvent, type TicketEventType, type TicketListSort } from '../../../src/tickets/domain/ticket';
export { CHANNELS, type Channel } from '../../../src/tickets/domain/channels';
export { CHANNEL_LABELS_ZH, STATUS_LABELS_ZH } from '../../../src/tickets/domain/chinese-labels';
export { DEADLINE_STATES, SLA_SUMMARY_STATES, type DeadlineState, type SlaSummaryState } from '../../../src/sla/domain/deadline';
export { SLA_TARGETS, type SlaTarget } from '../../../src/sla/domain/sla-policy';
export { WEEKDAYS, type CalendarDefinition, type Weekday } from '../../../src/sla/domain/calendar-definition';
export { FIELD_TYPES, type FieldType } from '../../../src/catalog/domain/service-item-form';
export { CUSTOMER_TYPES, idNumberProblem, normaliseIdNumber, normalisePhone, phoneProblem, type AttributeValue, type CustomerType, type IdentityKind } from '../../../src/customers/domain/customer';
export { ATTRIBUTE_TYPES, type AttributeDefinition, type AttributeType } from '../../../src/customers/domain/attributes';
export { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES, type AuditAction, type AuditSubjectType } from '../../../src/customers/domain/audit';
export { mayDeleteCustomers, mayEditCustomers, mayFindByPhone, mayMergeCustomers, mayReadAuditLog, mayUnmask, unmasksOnlyForOwnTickets } from '../../../src/customers/domain/privacy';
export type { DeadlineView as Deadline } from '../../../src/sla/domain/deadline-view';
export type { Category, Priority, ServiceItem } from '../../../src/catalog/domain/catalog';
export type { FieldDefinition } from '../../../src/catalog/domain/service-item-form';
export type { FieldIssue, FieldIssueCode, Problem } from '../../../src/platform/errors';
export { FIELD_ISSUE_CODES } from '../../../src/platform/errors';
export { IMPORT_KINDS, IMPORT_STATUSES, ON_DUPLICATE, mayImport, type ImportCounts, type ImportKind, type ImportStatus, type OnDuplicate } from '../../../src/transfer/domain/import-rules';
