import { readJson, writeJson } from '../../platform/db/database.js';
import type { CustomerAttributeDefinitionsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { AttributeDefinition, AttributeType } from '../domain/attributes.js';

/** Definitions of custom customer attributes, in display order. */
export class CustomerAttributesRepository {
  constructor(private readonly ctx: DbContext) {}

  async list(includeInactive = false): Promise<AttributeDefinition[]> {
    let q = this.ctx.db.selectFrom('customer_attribute_definitions').selectAll();
    if (!includeInactive) q = q.where('active', '=', 1);
    const rows = await q.orderBy('position').orderBy('key').execute();
    return rows.map(toDefinition);
  }

  /** By id or key. */
  async findByRef(ref: string): Promise<AttributeDefinition | null> {
    const row = await this.ctx.db
      .selectFrom('customer_attribute_definitions')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', ref), eb('key', '=', ref)]))
      .executeTakeFirst();
    return row ? toDefinition(row) : null;
  }

  async insert(d: AttributeDefinition): Promise<void> {
    await this.ctx.db.insertInto('customer_attribute_definitions').values(toRow(d)).execute();
  }

  async update(d: AttributeDefinition): Promise<void> {
    const { id: _id, key: _key, created_at: _created, ...changes } = toRow(d);
    await this.ctx.db.updateTable('customer_attribute_definitions').set(changes).where('id', '=', d.id).execute();
  }
}

function toRow(d: AttributeDefinition) {
  return {
    id: d.id,
    key: d.key,
    label: d.label,
    label_en: d.labelEn,
    type: d.type,
    options: writeJson(d.options),
    required: d.required ? 1 : 0,
    position: d.position,
    active: d.active ? 1 : 0,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

function toDefinition(row: CustomerAttributeDefinitionsTable): AttributeDefinition {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    labelEn: row.label_en,
    type: row.type as AttributeType,
    options: readJson<string[]>(row.options, []),
    required: row.required === 1,
    position: row.position,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
