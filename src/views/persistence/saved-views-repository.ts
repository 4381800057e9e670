import { sql, type Expression, type SqlBool } from 'kysely';
import { readJson, writeJson } from '../../platform/db/database.js';
import type { SavedViewsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { SavedView, ViewScope } from '../domain/saved-view.js';

/** Whose views a list should hold: the user's personal ones, their departments' and everyone's. */
export interface UsableViewsQuery {
  userId: string;
  departmentIds: readonly string[];
  /** Every department's views (administrators). */
  allDepartments: boolean;
}

export class SavedViewsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(view: SavedView): Promise<void> {
    await this.ctx.db.insertInto('saved_views').values(toRow(view)).execute();
  }

  async update(view: SavedView): Promise<void> {
    const { id, created_at: _created, ...changes } = toRow(view);
    await this.ctx.db.updateTable('saved_views').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('saved_views').where('id', '=', id).execute();
  }

  async findById(id: string): Promise<SavedView | null> {
    const row = await this.ctx.db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toView(row) : null;
  }

  /** The views a user may use, by name; the access rule itself is `canUseView`, which this query mirrors. */
  async listUsable(query: UsableViewsQuery): Promise<SavedView[]> {
    const rows = await this.ctx.db
      .selectFrom('saved_views')
      .selectAll()
      .where((eb) => {
        const clauses: Expression<SqlBool>[] = [
          eb.and([eb('scope', '=', 'personal'), eb('owner_id', '=', query.userId)]),
          eb('scope', '=', 'everyone'),
        ];
        if (query.allDepartments) clauses.push(eb('scope', '=', 'department'));
        else if (query.departmentIds.length > 0) {
          clauses.push(eb.and([eb('scope', '=', 'department'), eb('department_id', 'in', [...query.departmentIds])]));
        }
        return eb.or(clauses);
      })
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toView);
  }

  /**
   * Holds one place (a person's personal views, a department's, everyone's) until the write
   * commits, so that two saves into it count one after the other: on PostgreSQL, under read
   * committed, both would count 99 and both insert. SQLite runs one write at a time already.
   */
  async lockPlace(scope: ViewScope, holder: { ownerId: string; departmentId: string | null }): Promise<void> {
    if (this.ctx.dialect !== 'postgres') return;
    const place = scope === 'personal' ? holder.ownerId : scope === 'department' ? holder.departmentId : '';
    await sql`select pg_advisory_xact_lock(hashtext(${`saved_views:${scope}:${place}`}))`.execute(this.ctx.db);
  }

  /** How many views exist in one place: a person's personal views, a department's, or everyone's. */
  async countIn(scope: ViewScope, holder: { ownerId: string; departmentId: string | null }): Promise<number> {
    let query = this.ctx.db.selectFrom('saved_views').select((eb) => eb.fn.countAll<number>().as('n')).where('scope', '=', scope);
    if (scope === 'personal') query = query.where('owner_id', '=', holder.ownerId);
    if (scope === 'department') query = query.where('department_id', '=', holder.departmentId);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(view: SavedView): SavedViewsTable {
  return {
    id: view.id,
    name: view.name,
    scope: view.scope,
    owner_id: view.ownerId,
    department_id: view.departmentId,
    filters: writeJson(view.filters),
    created_at: view.createdAt,
    updated_at: view.updatedAt,
    updated_by: view.updatedBy,
  };
}

function toView(row: SavedViewsTable): SavedView {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as ViewScope,
    ownerId: row.owner_id,
    departmentId: row.department_id,
    filters: readJson<Record<string, unknown>>(row.filters, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
