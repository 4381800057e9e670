import { queryOptions } from '@tanstack/react-query';
import type { User } from './auth';
import { api } from './client';
import type { TicketDetail, TicketPage, TicketStatus } from './tickets';
import { REPLY_CHANNELS, type ReplyChannel } from '../../../src/tickets/domain/channels';

export { REPLY_CHANNELS, type ReplyChannel };

/**
 * The ticket actions of `POST /tickets/{id}/{action}` (src/tickets/http/ticket-actions.routes.ts)
 * and the reads their forms need. Every action carries the ticket's `version`, so an action on a
 * ticket someone else changed meanwhile is refused (409 version_conflict), never applied blindly.
 */

/** What each action sends besides the version (ticket.schemas.ts, `actionBodies`). */
export interface ActionBodies {
  dispatch: { department?: string };
  assign: { assignee: string };
  claim: Record<string, never>;
  accept: Record<string, never>;
  note: { content: string; internal: boolean };
  transfer: { department: string; reason: string };
  return: { reason: string };
  wait: { reason: string; until?: string };
  resume: { note?: string };
  resolve: { result: string };
  reply: { channel: ReplyChannel; content: string; objection?: boolean };
  close: { note?: string };
  reopen: { reason: string };
  cancel: { reason: string };
  merge: { into: string; note?: string };
}
export type FormAction = keyof ActionBodies;

export const runTicketAction = <A extends FormAction>(ticket: Pick<TicketDetail, 'id' | 'version'>, action: A, body: ActionBodies[A]) =>
  api.post<TicketDetail>(`/tickets/${encodeURIComponent(ticket.id)}/${action}`, { ...body, version: ticket.version });

/** What `PATCH /tickets/{id}` changes (ticket.schemas.ts, `updateTicketBody`): only what is given. */
export interface TicketUpdate {
  title?: string;
  description?: string;
  category?: string;
  serviceItem?: string;
  priority?: string;
  fields?: Record<string, string | number>;
}

/** Edits or re-classifies a ticket, guarded by its version like every action. */
export const updateTicket = (ticket: Pick<TicketDetail, 'id' | 'version'>, body: TicketUpdate) =>
  api.patch<TicketDetail>(`/tickets/${encodeURIComponent(ticket.id)}`, { ...body, version: ticket.version });

/** The people an assignment may name: the department's members. */
export const departmentMembersQuery = (departmentId: string) =>
  queryOptions({
    queryKey: ['reference', 'department-members', departmentId],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: User[] }>(`/departments/${encodeURIComponent(departmentId)}/members`, undefined, signal)).items,
    staleTime: 60_000,
  });

/** A merge target looked up by number; 404 (missing or out of sight) is answered by the form itself. */
export const mergeTargetQuery = (ref: string) =>
  queryOptions({
    queryKey: ['tickets', 'lookup', ref],
    queryFn: ({ signal }) => api.get<TicketDetail>(`/tickets/${encodeURIComponent(ref)}`, undefined, signal),
    meta: { quietCodes: ['not_found', 'validation_failed'] },
    retry: false,
  });

/** Statuses a merge may go into: the target must still be open. */
export const MERGEABLE_TARGETS: readonly TicketStatus[] = ['submitted', 'pending', 'in_progress', 'waiting', 'returned', 'handled', 'replied'];

/** The customer's tickets the reader may see, newest first (GET /tickets?customer=…). */
export const customerTicketsQuery = (customerId: string, limit = 11) =>
  queryOptions({
    queryKey: ['tickets', 'customer', customerId, limit],
    queryFn: ({ signal }) => api.get<TicketPage>('/tickets', { customer: customerId, sort: '-createdAt', limit }, signal),
  });
