import type { FieldValue } from '../../catalog/domain/service-item-form.js';
import type { Channel } from './channels.js';
import type { TicketStatus } from './ticket-state-machine.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';

/** A 工单: one customer request and where it stands. */
export interface Ticket {
  id: string;
  number: string;
  title: string;
  description: string;
  status: TicketStatus;
  categoryId: string;
  serviceItemId: string;
  priorityId: string;
  priorityRank: number;
  channel: Channel;
  customerId: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  createdBy: string;
  fields: Record<string, FieldValue>;
  result: string | null;
  needsTriage: boolean;
  mergedIntoId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** The earliest due time among the time limits still running, for sorting lists by urgency. */
  slaDueAt: string | null;
  /** The worst state among the ticket's current time limits, for filtering lists. */
  slaState: SlaSummaryState | null;
  /** While waiting on the customer or a partner: when handling resumes by itself (`wait {until}`). */
  waitUntil: string | null;
}

export const TICKET_EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.dispatched',
  'ticket.assigned',
  'ticket.claimed',
  'ticket.unassigned',
  'ticket.accepted',
  'ticket.note_added',
  'ticket.transferred',
  'ticket.returned',
  'ticket.waiting',
  'ticket.resumed',
  'ticket.resolved',
  'ticket.replied',
  'ticket.closed',
  'ticket.reopened',
  'ticket.cancelled',
  'ticket.merged',
  'ticket.duplicate_merged',
  'sla.warning',
  'sla.breach',
  'sla.escalation',
  'extension.requested',
  'extension.approved',
  'extension.rejected',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/**
 * One append-only entry of a ticket's timeline. `seq` equals the ticket version the event
 * produced, so the timeline is gap-free and ordered. From/to pairs make every step measurable.
 */
export interface TicketEvent {
  id: string;
  ticketId: string;
  seq: number;
  type: TicketEventType;
  actorId: string | null;
  at: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  fromDepartmentId: string | null;
  toDepartmentId: string | null;
  fromAssigneeId: string | null;
  toAssigneeId: string | null;
  content: string | null;
  data: Record<string, unknown>;
}

/** The fields of a ticket that an action may change. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'title'
    | 'description'
    | 'status'
    | 'categoryId'
    | 'serviceItemId'
    | 'priorityId'
    | 'priorityRank'
    | 'customerId'
    | 'departmentId'
    | 'assigneeId'
    | 'fields'
    | 'result'
    | 'needsTriage'
    | 'mergedIntoId'
    | 'closedAt'
    | 'waitUntil'
  >
>;

/** Applies a patch and returns the ticket as it will be, with its next version; a ticket no longer waiting has no resume time. */
export function applyPatch(ticket: Ticket, patch: TicketPatch, at: string): Ticket {
  const next = { ...ticket, ...patch, version: ticket.version + 1, updatedAt: at };
  return next.status === 'waiting' ? next : { ...next, waitUntil: null };
}

/** Builds the event that records the step from `before` to `after`. */
export function eventFor(
  before: Ticket | null,
  after: Ticket,
  entry: { id: string; type: TicketEventType; actorId: string | null; content?: string | null; data?: Record<string, unknown> },
): TicketEvent {
  return {
    id: entry.id,
    ticketId: after.id,
    seq: after.version,
    type: entry.type,
    actorId: entry.actorId,
    at: after.updatedAt,
    fromStatus: before?.status ?? null,
    toStatus: after.status,
    fromDepartmentId: before?.departmentId ?? null,
    toDepartmentId: after.departmentId,
    fromAssigneeId: before?.assigneeId ?? null,
    toAssigneeId: after.assigneeId,
    content: entry.content ?? null,
    data: entry.data ?? {},
  };
}

/** Lists which of the given fields differ between two tickets, as {field: {from, to}}. */
export function changedFields(
  before: Ticket,
  after: Ticket,
  keys: ReadonlyArray<keyof Ticket>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (canonical(before[key]) !== canonical(after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/** JSON with object keys sorted: PostgreSQL's jsonb reorders keys, which must not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The orders a ticket list can be read in: a field, `-` for descending (the console offers the same list). */
export const TICKET_LIST_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'priority', '-priority', 'dueAt', '-dueAt'] as const;
export type TicketListSort = (typeof TICKET_LIST_SORTS)[number];

/**
 * A due-time order lists the tickets with a running clock first, then those without one (paused
 * while waiting, or none left) oldest first; this first value of a cursor says the list is past the former.
 */
export const NO_DUE_TIME = '';
