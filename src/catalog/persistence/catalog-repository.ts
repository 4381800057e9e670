import { readJson } from '../../platform/db/database.js';
import { ReferenceTable } from '../../platform/db/reference-table.js';
import type { CategoriesTable, PrioritiesTable, ServiceItemsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { Category, Priority, ServiceItem } from '../domain/catalog.js';
import type { FieldDefinition } from '../domain/service-item-form.js';

export class CatalogRepository {
  readonly categories: ReferenceTable<'categories'>;
  readonly priorities: ReferenceTable<'priorities'>;
  readonly serviceItems: ReferenceTable<'service_items'>;

  constructor(private readonly ctx: DbContext) {
    this.categories = new ReferenceTable(ctx, 'categories');
    this.priorities = new ReferenceTable(ctx, 'priorities');
    this.serviceItems = new ReferenceTable(ctx, 'service_items');
  }

  async findCategory(ref: string): Promise<Category | null> {
    const row = await this.categories.findByRef(ref);
    return row ? toCategory(row) : null;
  }

  async findPriority(ref: string): Promise<Priority | null> {
    const row = await this.priorities.findByRef(ref);
    return row ? toPriority(row) : null;
  }

  async findServiceItem(ref: string): Promise<ServiceItem | null> {
    const row = await this.serviceItems.findByRef(ref);
    return row ? toServiceItem(row) : null;
  }

  async listCategories(includeInactive: boolean): Promise<Category[]> {
    return (await this.categories.list(includeInactive, 'sort_order')).map(toCategory);
  }

  async listPriorities(includeInactive: boolean): Promise<Priority[]> {
    return (await this.priorities.list(includeInactive, 'rank')).map(toPriority);
  }

  async listServiceItems(includeInactive: boolean): Promise<ServiceItem[]> {
    return (await this.serviceItems.list(includeInactive, 'sort_order')).map(toServiceItem);
  }

  /** Every item's parent, for walking the tree (a catalog has tens to hundreds of items). */
  async serviceItemParents(): Promise<Map<string, string | null>> {
    const rows = await this.ctx.db.selectFrom('service_items').select(['id', 'parent_id']).execute();
    return new Map(rows.map((r) => [r.id, r.parent_id]));
  }

  async setPriorityRankOnTickets(priorityId: string, rank: number): Promise<void> {
    await this.ctx.db.updateTable('tickets').set({ priority_rank: rank }).where('priority_id', '=', priorityId).execute();
  }
}

function toCategory(row: CategoriesTable): Category {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}

function toPriority(row: PrioritiesTable): Priority {
  return { id: row.id, code: row.code, name: row.name, nameEn: row.name_en, rank: row.rank, active: row.active === 1 };
}

function toServiceItem(row: ServiceItemsTable): ServiceItem {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    name: row.name,
    nameEn: row.name_en,
    needsReply: row.needs_reply === 1,
    fields: readJson<FieldDefinition[]>(row.fields, []),
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}
