import type { Repositories } from '../../app/repositories.js';
import { aboutTicket, newNotifications } from '../../notifications/domain/notification.js';
import { newId } from '../../platform/ids.js';
import type { Ticket } from '../../tickets/domain/ticket.js';
import type { ExtensionRequest } from '../domain/extension-request.js';

/** What the timeline and the notifications say about a request. */
export function requestDetails(r: ExtensionRequest): Record<string, unknown> {
  return { requestId: r.id, target: r.target, deadlineId: r.deadlineId, previousDueAt: r.previousDueAt, requestedUntil: r.requestedUntil };
}

/** Notifies people of a request: those who decide it (`extension.requested`) or its requester (`extension.decided`). */
export async function notifyOfRequest(
  repos: Repositories,
  userIds: string[],
  ticket: Ticket,
  kind: 'extension.requested' | 'extension.decided',
  request: ExtensionRequest,
  now: string,
): Promise<void> {
  const data = { number: ticket.number, ...requestDetails(request), status: request.status };
  await repos.notifications.insertMany(newNotifications(userIds, { ticket: aboutTicket(ticket), kind, data }, now, newId));
}

/**
 * Who decides a request on this ticket and is told of it: the supervisors of the department
 * holding it, but not the requester, since nobody decides their own request. Admins decide too,
 * and see every request, but are not told of each.
 */
async function deciders(repos: Repositories, ticket: Ticket, request: ExtensionRequest): Promise<string[]> {
  if (ticket.departmentId === null) return [];
  const supervisors = await repos.users.list({ departmentId: ticket.departmentId, role: 'supervisor', active: true });
  return supervisors.map((u) => u.id).filter((id) => id !== request.requestedBy);
}

/** Tells the supervisors of the department holding the ticket that a request waits for them. */
export async function notifyDeciders(repos: Repositories, ticket: Ticket, request: ExtensionRequest, now: string): Promise<void> {
  await notifyOfRequest(repos, await deciders(repos, ticket, request), ticket, 'extension.requested', request, now);
}

/**
 * Marks read the `extension.requested` notifications of a request for everyone told who can no
 * longer decide it (all of them, unless `keepFor` names those who still can); answers who of
 * `keepFor` has one.
 */
export function settleRequest(repos: Repositories, ticketId: string, requestId: string, now: string, keepFor: readonly string[] = []): Promise<string[]> {
  return repos.notifications.settle(ticketId, 'extension.requested', 'requestId', requestId, now, keepFor);
}

/**
 * The ticket changed department with requests still pending (a transfer moves those on clocks
 * that keep running, such as handling): the department holding it now decides them. Its
 * supervisors are told, and the notifications of the supervisors who can no longer decide are
 * settled, so nobody keeps a 待你审批 that answers 404; a supervisor of both departments keeps the
 * one they have rather than get a second. Runs in the transaction of the move.
 */
export async function handOverPendingRequests(repos: Repositories, ticket: Ticket, now: string): Promise<void> {
  for (const request of await repos.extensions.pendingOnTicket(ticket.id)) {
    const toDecide = await deciders(repos, ticket, request);
    const told = await settleRequest(repos, ticket.id, request.id, now, toDecide);
    await notifyOfRequest(repos, toDecide.filter((id) => !told.includes(id)), ticket, 'extension.requested', request, now);
  }
}
