import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { TicketListQuery } from '../../tickets/persistence/tickets-repository.js';
import { buildListQuery, narrowQuery, type ListRequest } from '../../tickets/use-cases/list-filter.js';
import { canUseView, type SavedView } from '../domain/saved-view.js';
import { everyTerm } from '../../search/domain/tokenize.js';
import { intersect, resolveSearchText } from '../../search/use-cases/search-text.js';

/**
 * A saved filter: the query of `GET /tickets` as an object, without paging. It is validated by
 * the same schema as the list's query string when saved, so any list parameter can be saved,
 * including ones added to the list later.
 */
export type SavedFilters = Omit<ListRequest, 'limit' | 'after'>;

/** The saved filter of a view, typed; the route's schema checked it when the view was saved. */
export function filtersOf(view: SavedView): SavedFilters {
  return view.filters as SavedFilters;
}

/** A view the actor may use; another person's personal view answers 404, like a missing one. */
export async function usableView(ctx: UseCaseContext, actor: Actor, id: string): Promise<SavedView> {
  const view = await ctx.uow.read((repos) => repos.views.findById(id));
  if (!view || !canUseView(actor, view)) throw notFound('View', id);
  return view;
}

/** The saved filters of a view the actor may use, for `GET /tickets?view=…` and batches over a view. */
export async function savedViewFilters(ctx: UseCaseContext, actor: Actor, id: string): Promise<SavedFilters> {
  return filtersOf(await usableView(ctx, actor, id));
}

/**
 * Resolves a saved filter for the actor, as the list would (`me` is the actor, codes become
 * ids), including its search text, for counting and batches: the same tickets the list shows.
 * A reference that does not resolve is reported under `<prefix>.<field>`.
 */
export async function resolveSavedFilters(
  ctx: UseCaseContext,
  actor: Actor,
  filters: SavedFilters,
  limit = 1,
  prefix = 'filters',
): Promise<TicketListQuery> {
  try {
    const query = await buildListQuery(ctx, actor, { ...filters, limit });
    return filters.q?.trim() ? await withSearchText(ctx, actor, query, filters.q) : query;
  } catch (error) {
    if (!(error instanceof AppError) || !error.extra.errors) throw error;
    const errors = error.extra.errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
    throw new AppError(error.status, error.code, `${prefix}.${error.message}`, { ...error.extra, errors });
  }
}

/**
 * Narrows a list query built from `{...view, ...given}` to the view: where the request gave a
 * parameter the view also has, both must hold. Lists intersect (statuses, departments, service
 * items with their branches, assignees including `none` …), time ranges take the tighter bound,
 * two queues both apply. The sort and any other single value (such as a search text) come from
 * the request when it gives them.
 */
export async function narrowToView(
  ctx: UseCaseContext,
  actor: Actor,
  query: TicketListQuery,
  saved: SavedFilters,
): Promise<TicketListQuery> {
  return narrowQuery(query, await buildListQuery(ctx, actor, { ...saved, limit: query.limit }));
}

/**
 * The search box as a plain list condition: every term must match, and a full phone number of a
 * known customer stands for that customer's tickets. This is what `searchTickets` filters by in
 * field order, and its relevance order ranks the same tickets (both resolve the text through
 * `resolveSearchText`, and every tier requires every term), so a view's count, an export and a
 * batch over it hold exactly the tickets its list shows.
 */
async function withSearchText(ctx: UseCaseContext, actor: Actor, query: TicketListQuery, text: string): Promise<TicketListQuery> {
  return ctx.uow.read(async (repos) => {
    const { terms, customerIds } = await resolveSearchText(repos, actor, text, ctx.defaultAreaCode);
    const all = everyTerm({ terms });
    if (!all && !customerIds) return { ...query, statuses: [] };
    return {
      ...query,
      ...(customerIds && { customerIds: intersect(query.customerIds, customerIds) }),
      ...(all && { textMatch: repos.search.matchCondition(all) }),
    };
  });
}
