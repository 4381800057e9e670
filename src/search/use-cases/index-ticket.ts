import type { Repositories } from '../../app/repositories.js';
import type { Ticket, TicketEvent } from '../../tickets/domain/ticket.js';
import { buildSearchDocument, needsReindex, searchableFieldValues, searchableTexts, type SearchDocument } from '../domain/search-document.js';
import type { StoredSources } from '../persistence/search-repository.js';

/**
 * Keeps the search index current inside the transaction of every ticket change: one document
 * write per change, and none at all for steps that change no searched text (dispatch, accept,
 * assign, status moves …).
 */

/** Indexes a ticket being created, from what the create use case has in memory (no reads). */
export async function indexNewTicket(
  repos: Repositories,
  ticket: Ticket,
  customerName: string | null,
  events: ReadonlyArray<Pick<TicketEvent, 'type' | 'content'>>,
): Promise<void> {
  const definitions = (await repos.reference()).serviceItems.find(ticket.serviceItemId)?.fields ?? [];
  const doc = buildSearchDocument({
    number: ticket.number,
    title: ticket.title,
    description: ticket.description,
    fieldValues: searchableFieldValues(ticket.fields, definitions),
    customerName,
    texts: searchableTexts(events, ticket.result),
  });
  await repos.search.upsert(ticket.id, doc);
}

/** Re-indexes a ticket after one step, when the step changed anything searched (see `needsReindex`). */
export async function indexTicketStep(repos: Repositories, before: Ticket, after: Ticket, event: TicketEvent): Promise<void> {
  if (!needsReindex(before, after, event)) return;
  const [sources] = await repos.search.sources([after.id]);
  if (sources) await repos.search.upsert(after.id, await documentOf(repos, sources));
}

/** The search document of a ticket as stored (notes and replies read from its timeline). */
export async function documentOf(repos: Repositories, sources: StoredSources): Promise<SearchDocument> {
  const definitions = (await repos.reference()).serviceItems.find(sources.serviceItemId)?.fields ?? [];
  return buildSearchDocument({
    number: sources.number,
    title: sources.title,
    description: sources.description,
    fieldValues: searchableFieldValues(sources.fields, definitions),
    customerName: sources.customerName,
    texts: searchableTexts(sources.events, sources.result),
  });
}

/**
 * Re-indexes tickets whose searched text changed outside a ticket step (a customer renamed, or
 * merged into another so that their tickets moved): call it in the same transaction.
 */
export async function reindexTickets(repos: Repositories, ticketIds: readonly string[]): Promise<void> {
  for (const sources of await repos.search.sources(ticketIds)) {
    await repos.search.upsert(sources.ticketId, await documentOf(repos, sources));
  }
}
