import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { visibilityScope } from '../../tickets/domain/ticket-access.js';
import { sortValues, type TicketListQuery } from '../../tickets/persistence/tickets-repository.js';
import type { TicketView } from '../../tickets/persistence/ticket-view.js';
import { highlight, type Highlights } from '../domain/highlight.js';
import { searchableFieldValues, searchableTexts } from '../domain/search-document.js';
import { everyTerm, needlesOf, searchTiers, type ParsedQuery } from '../domain/tokenize.js';
import type { SearchScope } from '../persistence/search-repository.js';
import { intersect, resolveSearchText } from './search-text.js';

/**
 * How many matches a relevance-ranked search ranks: the most recent this many matching tickets
 * (after the filters) of each tier. Ranking every match of a word found in a fifth of a million
 * tickets would cost far more than the 100 ms a search box may take; narrowing with more words or
 * a filter reaches older tickets. Pages end after this many results.
 */
export const RANKED_CANDIDATES = 500;

export type SearchResult = TicketView & { highlights: Highlights };

export interface SearchPage {
  items: SearchResult[];
  /** Relevance order: the offset of the next page. */
  nextOffset: number | null;
  /** Field order (`sort` given): the keyset position after the last item, as lists use. */
  next: Array<string | number> | null;
}

export interface SearchRequest {
  text: string;
  /** Relevance order (no `sort` given), paged by offset; otherwise the query's sort, paged by keyset. */
  ranked: boolean;
  offset: number;
}

/**
 * `GET /tickets?q=…`: the tickets the actor may see that match the search box and the list
 * filters, ranked (see docs/search.md) and highlighted.
 */
export async function searchTickets(ctx: UseCaseContext, actor: Actor, query: TicketListQuery, request: SearchRequest): Promise<SearchPage> {
  return ctx.uow.read(async (repos) => {
    const { terms, customerIds } = await resolveSearchText(repos, actor, request.text, ctx.defaultAreaCode);
    const scoped: TicketListQuery = customerIds ? { ...query, customerIds: intersect(query.customerIds, customerIds) } : query;
    const visibility = visibilityScope(actor);
    const text: ParsedQuery = { terms };
    if (terms.length === 0 && !customerIds) return { items: [], nextOffset: null, next: null };

    if (!request.ranked || terms.length === 0) {
      // A field order (or only a phone number): the ordinary list, limited to the matching tickets.
      const all = everyTerm(text);
      const listed: TicketListQuery = all ? { ...scoped, textMatch: repos.search.matchCondition(all) } : scoped;
      if (request.ranked) {
        // A phone number alone: that customer's tickets, newest first, paged by offset.
        const page = await repos.tickets.list({ ...listed, sort: { key: 'createdAt', direction: 'desc' }, limit: request.offset + query.limit }, visibility);
        const items = page.items.slice(request.offset);
        return { items: await withHighlights(repos, items, text), nextOffset: page.more ? request.offset + query.limit : null, next: null };
      }
      const page = await repos.tickets.list(listed, visibility);
      const last = page.items.at(-1);
      return { items: await withHighlights(repos, page.items, text), nextOffset: null, next: page.more && last ? sortValues(last, query.sort.key) : null };
    }

    const scope: SearchScope = { query: scoped, visibility };
    const wanted = Math.min(request.offset + query.limit + 1, RANKED_CANDIDATES);
    const ranked: string[] = [];
    const seen = new Set<string>();
    for (const tier of searchTiers(text)) {
      if (ranked.length >= wanted) break;
      for (const match of await repos.search.rankTier(tier, scope, RANKED_CANDIDATES)) {
        if (seen.has(match.ticketId)) continue;
        seen.add(match.ticketId);
        ranked.push(match.ticketId);
      }
    }
    const pageIds = ranked.slice(request.offset, Math.min(request.offset + query.limit, RANKED_CANDIDATES));
    const more = ranked.length > request.offset + query.limit && request.offset + query.limit < RANKED_CANDIDATES;
    const items = await withHighlights(repos, await repos.search.views(pageIds), text);
    return { items, nextOffset: more ? request.offset + query.limit : null, next: null };
  });
}

async function withHighlights(repos: Repositories, views: TicketView[], query: ParsedQuery): Promise<SearchResult[]> {
  const needles = needlesOf(query);
  const sources = new Map((await repos.search.sources(views.map((v) => v.id))).map((s) => [s.ticketId, s]));
  const reference = await repos.reference();
  return views.map((view) => {
    const source = sources.get(view.id);
    const definitions = reference.serviceItems.find(view.serviceItem.id)?.fields ?? [];
    const highlights = highlight(
      {
        title: view.title,
        description: view.description,
        fieldValues: searchableFieldValues(view.fields, definitions),
        customerName: view.customer?.name ?? null,
        texts: source ? searchableTexts(source.events, source.result) : [],
      },
      needles,
    );
    return { ...view, highlights };
  });
}
