import type { UseCaseContext } from '../../app/context.js';
import { resolveCategory, resolveDepartment, resolvePriority, resolveServiceItem } from '../../app/resolve-references.js';
import type { OrganisationSettings } from '../domain/settings.js';

export interface SettingsInput {
  difficultCaseDepartment?: string | null;
  dispatchDepartment?: string | null;
  intakeDefaults?: { category?: string | null; serviceItem?: string | null; priority?: string | null };
  waitReminderHours?: number | null;
}

export function getSettings(ctx: UseCaseContext): Promise<OrganisationSettings> {
  return ctx.uow.read((repos) => repos.settings.get());
}

/** Changes the given settings; `null` clears one. References are checked before anything is saved. */
export async function updateSettings(ctx: UseCaseContext, input: SettingsInput): Promise<OrganisationSettings> {
  return ctx.uow.write(async (repos) => {
    const current = await repos.settings.get(true);
    const next: OrganisationSettings = { ...current, intakeDefaults: { ...current.intakeDefaults } };
    const ref = <T extends { id: string }>(value: string | null | undefined, field: string, resolve: (n: { field: string; ref: string }) => Promise<T>) =>
      value === null ? Promise.resolve(null) : value === undefined ? Promise.resolve(undefined) : resolve({ field, ref: value }).then((r) => r.id);
    const difficult = await ref(input.difficultCaseDepartment, 'difficultCaseDepartment', (n) => resolveDepartment(repos, n));
    if (difficult !== undefined) next.difficultCaseDepartmentId = difficult;
    const dispatch = await ref(input.dispatchDepartment, 'dispatchDepartment', (n) => resolveDepartment(repos, n));
    if (dispatch !== undefined) next.dispatchDepartmentId = dispatch;
    const defaults = input.intakeDefaults ?? {};
    const category = await ref(defaults.category, 'intakeDefaults.category', (n) => resolveCategory(repos, n));
    const serviceItem = await ref(defaults.serviceItem, 'intakeDefaults.serviceItem', (n) => resolveServiceItem(repos, n));
    const priority = await ref(defaults.priority, 'intakeDefaults.priority', (n) => resolvePriority(repos, n));
    if (category !== undefined) next.intakeDefaults.categoryId = category;
    if (serviceItem !== undefined) next.intakeDefaults.serviceItemId = serviceItem;
    if (priority !== undefined) next.intakeDefaults.priorityId = priority;
    if (input.waitReminderHours !== undefined) next.waitReminderHours = input.waitReminderHours;
    await repos.settings.save(next, ctx.clock.now().toISOString());
    return next;
  });
}
