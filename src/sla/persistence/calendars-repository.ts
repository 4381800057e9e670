import { readJson, writeJson } from '../../platform/db/database.js';
import { ReferenceVersionRepository } from '../../platform/db/reference-version.js';
import type { CalendarsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { CalendarDefinition } from '../domain/business-calendar.js';
import type { Calendar } from '../domain/calendar.js';

/** Business calendars. Every write bumps the reference version: processes keep calendars compiled in memory. */
export class CalendarsRepository {
  constructor(private readonly ctx: DbContext) {}

  async list(includeInactive = false): Promise<Calendar[]> {
    let query = this.ctx.db.selectFrom('calendars').selectAll().orderBy('created_at').orderBy('id');
    if (!includeInactive) query = query.where('active', '=', 1);
    return (await query.execute()).map(toCalendar);
  }

  /**
   * By id or code. With `lock`, inside a write on PostgreSQL the row stays locked until the
   * commit: a change writes the whole row back, and two administrators changing one calendar at
   * once (a rename and a holiday import, two imports) must each build on the other's change, not
   * overwrite it. SQLite has one writer at a time already.
   */
  async findByRef(ref: string, lock = false): Promise<Calendar | null> {
    const row = await this.ctx.db
      .selectFrom('calendars')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', ref), eb('code', '=', ref)]))
      .$if(lock && this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toCalendar(row) : null;
  }

  async codeExists(code: string): Promise<boolean> {
    return (await this.ctx.db.selectFrom('calendars').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
  }

  async insert(calendar: Calendar): Promise<void> {
    await this.ctx.db.insertInto('calendars').values(toRow(calendar)).execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }

  async update(calendar: Calendar): Promise<void> {
    const { id, created_at: _created, ...changes } = toRow(calendar);
    await this.ctx.db.updateTable('calendars').set(changes).where('id', '=', id).execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }
}

function toRow(c: Calendar): CalendarsTable {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    time_zone: c.definition.timeZone,
    week: writeJson(c.definition.week),
    holidays: writeJson(c.definition.holidays),
    workdays: writeJson(c.definition.workdays),
    always_open: c.alwaysOpen ? 1 : 0,
    active: c.active ? 1 : 0,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toCalendar(row: CalendarsTable): Calendar {
  const definition: CalendarDefinition = {
    timeZone: row.time_zone,
    week: readJson<CalendarDefinition['week']>(row.week, { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }),
    holidays: readJson<string[]>(row.holidays, []),
    workdays: readJson<string[]>(row.workdays, []),
  };
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    definition,
    alwaysOpen: row.always_open === 1,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
