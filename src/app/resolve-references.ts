import type { Repositories } from './repositories.js';
import { ancestry, type Category, type Priority, type ServiceItem } from '../catalog/domain/catalog.js';
import { validateFieldValues, type FieldValue } from '../catalog/domain/service-item-form.js';
import type { Department } from '../org/domain/department.js';
import type { User } from '../org/persistence/users-repository.js';
import { conflict, fieldIssue, unprocessable, type FieldIssue } from '../platform/errors.js';
import { settingNaming, type SettingReference } from '../settings/domain/settings.js';

/** Something a request named by id or code; `field` is the request field, for the error message. */
interface Named {
  field: string;
  ref: string;
  /**
   * Deleted (deactivated) ones resolve too: a filter finds the tickets that still name them (a
   * leaver's open work, a retired department's queue); new work may not use them.
   */
  inactiveToo?: boolean;
  /**
   * Ids the record being changed already holds: one deactivated since may stay (the console sends
   * a record's references back whole), while choosing a deactivated one anew stays refused.
   */
  held?: ReadonlySet<string>;
}

function missingReference(field: string, kind: string, ref: string, inactive: boolean) {
  const message = inactive
    ? `${kind} ${JSON.stringify(ref)} has been deleted and can no longer be used`
    : `no ${kind} has the id or code ${JSON.stringify(ref)}`;
  return unprocessable('invalid_reference', `${field}: ${message}.`, [fieldIssue(field, 'unknown_reference', message)]);
}

async function resolveActive<T extends { id: string; active: boolean }>(found: T | undefined, kind: string, { field, ref, inactiveToo, held }: Named): Promise<T> {
  if (!found || !(found.active || inactiveToo || held?.has(found.id))) throw missingReference(field, kind, ref, found !== undefined);
  return found;
}

export async function resolveCategory(repos: Repositories, named: Named): Promise<Category> {
  return resolveActive((await repos.reference()).categories.find(named.ref), 'category', named);
}

export async function resolveServiceItem(repos: Repositories, named: Named): Promise<ServiceItem> {
  return resolveActive((await repos.reference()).serviceItems.find(named.ref), 'service item', named);
}

export async function resolvePriority(repos: Repositories, named: Named): Promise<Priority> {
  return resolveActive((await repos.reference()).priorities.find(named.ref), 'priority', named);
}

export async function resolveDepartment(repos: Repositories, named: Named): Promise<Department> {
  return resolveActive((await repos.reference()).departments.find(named.ref), 'department', named);
}

export async function resolveUser(repos: Repositories, named: Named): Promise<User> {
  return resolveActive((await repos.users.findByRef(named.ref)) ?? undefined, 'user', named);
}

/** Customers named by id, as a filter names them: deleted and merged ones too, since tickets still point at them. */
export async function resolveCustomerIds(repos: Repositories, field: string, refs: readonly string[]): Promise<string[]> {
  const found = await repos.customers.existingIds(refs);
  const missing = refs.find((ref) => !found.has(ref));
  if (missing !== undefined) throw missingReference(field, 'customer', missing, false);
  return [...refs];
}

/** Validates a service item's form values, reporting every problem at once. */
export function checkFormFields(item: ServiceItem, values: Record<string, unknown>): Record<string, FieldValue> {
  const { values: clean, errors } = validateFieldValues(item.fields, values);
  if (errors.length > 0) throw invalidForm(item, errors);
  return clean;
}

function invalidForm(item: ServiceItem, errors: FieldIssue[]) {
  const list = errors.map((e) => `${e.field} ${e.message}`).join('; ');
  return unprocessable('invalid_form_fields', `The form of service item ${item.code} is not filled in correctly: ${list}.`, errors);
}

/** The service item and its ancestors, nearest first, for routing rules that name a branch of the tree. */
export async function serviceItemPath(repos: Repositories, itemId: string): Promise<string[]> {
  return ancestry(itemId, (await repos.reference()).serviceItemParents);
}

/** Refuses to delete (deactivate) what the organisation's settings name; they must be changed first. */
export async function refuseDeletingWhatSettingsName(repos: Repositories, kind: SettingReference, id: string, active: boolean | undefined): Promise<void> {
  if (active !== false) return;
  // Locked: a change of the settings naming it meanwhile waits, then sees it deactivated.
  const setting = settingNaming(await repos.settings.get(true), kind, id);
  if (setting) {
    throw conflict('in_use_by_settings', `The settings name it as ${setting}; choose another there (PATCH /api/v1/settings) before deleting it.`, { setting });
  }
}
