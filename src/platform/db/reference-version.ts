import { newId } from '../ids.js';
import type { DbContext } from './unit-of-work.js';

/** Reads and changes the token that says whether cached reference data is still current. */
export class ReferenceVersionRepository {
  constructor(private readonly ctx: DbContext) {}

  async token(): Promise<string> {
    const row = await this.ctx.db.selectFrom('reference_version').select('token').where('id', '=', 1).executeTakeFirst();
    return row?.token ?? 'missing';
  }

  /** Called in the same transaction as every change to reference data. */
  async bump(): Promise<void> {
    await this.ctx.db.updateTable('reference_version').set({ token: newId() }).where('id', '=', 1).execute();
  }
}
