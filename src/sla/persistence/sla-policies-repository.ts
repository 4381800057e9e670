import { readJson, writeJson } from '../../platform/db/database.js';
import { ReferenceVersionRepository } from '../../platform/db/reference-version.js';
import type { SlaPoliciesTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import { DEFAULT_EXTENSIONS } from '../domain/sla-policy-rules.js';
import type { ExtensionLimits, PolicyMatch, SlaPolicy, SlaTarget, TargetSpec } from '../domain/sla-policy.js';

/** A policy as stored, with the time of its last change. */
export interface StoredSlaPolicy extends SlaPolicy {
  updatedAt: string;
}

/** How a calendar or a user is shown where a policy names it. */
export interface CalendarRef {
  id: string;
  code: string;
  name: string;
}
export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

const EMPTY_MATCH: PolicyMatch = { categoryIds: [], serviceItemIds: [], priorityIds: [], channels: [], customerTiers: [] };

/**
 * Time-limit policies. They are reference data (cached per process with the rest), so every
 * write bumps the reference version in the same transaction.
 */
export class SlaPoliciesRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Active policies, or all of them; oldest first (the order findPolicy breaks last ties in). */
  async list(includeInactive: boolean): Promise<StoredSlaPolicy[]> {
    let query = this.ctx.db.selectFrom('sla_policies').selectAll().orderBy('created_at').orderBy('id');
    if (!includeInactive) query = query.where('active', '=', 1);
    return (await query.execute()).map(toPolicy);
  }

  async findById(id: string): Promise<StoredSlaPolicy | null> {
    const row = await this.ctx.db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPolicy(row) : null;
  }

  /**
   * A policy by its id or its name. With `lock`, inside a write on PostgreSQL the row stays
   * locked until the commit: a change writes the whole row back, and two administrators changing
   * one policy at once must each build on the other's change, not overwrite it. SQLite has one
   * writer at a time already.
   */
  async findByRef(ref: string, lock = false): Promise<StoredSlaPolicy | null> {
    const row = await this.ctx.db
      .selectFrom('sla_policies')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
      // An id that happens to equal another policy's name: the id wins.
      .orderBy((eb) => eb.case().when('id', '=', ref).then(0).else(1).end())
      .$if(lock && this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toPolicy(row) : null;
  }

  async nameExists(name: string, exceptId?: string): Promise<boolean> {
    let query = this.ctx.db.selectFrom('sla_policies').select('id').where('name', '=', name);
    if (exceptId) query = query.where('id', '<>', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async insert(policy: SlaPolicy, at: string): Promise<void> {
    await this.ctx.db
      .insertInto('sla_policies')
      .values({
        id: policy.id,
        name: policy.name,
        active: policy.active ? 1 : 0,
        match: writeJson(policy.match),
        calendar_id: policy.calendarId,
        targets: writeJson(policy.targets),
        extensions: writeJson(policy.extensions),
        created_at: policy.createdAt,
        updated_at: at,
      })
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  async update(policy: SlaPolicy, at: string): Promise<void> {
    await this.ctx.db
      .updateTable('sla_policies')
      .set({
        name: policy.name,
        active: policy.active ? 1 : 0,
        match: writeJson(policy.match),
        calendar_id: policy.calendarId,
        targets: writeJson(policy.targets),
        extensions: writeJson(policy.extensions),
        updated_at: at,
      })
      .where('id', '=', policy.id)
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  /** The id of an active calendar, named by its id or its code; null when there is none. */
  async findCalendarId(ref: string): Promise<string | null> {
    const row = await this.ctx.db
      .selectFrom('calendars')
      .select('id')
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Calendars by id (deactivated ones too), for showing the policies that name them. */
  async calendarRefs(ids: readonly string[]): Promise<CalendarRef[]> {
    if (ids.length === 0) return [];
    return this.ctx.db.selectFrom('calendars').select(['id', 'code', 'name']).where('id', 'in', [...ids]).execute();
  }

  /** Users by id (deactivated ones too), for showing the policies that name them. */
  async userRefs(ids: readonly string[]): Promise<UserRef[]> {
    if (ids.length === 0) return [];
    return this.ctx.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name as displayName'])
      .where('id', 'in', [...ids])
      .execute();
  }
}

function toPolicy(row: SlaPoliciesTable): StoredSlaPolicy {
  return {
    id: row.id,
    name: row.name,
    active: row.active === 1,
    match: { ...EMPTY_MATCH, ...readJson<Partial<PolicyMatch>>(row.match, {}) },
    calendarId: row.calendar_id,
    targets: readJson<Partial<Record<SlaTarget, TargetSpec>>>(row.targets, {}),
    extensions: { ...DEFAULT_EXTENSIONS, ...readJson<Partial<ExtensionLimits>>(row.extensions, {}) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
