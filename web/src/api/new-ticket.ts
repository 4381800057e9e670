import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { Category, ServiceItemNode } from './reference';
import type { Channel } from './domain';
import type { Ticket, TicketDetail } from './tickets';

/**
 * What the new-ticket page sends and reads: categories, the service catalog tree, the create
 * (with its Idempotency-Key), the similar-ticket probe and a call note on an open ticket
 * (src/tickets/http/ticket.schemas.ts, src/catalog/http/catalog.routes.ts).
 */

export type { Category, ServiceItemNode } from './reference';

/** POST /tickets: the customer by id (found by the lookup or by name), by phone and name (a new caller), or by name alone (for roles that see numbers masked). */
export interface CreateTicketBody {
  title?: string;
  description: string;
  channel: Channel;
  category: string;
  serviceItem: string;
  priority: string;
  customer?: { id: string } | { phone: string; name?: string } | { name: string };
  fields?: Record<string, string | number>;
  answeredOnSpot?: boolean;
  result?: string;
}

export interface SimilarTicket {
  ticket: Ticket;
  reasons: Array<'same_customer' | 'similar_text'>;
  /** text similarity 0–1; null when only the customer is the same */
  score: number | null;
}

export interface SimilarProbe {
  title?: string;
  description: string;
  customer?: { id: string } | { phone: string };
}

interface Items<T> {
  items: T[];
}

const REFERENCE_STALE_MS = 5 * 60_000;

export const categoriesQuery = queryOptions({
  queryKey: ['reference', 'categories'],
  queryFn: async ({ signal }) => (await api.get<Items<Category>>('/categories', undefined, signal)).items,
  staleTime: REFERENCE_STALE_MS,
});

export const serviceItemTreeQuery = queryOptions({
  queryKey: ['reference', 'service-items', 'tree'],
  queryFn: async ({ signal }) => (await api.get<Items<ServiceItemNode>>('/service-items', undefined, signal)).items,
  staleTime: REFERENCE_STALE_MS,
});

/** A retry with the same key answers the ticket the first request created, never a second one. */
export const createTicket = (body: CreateTicketBody, idempotencyKey: string) =>
  api.post<TicketDetail & { similar: SimilarTicket[] }>('/tickets', body, { 'idempotency-key': idempotencyKey });

/** Creates nothing: the caller's open tickets and open tickets very like the text (docs/search.md). */
export const probeSimilarTickets = async (probe: SimilarProbe) => (await api.post<Items<SimilarTicket>>('/tickets/similar', probe)).items;

/** This call recorded on an open ticket instead of a new one: a note, internal or for the customer to see. */
export const addCallNote = (ticketId: string, content: string, internal: boolean) =>
  api.post<TicketDetail>(`/tickets/${encodeURIComponent(ticketId)}/note`, { content, internal });
