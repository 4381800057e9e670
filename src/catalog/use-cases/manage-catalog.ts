import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { conflict, fieldIssue, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { ReferenceTable, ReferenceTableName } from '../../platform/db/reference-table.js';
import { writeJson } from '../../platform/db/database.js';
import { refuseDeletingWhatSettingsName } from '../../app/resolve-references.js';
import { wouldCreateCycle, type Category, type Priority, type ServiceItem } from '../domain/catalog.js';
import type { FieldDefinition } from '../domain/service-item-form.js';

interface Names {
  name?: string;
  nameEn?: string | null;
  active?: boolean;
}

async function ensureCodeFree<T extends ReferenceTableName>(table: ReferenceTable<T>, code: string, kind: string): Promise<void> {
  if (await table.codeExists(code)) {
    throw conflict('code_taken', `A ${kind} with the code ${code} already exists.`, { errors: [fieldIssue('code', 'taken', 'is taken')] });
  }
}

function nameColumns(input: Names, at: string) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn }),
    ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    updated_at: at,
  };
}

export async function createCategory(ctx: UseCaseContext, input: { code: string; name: string; nameEn?: string; sortOrder?: number }): Promise<Category> {
  return ctx.uow.write(async (repos) => {
    await ensureCodeFree(repos.catalog.categories, input.code, 'category');
    const at = ctx.clock.now().toISOString();
    const id = newId();
    await repos.catalog.categories.insert({
      id, code: input.code, name: input.name, name_en: input.nameEn ?? null, sort_order: input.sortOrder ?? 0, active: 1, created_at: at, updated_at: at,
    });
    return (await repos.catalog.findCategory(id))!;
  });
}

export async function updateCategory(ctx: UseCaseContext, ref: string, input: Names & { sortOrder?: number }): Promise<Category> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.catalog.findCategory(ref);
    if (!found) throw notFound('Category', ref);
    await refuseDeletingWhatSettingsName(repos, 'category', found.id, input.active);
    const at = ctx.clock.now().toISOString();
    await repos.catalog.categories.update(found.id, { ...nameColumns(input, at), ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }) });
    return (await repos.catalog.findCategory(found.id))!;
  });
}

export async function createPriority(ctx: UseCaseContext, input: { code: string; name: string; nameEn?: string; rank: number }): Promise<Priority> {
  return ctx.uow.write(async (repos) => {
    await ensureCodeFree(repos.catalog.priorities, input.code, 'priority');
    const at = ctx.clock.now().toISOString();
    const id = newId();
    await repos.catalog.priorities.insert({
      id, code: input.code, name: input.name, name_en: input.nameEn ?? null, rank: input.rank, active: 1, created_at: at, updated_at: at,
    });
    return (await repos.catalog.findPriority(id))!;
  });
}

/** Changing a priority's rank re-ranks its tickets too, so lists sorted by priority stay right. */
export async function updatePriority(ctx: UseCaseContext, ref: string, input: Names & { rank?: number }): Promise<Priority> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.catalog.findPriority(ref);
    if (!found) throw notFound('Priority', ref);
    await refuseDeletingWhatSettingsName(repos, 'priority', found.id, input.active);
    const at = ctx.clock.now().toISOString();
    await repos.catalog.priorities.update(found.id, { ...nameColumns(input, at), ...(input.rank !== undefined && { rank: input.rank }) });
    if (input.rank !== undefined && input.rank !== found.rank) await repos.catalog.setPriorityRankOnTickets(found.id, input.rank);
    return (await repos.catalog.findPriority(found.id))!;
  });
}

export interface ServiceItemInput extends Names {
  code?: string;
  parent?: string | null;
  needsReply?: boolean;
  fields?: FieldDefinition[];
  sortOrder?: number;
}

export async function createServiceItem(ctx: UseCaseContext, input: ServiceItemInput & { code: string; name: string }): Promise<ServiceItem> {
  return ctx.uow.write(async (repos) => {
    await ensureCodeFree(repos.catalog.serviceItems, input.code, 'service item');
    const parentId = input.parent ? (await findParent(repos, input.parent)).id : null;
    const at = ctx.clock.now().toISOString();
    const id = newId();
    await repos.catalog.serviceItems.insert({
      id,
      code: input.code,
      parent_id: parentId,
      name: input.name,
      name_en: input.nameEn ?? null,
      needs_reply: input.needsReply ? 1 : 0,
      fields: writeJson(checkFieldKeys(input.fields ?? [])),
      sort_order: input.sortOrder ?? 0,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    return (await repos.catalog.findServiceItem(id))!;
  });
}

export async function updateServiceItem(ctx: UseCaseContext, ref: string, input: ServiceItemInput): Promise<ServiceItem> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.catalog.findServiceItem(ref);
    if (!found) throw notFound('Service item', ref);
    await refuseDeletingWhatSettingsName(repos, 'serviceItem', found.id, input.active);
    let parentId: string | null | undefined;
    if (input.parent === null) parentId = null;
    else if (input.parent !== undefined) {
      parentId = (await findParent(repos, input.parent, found.parentId)).id;
      if (wouldCreateCycle(found.id, parentId, await repos.catalog.serviceItemParents())) {
        throw unprocessable('catalog_cycle', 'parent: an item cannot be placed below itself or one of its own children.', [
          fieldIssue('parent', 'cycle', 'would create a cycle in the catalog tree'),
        ]);
      }
    }
    const at = ctx.clock.now().toISOString();
    await repos.catalog.serviceItems.update(found.id, {
      ...nameColumns(input, at),
      ...(parentId !== undefined && { parent_id: parentId }),
      ...(input.needsReply !== undefined && { needs_reply: input.needsReply ? 1 : 0 }),
      ...(input.fields !== undefined && { fields: writeJson(checkFieldKeys(input.fields)) }),
      ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
    });
    return (await repos.catalog.findServiceItem(found.id))!;
  });
}

/** Only an active item can take children; `held`, the item's current parent, stays even if deleted since. */
async function findParent(repos: Repositories, ref: string, held: string | null = null): Promise<ServiceItem> {
  const parent = await repos.catalog.findServiceItem(ref);
  if (!parent || !(parent.active || parent.id === held)) {
    const message = parent ? 'has been deleted and can no longer take children' : `no service item has the id or code ${JSON.stringify(ref)}`;
    throw unprocessable('invalid_reference', `parent: ${message}.`, [fieldIssue('parent', 'unknown_reference', message)]);
  }
  return parent;
}

function checkFieldKeys(fields: FieldDefinition[]): FieldDefinition[] {
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (seen.has(field.key)) {
      throw unprocessable('duplicate_field_key', `fields.${index}.key: ${field.key} is used twice.`, [fieldIssue(`fields.${index}.key`, 'duplicate', 'is used twice')]);
    }
    if (field.type === 'select' && !field.options?.length) {
      throw unprocessable('select_without_options', `fields.${index}.options: a select field needs options.`, [fieldIssue(`fields.${index}.options`, 'options_required', 'a select field needs options')]);
    }
    seen.add(field.key);
  });
  return fields;
}
