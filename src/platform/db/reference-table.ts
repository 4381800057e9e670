import type { DbContext } from './unit-of-work.js';
import { ReferenceVersionRepository } from './reference-version.js';
import type { DB } from './schema.js';

/** Administrator-edited lookup tables: each row has an id, a stable code, names and an active flag. */
export type ReferenceTableName = 'categories' | 'priorities' | 'departments' | 'service_items';

/** Columns every reference table has. */
export interface ReferenceColumns {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/**
 * Shared queries over the reference tables. The casts name one concrete table for Kysely's
 * types; they are sound because the queries only touch the columns all four tables share.
 */
export class ReferenceTable<T extends ReferenceTableName> {
  constructor(
    private readonly ctx: DbContext,
    private readonly table: T,
  ) {}

  /** Finds a row by its id or its code. */
  async findByRef(ref: string): Promise<DB[T] | undefined> {
    const row = await this.ctx.db
      .selectFrom(this.table as 'categories')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
      .executeTakeFirst();
    return row as DB[T] | undefined;
  }

  async findByIds(ids: readonly string[]): Promise<Array<DB[T]>> {
    if (ids.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom(this.table as 'categories')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return rows as Array<DB[T]>;
  }

  async list(includeInactive: boolean, orderBy: keyof DB[T] & string): Promise<Array<DB[T]>> {
    let query = this.ctx.db
      .selectFrom(this.table as 'categories')
      .selectAll()
      .orderBy(orderBy as 'sort_order')
      .orderBy('code');
    if (!includeInactive) query = query.where('active', '=', 1);
    return (await query.execute()) as Array<DB[T]>;
  }

  async insert(row: DB[T]): Promise<void> {
    await this.ctx.db
      .insertInto(this.table as 'categories')
      .values(row as DB['categories'])
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  async update(id: string, changes: Partial<DB[T]>): Promise<void> {
    await this.ctx.db
      .updateTable(this.table as 'categories')
      .set(changes as Partial<DB['categories']>)
      .where('id', '=', id)
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  async codeExists(code: string, exceptId?: string): Promise<boolean> {
    let query = this.ctx.db
      .selectFrom(this.table as 'categories')
      .select('id')
      .where('code', '=', code);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }
}
