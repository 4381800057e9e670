import { readJson, writeJson } from '../../platform/db/database.js';
import { ReferenceVersionRepository } from '../../platform/db/reference-version.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import { EMPTY_SETTINGS, type OrganisationSettings } from '../domain/settings.js';

const KEY = 'organisation';

export class SettingsRepository {
  constructor(private readonly ctx: DbContext) {}

  /**
   * The settings; with `lock`, the row stays locked until the transaction ends (PostgreSQL;
   * SQLite has one writer), so a change built on them, or a deactivation they must not name,
   * waits for another in progress instead of overwriting it.
   */
  async get(lock = false): Promise<OrganisationSettings> {
    if (lock && this.ctx.dialect === 'postgres') {
      // There is a row to lock even before the first change.
      await this.ctx.db.insertInto('settings').values({ key: KEY, value: '{}', updated_at: new Date(0).toISOString() }).onConflict((oc) => oc.column('key').doNothing()).execute();
    }
    const row = await this.ctx.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', KEY)
      .$if(lock && this.ctx.dialect === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    const stored = readJson<Partial<OrganisationSettings>>(row?.value, {});
    return {
      ...EMPTY_SETTINGS,
      ...stored,
      intakeDefaults: { ...EMPTY_SETTINGS.intakeDefaults, ...stored.intakeDefaults },
    };
  }

  async save(settings: OrganisationSettings, at: string): Promise<void> {
    const value = writeJson(settings);
    await this.ctx.db
      .insertInto('settings')
      .values({ key: KEY, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
    await new ReferenceVersionRepository(this.ctx).bump();
  }
}
