import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { resolveDepartment } from '../../app/resolve-references.js';
import type { Actor } from '../../auth/domain/actor.js';
import { forbidden, invalidField, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { MAX_VIEWS_PER_SCOPE, manageRefusal, type SavedView, type ViewAccessFacts, type ViewScope } from '../domain/saved-view.js';
import { describeViews, type ViewDetail } from './read-views.js';
import { resolveSavedFilters, usableView, type SavedFilters } from './view-filters.js';

export interface CreateViewInput {
  name: string;
  scope: ViewScope;
  /** The department a `department` view is shared with (id or code). */
  department?: string;
  filters: SavedFilters;
}

export type UpdateViewInput = Partial<CreateViewInput>;

/**
 * Saves a view. Anyone signed in keeps personal views; a view shared with a department is the
 * business of its supervisors (and administrators); a view for everyone, of administrators.
 * The filter's references are checked now, for the person saving it.
 */
export async function createView(ctx: UseCaseContext, actor: Actor, input: CreateViewInput): Promise<ViewDetail> {
  await resolveSavedFilters(ctx, actor, input.filters);
  const saved = await ctx.uow.write(async (repos) => {
    const facts = await placeFor(repos, input.scope, input.department, actor.id);
    checkMayManage(actor, facts);
    await checkRoom(repos, facts);
    const now = ctx.clock.now().toISOString();
    const view: SavedView = { id: newId(), name: input.name, ...facts, filters: input.filters, createdAt: now, updatedAt: now, updatedBy: actor.id };
    await repos.views.insert(view);
    return view;
  });
  return describeOne(ctx, actor, saved);
}

/**
 * Changes a view's name, filter or audience. The actor must be allowed to change the view as it
 * is and as it becomes; a personal view stays its owner's, so only the owner may make a shared view personal.
 */
export async function updateView(ctx: UseCaseContext, actor: Actor, id: string, input: UpdateViewInput): Promise<ViewDetail> {
  const current = await usableView(ctx, actor, id);
  checkMayManage(actor, current);
  if (input.filters) await resolveSavedFilters(ctx, actor, input.filters);
  const saved = await ctx.uow.write(async (repos) => {
    const found = await repos.views.findById(id);
    if (!found) throw notFound('View', id);
    const moves = input.scope !== undefined || input.department !== undefined;
    const place = moves
      ? await placeFor(repos, input.scope ?? found.scope, input.department, found.ownerId, found.departmentId)
      : { scope: found.scope, ownerId: found.ownerId, departmentId: found.departmentId };
    if (moves) {
      checkMayManage(actor, place);
      if (place.scope !== found.scope || place.departmentId !== found.departmentId) await checkRoom(repos, place);
    }
    const view: SavedView = {
      ...found,
      ...place,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.filters !== undefined && { filters: input.filters }),
      updatedAt: ctx.clock.now().toISOString(),
      updatedBy: actor.id,
    };
    await repos.views.update(view);
    return view;
  });
  return describeOne(ctx, actor, saved);
}

export async function deleteView(ctx: UseCaseContext, actor: Actor, id: string): Promise<void> {
  checkMayManage(actor, await usableView(ctx, actor, id));
  await ctx.uow.write((repos) => repos.views.delete(id));
}

/** Where a view lives: its scope, owner and department, with the department named as the request named it. */
async function placeFor(
  repos: Repositories,
  scope: ViewScope,
  department: string | undefined,
  ownerId: string,
  currentDepartmentId: string | null = null,
): Promise<ViewAccessFacts> {
  if (scope !== 'department') {
    if (department !== undefined) throw invalidField('department', 'not_applicable', `only a view shared with a department names one; this one is ${scope}`);
    return { scope, ownerId, departmentId: null };
  }
  if (department === undefined) {
    if (currentDepartmentId) return { scope, ownerId, departmentId: currentDepartmentId };
    throw invalidField('department', 'required', 'name the department to share the view with');
  }
  return { scope, ownerId, departmentId: (await resolveDepartment(repos, { field: 'department', ref: department })).id };
}

function checkMayManage(actor: Actor, facts: ViewAccessFacts): void {
  const refusal = manageRefusal(actor, facts);
  if (refusal) throw forbidden(refusal.code, refusal.message);
}

async function checkRoom(repos: Repositories, facts: ViewAccessFacts): Promise<void> {
  await repos.views.lockPlace(facts.scope, facts);
  if ((await repos.views.countIn(facts.scope, facts)) >= MAX_VIEWS_PER_SCOPE) {
    const where = { personal: 'you have', department: 'the department has', everyone: 'everyone has' }[facts.scope];
    throw unprocessable('too_many_views', `${where} ${MAX_VIEWS_PER_SCOPE} ${facts.scope} views already; delete one first.`);
  }
}

/** The saved view as the answer shows it, with its count for the person who saved it. */
async function describeOne(ctx: UseCaseContext, actor: Actor, view: SavedView): Promise<ViewDetail> {
  const [detail] = await describeViews(ctx, actor, [view], true);
  return detail!;
}
