import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { conflict, fieldIssue, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { resolveCategory, resolveDepartment, resolvePriority, resolveServiceItem } from '../../app/resolve-references.js';
import { planOrder, type RoutingConditions, type RoutingRule } from '../domain/routing-rules.js';

/** Conditions as the API takes them: references by id or code. */
export interface ConditionsInput {
  categories?: string[];
  serviceItems?: string[];
  priorities?: string[];
  channels?: string[];
  customerTiers?: string[];
  keywords?: string[];
}

export interface RoutingRuleInput {
  name?: string;
  position?: number;
  active?: boolean;
  conditions?: ConditionsInput;
  department?: string;
}

export async function createRoutingRule(
  ctx: UseCaseContext,
  input: RoutingRuleInput & { name: string; department: string },
): Promise<RoutingRule> {
  return ctx.uow.write(async (repos) => {
    const rule: RoutingRule = {
      id: newId(),
      name: input.name,
      position: input.position ?? (await repos.routing.nextPosition()),
      active: input.active ?? true,
      conditions: await resolveConditions(repos, input.conditions ?? {}),
      departmentId: (await resolveDepartment(repos, { field: 'department', ref: input.department })).id,
    };
    await repos.routing.insert(rule, ctx.clock.now().toISOString());
    return rule;
  });
}

export async function updateRoutingRule(ctx: UseCaseContext, id: string, input: RoutingRuleInput): Promise<RoutingRule> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.routing.findById(id);
    if (!found) throw notFound('Routing rule', id);
    const rule: RoutingRule = {
      ...found,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.position !== undefined && { position: input.position }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.conditions !== undefined && { conditions: await resolveConditions(repos, input.conditions) }),
      ...(input.department !== undefined && {
        departmentId: (await resolveDepartment(repos, { field: 'department', ref: input.department })).id,
      }),
    };
    await repos.routing.update(rule, ctx.clock.now().toISOString());
    return rule;
  });
}

/** Puts every rule in the order given, in one transaction: the admin console's up and down. */
export async function reorderRoutingRules(ctx: UseCaseContext, ids: readonly string[]): Promise<RoutingRule[]> {
  return ctx.uow.write(async (repos) => {
    const rules = await repos.routing.list(false);
    const plan = planOrder(rules, ids);
    if (!plan.ok && plan.duplicated.length > 0) {
      throw unprocessable('invalid_field', `ids: each rule may appear once; repeated: ${plan.duplicated.join(', ')}`, [fieldIssue('ids', 'duplicate', 'names a rule more than once')]);
    }
    if (!plan.ok) {
      throw conflict('routing_rules_changed', 'The routing rules changed since the list was read: reload it and order them again.', {
        missing: plan.missing,
        unknown: plan.unknown,
      });
    }
    await repos.routing.setPositions(plan.changes, ctx.clock.now().toISOString());
    const moved = new Map(plan.changes.map((c) => [c.id, c.position]));
    return ids.map((id) => rules.find((r) => r.id === id)!).map((r) => ({ ...r, position: moved.get(r.id) ?? r.position }));
  });
}

export async function deleteRoutingRule(ctx: UseCaseContext, id: string): Promise<void> {
  await ctx.uow.write(async (repos) => {
    if (!(await repos.routing.findById(id))) throw notFound('Routing rule', id);
    await repos.routing.delete(id);
  });
}

async function resolveConditions(repos: Repositories, input: ConditionsInput): Promise<RoutingConditions> {
  const each = async (refs: string[] | undefined, field: string, resolve: (named: { field: string; ref: string }) => Promise<{ id: string }>) =>
    refs ? Promise.all(refs.map(async (ref, i) => (await resolve({ field: `conditions.${field}.${i}`, ref })).id)) : undefined;
  return {
    categoryIds: await each(input.categories, 'categories', (n) => resolveCategory(repos, n)),
    serviceItemIds: await each(input.serviceItems, 'serviceItems', (n) => resolveServiceItem(repos, n)),
    priorityIds: await each(input.priorities, 'priorities', (n) => resolvePriority(repos, n)),
    channels: input.channels,
    customerTiers: input.customerTiers,
    keywords: input.keywords,
  };
}
