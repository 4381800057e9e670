import type { UseCaseContext } from '../../app/context.js';
import { ConfigError } from '../../platform/config.js';
import { newId } from '../../platform/ids.js';
import { normalisePhone } from '../domain/customer.js';

const BATCH = 500;

/**
 * Runs at every start, before anything reads customers:
 * 1. checks that the data key is the one the database's personal data was encrypted with (its
 *    fingerprint is stored on first use), so a wrong or lost key stops the start instead of
 *    quietly failing every lookup and creating duplicate customers;
 * 2. encrypts the plain phone numbers of databases from before encryption into identities and
 *    clears the old column (in batches; once done, one indexed probe finds nothing to do).
 */
export async function prepareCustomerData(
  ctx: UseCaseContext,
  keyFingerprint: string,
  /** Called when the key is not the database's: gives it up and answers what to tell the operator. */
  onWrongKey: () => string,
): Promise<{ encryptedPhones: number }> {
  await ctx.uow.write(async (repos) => {
    const stored = await repos.customers.storedKeyFingerprint();
    if (stored === null) await repos.customers.saveKeyFingerprint(keyFingerprint, ctx.clock.now().toISOString());
    else if (stored !== keyFingerprint) throw new ConfigError(onWrongKey());
  });
  let encryptedPhones = 0;
  for (;;) {
    const done = await ctx.uow.write(async (repos) => {
      const rows = await repos.customers.plaintextPhones(BATCH);
      const at = ctx.clock.now().toISOString();
      for (const row of rows) {
        const phone = normalisePhone(row.phone, ctx.defaultAreaCode);
        // A number two old customers shared stays (encrypted) on the later one's row for its
        // tickets, but only the first one is found by it.
        if (phone.length >= 3) await repos.customers.encryptPlaintextPhone(row.id, phone, newId(), at);
        else await repos.customers.clearPlaintextPhone(row.id, null);
      }
      return rows.length;
    });
    encryptedPhones += done;
    if (done < BATCH) return { encryptedPhones };
  }
}
