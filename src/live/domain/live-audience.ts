import type { Actor } from '../../auth/domain/actor.js';
import type { Notification } from '../../notifications/domain/notification.js';
import { visibilityScope } from '../../tickets/domain/ticket-access.js';
import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import { boardScope, DISPATCH_ROW, DISPATCH_STATUSES } from './board.js';

/**
 * Who hears about a change on the live stream. The change feed reads every new ticket event and
 * notification once per tick for all connections; these pure rules pick, per connection, what
 * that user may see. They are deliberately cheap (roles, departments, the people named on the
 * event, the ticket's participants) and never reveal more than a ticket's id, number and version:
 * the client re-reads anything it shows through the API, which applies the full visibility rules.
 */

/** One new ticket event, with what the audience rules need. */
export interface TicketChange {
  eventId: string;
  ticketId: string;
  number: string;
  /** The ticket's version after this event (an event's seq is the version it produced). */
  version: number;
  fromStatus: TicketStatus | null;
  status: TicketStatus;
  fromDepartmentId: string | null;
  departmentId: string | null;
  /** When the step was made: the steps of one use case share it (they are one transaction). */
  at: string;
  /** The actor, the assignees before and after, and the creator of the ticket. */
  userIds: readonly string[];
  createdBy: string;
  /** Who took part in the ticket: they keep seeing it after it leaves their department. */
  participantIds: readonly string[];
}

/** A notification as its recipient reads it in the API. */
export type LiveNotification = Notification;

export type LiveMessage =
  /** Board figures changed in these rows (department ids, or `dispatch`): re-read the board. */
  | { type: 'board'; rows: string[] }
  /** These tickets changed: re-read them and the lists. */
  | { type: 'ticket'; tickets: Array<{ id: string; number: string; version: number }> }
  /** A notification for this user, with their new unread count. */
  | { type: 'notification'; notification: Omit<LiveNotification, 'userId'>; unreadCount: number };

const isDispatchStatus = (status: TicketStatus | null) => status !== null && (DISPATCH_STATUSES as readonly TicketStatus[]).includes(status);

/** The board rows a change touches: the departments it left and entered, and dispatch when it waited for it. */
export function boardRowsOf(change: TicketChange): string[] {
  const rows = new Set<string>();
  for (const id of [change.fromDepartmentId, change.departmentId]) if (id !== null) rows.add(id);
  if (change.departmentId === null || isDispatchStatus(change.status) || isDispatchStatus(change.fromStatus)) rows.add(DISPATCH_ROW);
  return [...rows];
}

/** Whether a user may hear that a ticket changed (its id, number and version only). */
export function mayHearOf(actor: Actor, change: TicketChange): boolean {
  const scope = visibilityScope(actor);
  if (scope.everything) return true;
  // The department and the queue it left are included: their people saw it until now, and their
  // list changed (an agent's dispatch queue when a colleague dispatches, or else both try).
  const departments = [change.departmentId, change.fromDepartmentId];
  const statuses = [change.status, change.fromStatus];
  return (
    change.userIds.includes(actor.id) ||
    change.participantIds.includes(actor.id) ||
    departments.some((id) => id !== null && scope.departmentIds.includes(id)) ||
    (scope.includeCreatedByMe && change.createdBy === actor.id) ||
    statuses.some((status) => status !== null && scope.statuses.includes(status))
  );
}

/**
 * Joins the consecutive steps of one ticket made by one use case (the same instant) into one
 * change, from the state before the first to the state after the last. The states between them
 * were never committed, so nobody saw them: a ticket that routing sends to a department as it is
 * created records `submitted` first, yet it never waited for dispatch, and the call centre, which
 * sees that queue, must not hear of it.
 */
export function joinSteps(changes: readonly TicketChange[]): TicketChange[] {
  const joined: TicketChange[] = [];
  const latest = new Map<string, number>();
  for (const change of changes) {
    const index = latest.get(change.ticketId);
    const previous = index === undefined ? undefined : joined[index];
    if (index !== undefined && previous && previous.version === change.version - 1 && previous.at === change.at) {
      joined[index] = {
        ...change,
        fromStatus: previous.fromStatus,
        fromDepartmentId: previous.fromDepartmentId,
        userIds: [...new Set([...previous.userIds, ...change.userIds])],
      };
    } else {
      latest.set(change.ticketId, joined.length);
      joined.push(change);
    }
  }
  return joined;
}

/**
 * What one connection receives for one tick's changes (their steps joined by `joinSteps`, once
 * for all connections) and notifications, in that order.
 */
export function messagesFor(
  actor: Actor,
  changes: readonly TicketChange[],
  notifications: readonly LiveNotification[],
  unreadCounts: ReadonlyMap<string, number>,
): LiveMessage[] {
  const messages: LiveMessage[] = [];
  const scope = boardScope(actor);
  if (scope) {
    const rows = new Set<string>();
    for (const change of changes) {
      for (const row of boardRowsOf(change)) if (row === DISPATCH_ROW || scope.all || scope.departmentIds.includes(row)) rows.add(row);
    }
    if (rows.size > 0) messages.push({ type: 'board', rows: [...rows] });
  }
  // The latest version of each ticket the user may hear of.
  const tickets = new Map<string, { id: string; number: string; version: number }>();
  for (const change of changes) {
    if (!mayHearOf(actor, change)) continue;
    const known = tickets.get(change.ticketId);
    if (!known || known.version < change.version) tickets.set(change.ticketId, { id: change.ticketId, number: change.number, version: change.version });
  }
  if (tickets.size > 0) messages.push({ type: 'ticket', tickets: [...tickets.values()] });
  for (const { userId, ...notification } of notifications) {
    if (userId !== actor.id) continue;
    messages.push({ type: 'notification', notification, unreadCount: unreadCounts.get(userId) ?? 0 });
  }
  return messages;
}

/** The lower bound of every UUIDv7 generated at or after `ms` (its first 48 bits are the Unix time in ms). */
export function uuidV7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** When a UUIDv7 was generated (ms); NaN for an id of another kind. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * Whether a stream's actor is still who its credentials sign in: a changed role or departments
 * change what it may hear of, so the stream ends and the browser reconnects as the new actor.
 */
export function sameActor(opened: Actor, now: Actor): boolean {
  if (opened.id !== now.id || opened.role !== now.role || opened.departmentIds.length !== now.departmentIds.length) return false;
  const departments = new Set(now.departmentIds);
  return opened.departmentIds.every((id) => departments.has(id));
}
