import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { AppError } from '../../platform/errors.js';
import { countTickets } from '../../tickets/use-cases/read-tickets.js';
import { manageRefusal, VIEW_SCOPES, type SavedView } from '../domain/saved-view.js';
import { filtersOf, resolveSavedFilters, usableView } from './view-filters.js';

/**
 * Counts stop here: a view over a million tickets costs what one over ten thousand does, and
 * answers "10000+" (`capped`). A badge needs no more precision than that.
 */
export const VIEW_COUNT_CAP = 10_000;

export type ViewCount =
  | { count: number; capped: boolean; error: null }
  /** The view cannot be used as saved (a department or user in it was deleted): why. */
  | { count: null; capped: false; error: { code: string; message: string } };

/** A view as its reader sees it: who owns it, where it is shared, whether they may change it, and its count. */
export interface ViewDetail {
  view: SavedView;
  owner: { id: string; username: string; displayName: string } | null;
  department: { id: string; code: string; name: string } | null;
  mayChange: boolean;
  /** null when counts were not asked for. */
  count: ViewCount | null;
}

/**
 * The views the actor may use — their personal ones, those shared with their departments (all
 * departments' for administrators) and those shared with everyone — personal first, then by name,
 * each with the number of tickets it shows to this actor.
 */
export async function listViews(ctx: UseCaseContext, actor: Actor, options: { counts: boolean }): Promise<ViewDetail[]> {
  const views = await ctx.uow.read((repos) =>
    repos.views.listUsable({ userId: actor.id, departmentIds: actor.departmentIds, allDepartments: actor.role === 'admin' }),
  );
  const ordered = views.sort((a, b) => VIEW_SCOPES.indexOf(a.scope) - VIEW_SCOPES.indexOf(b.scope));
  return describeViews(ctx, actor, ordered, options.counts);
}

export async function getView(ctx: UseCaseContext, actor: Actor, id: string, options: { counts: boolean }): Promise<ViewDetail> {
  const [detail] = await describeViews(ctx, actor, [await usableView(ctx, actor, id)], options.counts);
  return detail!;
}

/** Adds owners, departments, rights and (one capped COUNT per view, with the list's own SQL) counts. */
export async function describeViews(ctx: UseCaseContext, actor: Actor, views: SavedView[], counts: boolean): Promise<ViewDetail[]> {
  const { owners, reference } = await ctx.uow.read(async (repos) => {
    const ids = [...new Set(views.map((v) => v.ownerId))];
    const users = await Promise.all(ids.map((id) => repos.users.findById(id)));
    return { owners: new Map(users.flatMap((u) => (u ? [[u.id, u] as const] : []))), reference: await repos.reference() };
  });
  return Promise.all(
    views.map(async (view) => {
      const owner = owners.get(view.ownerId);
      const department = view.departmentId ? reference.departments.find(view.departmentId) : undefined;
      return {
        view,
        owner: owner ? { id: owner.id, username: owner.username, displayName: owner.displayName } : null,
        department: department ? { id: department.id, code: department.code, name: department.name } : null,
        mayChange: manageRefusal(actor, view) === null,
        count: counts ? await countView(ctx, actor, view) : null,
      };
    }),
  );
}

/** The tickets of the view this actor may see: `me` is the actor, their visibility applies. */
async function countView(ctx: UseCaseContext, actor: Actor, view: SavedView): Promise<ViewCount> {
  try {
    const query = await resolveSavedFilters(ctx, actor, filtersOf(view));
    return { ...(await countTickets(ctx, actor, query, VIEW_COUNT_CAP)), error: null };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    return { count: null, capped: false, error: { code: error.code, message: error.message } };
  }
}
