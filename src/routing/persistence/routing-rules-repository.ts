import { readJson, writeJson } from '../../platform/db/database.js';
import type { RoutingRulesTable } from '../../platform/db/schema.js';
import { ReferenceVersionRepository } from '../../platform/db/reference-version.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { RoutingConditions, RoutingRule } from '../domain/routing-rules.js';

export class RoutingRulesRepository {
  constructor(private readonly ctx: DbContext) {}

  /** All rules, or only those that can route now: active, and pointing at an active department. */
  async list(activeOnly: boolean): Promise<RoutingRule[]> {
    let query = this.ctx.db.selectFrom('routing_rules').selectAll().orderBy('position').orderBy('id');
    if (activeOnly) {
      query = query
        .where('active', '=', 1)
        .where('department_id', 'in', (eb) => eb.selectFrom('departments').select('id').where('active', '=', 1));
    }
    return (await query.execute()).map(toRule);
  }

  async findById(id: string): Promise<RoutingRule | null> {
    const row = await this.ctx.db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRule(row) : null;
  }

  async insert(rule: RoutingRule, at: string): Promise<void> {
    await this.ctx.db
      .insertInto('routing_rules')
      .values({
        id: rule.id,
        name: rule.name,
        position: rule.position,
        active: rule.active ? 1 : 0,
        conditions: writeJson(rule.conditions),
        department_id: rule.departmentId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  async update(rule: RoutingRule, at: string): Promise<void> {
    await this.ctx.db
      .updateTable('routing_rules')
      .set({
        name: rule.name,
        position: rule.position,
        active: rule.active ? 1 : 0,
        conditions: writeJson(rule.conditions),
        department_id: rule.departmentId,
        updated_at: at,
      })
      .where('id', '=', rule.id)
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  /** Moves rules to new positions (one reference-data change for all of them). */
  async setPositions(changes: ReadonlyArray<{ id: string; position: number }>, at: string): Promise<void> {
    for (const { id, position } of changes) {
      await this.ctx.db.updateTable('routing_rules').set({ position, updated_at: at }).where('id', '=', id).execute();
    }
    if (changes.length > 0) await new ReferenceVersionRepository(this.ctx).bump();
  }

  async delete(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('routing_rules').where('id', '=', id).execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  async nextPosition(): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('routing_rules')
      .select((eb) => eb.fn.max<number>('position').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 10;
  }
}

function toRule(row: RoutingRulesTable): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active === 1,
    conditions: readJson<RoutingConditions>(row.conditions, {}),
    departmentId: row.department_id,
  };
}
