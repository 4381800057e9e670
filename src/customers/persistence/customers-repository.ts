import { sql, type SqlBool } from 'kysely';
import { readJson, writeJson } from '../../platform/db/database.js';
import type { CustomerIdentitiesTable, CustomersTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { FieldCipher } from '../../platform/security/field-encryption.js';
import {
  IDENTITY_KINDS,
  KINDS_WITH_PRIMARY,
  lookupValue,
  maskIdentity,
  nameKey,
  type AttributeValue,
  type Customer,
  type CustomerType,
  type Identity,
  type IdentityKind,
} from '../domain/customer.js';

/** A customer as lists show it: no decryption, the primary phone by its mask. */
export interface CustomerSummary {
  id: string;
  name: string;
  type: CustomerType;
  tier: string | null;
  parentId: string | null;
  phoneHint: string | null;
  tags: string[];
  attributes: Record<string, AttributeValue>;
  createdAt: string;
  updatedAt: string;
}

/** A position in the name-ordered list: the last row of the previous page. */
export type CustomerPosition = readonly [nameKey: string, id: string];

export interface CustomerListQuery {
  /** Name, case-insensitive: its beginning (`prefix`) or any part (`contains`). */
  name?: { text: string; match: 'prefix' | 'contains' };
  /** Customers found otherwise (a phone number typed in the search box) that match besides the name. */
  orIds?: string[];
  tags?: string[];
  tiers?: string[];
  types?: CustomerType[];
  parentId?: string;
  limit: number;
  after?: CustomerPosition;
}

/** An identity to store: the normalised value goes in encrypted, with its lookup hash and mask. */
export interface NewIdentity {
  id: string;
  customerId: string;
  kind: IdentityKind;
  scheme: string | null;
  label: string | null;
  primary: boolean;
  value: string;
  createdAt: string;
}

/** An identity with its value decrypted, or null when the reader sees only the mask. */
export type OpenedIdentity = Identity & { value: string | null };

/** Upper bound of a prefix range: the largest code point sorts after every continuation. */
const AFTER_ALL = '\u{10FFFF}';

/**
 * Customers, their identities and tags. Personal values are encrypted here on the way in and
 * decrypted only when asked; what callers pass and get back are plain normalised values.
 */
export class CustomersRepository {
  constructor(
    private readonly ctx: DbContext,
    /** Null in tools started without a data key: anything touching personal data then fails clearly. */
    private readonly fieldCipher: FieldCipher | null,
  ) {}

  private get cipher(): FieldCipher {
    if (!this.fieldCipher) throw new Error('No data key was given to this unit of work, so customer personal data cannot be read or written.');
    return this.fieldCipher;
  }

  /** A customer by id, also a deleted or merged one (their tickets still point at them). */
  /**
   * One customer; with `lock`, inside a write on PostgreSQL the row stays locked until the commit,
   * because a change writes the whole row back and must not overwrite a concurrent one.
   */
  async findById(id: string, lock = false): Promise<Customer | null> {
    let query = this.ctx.db.selectFrom('customers').selectAll().where('id', '=', id);
    if (lock && this.ctx.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toCustomer(row) : null;
  }

  /** Locks these customers' rows (PostgreSQL) in id order, so that two writes taking the same rows queue instead of deadlocking. */
  async lockAll(ids: readonly string[]): Promise<void> {
    if (this.ctx.dialect !== 'postgres' || ids.length === 0) return;
    await this.ctx.db.selectFrom('customers').select('id').where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
  }

  /** Which of these ids are customers' (deleted and merged ones included: their rows stay, and tickets still name them). */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.ctx.db.selectFrom('customers').select('id').where('id', 'in', [...ids]).execute();
    return new Set(rows.map((row) => row.id));
  }

  /** The customer a normalised phone number belongs to, through its lookup hash. */
  async findByPhone(normalisedPhone: string): Promise<Customer | null> {
    const owner = await this.findOwner('phone', null, normalisedPhone);
    return owner ? this.findById(owner.customerId) : null;
  }

  /** Who holds this identity: one probe of the unique (kind, hash) index. */
  async findOwner(kind: IdentityKind, scheme: string | null, normalised: string): Promise<{ customerId: string; identityId: string } | null> {
    const row = await this.ctx.db
      .selectFrom('customer_identities')
      .select(['id', 'customer_id'])
      .where('kind', '=', kind)
      .where('value_hash', '=', this.hash(kind, scheme, normalised))
      .executeTakeFirst();
    return row ? { customerId: row.customer_id, identityId: row.id } : null;
  }

  /** The holder of an identity with its customer row, in one query (the screen pop's first read). */
  async findByIdentity(kind: IdentityKind, scheme: string | null, normalised: string): Promise<{ customer: Customer; identityId: string } | null> {
    const row = await this.ctx.db
      .selectFrom('customer_identities as i')
      .innerJoin('customers as c', 'c.id', 'i.customer_id')
      .selectAll('c')
      .select('i.id as identity_id')
      .where('i.kind', '=', kind)
      .where('i.value_hash', '=', this.hash(kind, scheme, normalised))
      .executeTakeFirst();
    if (!row) return null;
    const { identity_id, ...customer } = row;
    return { customer: toCustomer(customer), identityId: identity_id };
  }

  async insert(customer: Customer): Promise<void> {
    await this.ctx.db.insertInto('customers').values(toRow(customer)).execute();
  }

  /** Removes a customer created in the current transaction, with its identities (an intake that lost a race). */
  async discard(customerId: string): Promise<void> {
    await this.removeIdentitiesOf(customerId);
    await this.ctx.db.deleteFrom('customers').where('id', '=', customerId).execute();
  }

  async update(customer: Customer): Promise<void> {
    const { id: _id, created_at: _created, ...changes } = toRow(customer);
    await this.ctx.db.updateTable('customers').set(changes).where('id', '=', customer.id).execute();
  }

  /** One page of live customers (neither deleted nor merged) in name order; one extra row tells if more follow. */
  async list(query: CustomerListQuery): Promise<{ items: CustomerSummary[]; next: CustomerPosition | null }> {
    let q = this.ctx.db
      .selectFrom('customers as c')
      .select(['c.id', 'c.name', 'c.type', 'c.tier', 'c.parent_id', 'c.phone_hint', 'c.name_key', 'c.attributes', 'c.created_at', 'c.updated_at'])
      .where('c.deleted_at', 'is', null)
      .where('c.merged_into_id', 'is', null);
    if (query.name) {
      const key = nameKey(query.name.text);
      const byName =
        query.name.match === 'prefix'
          ? sql<SqlBool>`(${sql.ref('c.name_key')} >= ${key} and ${sql.ref('c.name_key')} < ${key + AFTER_ALL})`
          : this.ctx.dialect === 'postgres'
            ? sql<SqlBool>`strpos(${sql.ref('c.name_key')}, ${key}) > 0`
            : sql<SqlBool>`instr(${sql.ref('c.name_key')}, ${key}) > 0`;
      q = q.where((eb) => (query.orIds?.length ? eb.or([byName, eb('c.id', 'in', query.orIds)]) : byName));
    }
    // An empty list (`?tier=`) filters nothing, as on the ticket list; `in ()` is not SQL.
    if (query.tiers?.length) q = q.where('c.tier', 'in', query.tiers);
    if (query.types?.length) q = q.where('c.type', 'in', query.types);
    if (query.parentId) q = q.where('c.parent_id', '=', query.parentId);
    if (query.tags?.length) {
      const tags = query.tags;
      q = q.where((eb) =>
        eb.exists(eb.selectFrom('customer_tags as ct').select('ct.tag').whereRef('ct.customer_id', '=', 'c.id').where('ct.tag', 'in', tags)),
      );
    }
    if (query.after) {
      const [key, id] = query.after;
      q = q.where(sql<SqlBool>`(${sql.ref('c.name_key')}, ${sql.ref('c.id')}) > (${key}, ${id})`);
    }
    const rows = await q.orderBy('c.name_key').orderBy('c.id').limit(query.limit + 1).execute();
    const page = rows.slice(0, query.limit);
    const tags = await this.tagsOf(page.map((r) => r.id));
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        name: r.name,
        type: r.type as CustomerType,
        tier: r.tier,
        parentId: r.parent_id,
        phoneHint: r.phone_hint,
        tags: tags.get(r.id) ?? [],
        attributes: readJson<Record<string, AttributeValue>>(r.attributes, {}),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      })),
      next: rows.length > query.limit && last ? [last.name_key ?? '', last.id] : null,
    };
  }

  /** Live enterprise customers of exactly this name (at most `limit`): an import names a contact's enterprise so. */
  async findEnterprisesNamed(name: string, limit = 2): Promise<Customer[]> {
    const rows = await this.ctx.db
      .selectFrom('customers')
      .selectAll()
      .where('name_key', '=', nameKey(name))
      .where('name', '=', name)
      .where('type', '=', 'enterprise')
      .where('deleted_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .limit(limit)
      .execute();
    return rows.map(toCustomer);
  }

  async countContacts(enterpriseId: string): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('parent_id', '=', enterpriseId)
      .where('deleted_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  // ─── Identities ───────────────────────────────────────────────────────────

  /** A customer's identities, oldest first within each kind; values are decrypted only where `open` says so. */
  async identitiesOf(customerId: string, open: (identity: Identity) => boolean = () => false): Promise<OpenedIdentity[]> {
    const rows = await this.ctx.db
      .selectFrom('customer_identities')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => {
      const identity = toIdentity(row);
      return { ...identity, value: open(identity) ? this.cipher.decrypt(row.value_sealed, identity.kind) : null };
    });
  }

  /**
   * The identities of many customers at once (an export's page), oldest first within each kind;
   * values are decrypted only where `open` says so.
   */
  async identitiesOfCustomers(customerIds: readonly string[], open: (identity: Identity) => boolean = () => false): Promise<Map<string, OpenedIdentity[]>> {
    const map = new Map<string, OpenedIdentity[]>();
    // Well under the bind limits of both databases.
    for (let i = 0; i < customerIds.length; i += 500) {
      const rows = await this.ctx.db
        .selectFrom('customer_identities')
        .selectAll()
        .where('customer_id', 'in', customerIds.slice(i, i + 500))
        .orderBy('customer_id')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      for (const row of rows) {
        const identity = toIdentity(row);
        const opened = { ...identity, value: open(identity) ? this.cipher.decrypt(row.value_sealed, identity.kind) : null };
        const list = map.get(row.customer_id);
        if (list) list.push(opened);
        else map.set(row.customer_id, [opened]);
      }
    }
    return map;
  }

  async findIdentity(customerId: string, identityId: string): Promise<Identity | null> {
    const row = await this.ctx.db
      .selectFrom('customer_identities')
      .selectAll()
      .where('id', '=', identityId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row ? toIdentity(row) : null;
  }

  /** The value of one identity, decrypted. */
  async reveal(identityId: string): Promise<string | null> {
    const row = await this.ctx.db.selectFrom('customer_identities').select(['kind', 'value_sealed']).where('id', '=', identityId).executeTakeFirst();
    return row ? this.cipher.decrypt(row.value_sealed, row.kind) : null;
  }

  /** Decrypts primary-phone ciphertexts carried by ticket views (the same format as a phone identity). */
  openPhones(sealed: readonly string[]): string[] {
    return sealed.map((value) => this.cipher.decrypt(value, 'phone'));
  }

  /**
   * Stores an identity unless another customer already holds the value: then nothing is written
   * and the holder is answered. On PostgreSQL a concurrent insert of the same value waits for
   * the other transaction and then finds it, so the unique index never surfaces as an error.
   */
  async addIdentity(identity: NewIdentity): Promise<{ added: true } | { added: false; heldBy: string }> {
    const result = await this.ctx.db
      .insertInto('customer_identities')
      .values({
        id: identity.id,
        customer_id: identity.customerId,
        kind: identity.kind,
        scheme: identity.scheme,
        label: identity.label,
        is_primary: identity.primary ? 1 : 0,
        value_hash: this.hash(identity.kind, identity.scheme, identity.value),
        value_sealed: this.cipher.encrypt(identity.value, identity.kind),
        hint: maskIdentity(identity.kind, identity.value),
        created_at: identity.createdAt,
      })
      .onConflict((oc) => oc.columns(['kind', 'value_hash']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (result) return { added: true };
    const owner = await this.findOwner(identity.kind, identity.scheme, identity.value);
    return { added: false, heldBy: owner?.customerId ?? '' };
  }

  async updateIdentityLabel(identityId: string, label: string | null): Promise<void> {
    await this.ctx.db.updateTable('customer_identities').set({ label }).where('id', '=', identityId).execute();
  }

  async removeIdentity(identityId: string): Promise<void> {
    await this.ctx.db.deleteFrom('customer_identities').where('id', '=', identityId).execute();
  }

  async removeIdentitiesOf(customerId: string): Promise<void> {
    await this.ctx.db.deleteFrom('customer_identities').where('customer_id', '=', customerId).execute();
  }

  /**
   * Makes one identity the primary of its kind (or, with null, the oldest one, if none is), then
   * copies the primary phone's mask and ciphertext onto the customer row for the ticket view.
   */
  async settlePrimary(customerId: string, kind: IdentityKind, primaryId: string | null): Promise<void> {
    if (!KINDS_WITH_PRIMARY.includes(kind)) return;
    const db = this.ctx.db;
    if (primaryId) {
      await db
        .updateTable('customer_identities')
        .set((eb) => ({ is_primary: eb.case().when('id', '=', primaryId).then(1).else(0).end() }))
        .where('customer_id', '=', customerId)
        .where('kind', '=', kind)
        .execute();
    } else {
      const rows = await db
        .selectFrom('customer_identities')
        .select(['id', 'is_primary'])
        .where('customer_id', '=', customerId)
        .where('kind', '=', kind)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const primaries = rows.filter((r) => r.is_primary === 1);
      if (rows.length > 0 && primaries.length !== 1) await this.settlePrimary(customerId, kind, primaries[0]?.id ?? rows[0]!.id);
    }
    if (kind === 'phone') {
      const primary = await db
        .selectFrom('customer_identities')
        .select(['hint', 'value_sealed'])
        .where('customer_id', '=', customerId)
        .where('kind', '=', 'phone')
        .where('is_primary', '=', 1)
        .executeTakeFirst();
      await db
        .updateTable('customers')
        .set({ phone_hint: primary?.hint ?? null, phone_sealed: primary?.value_sealed ?? null })
        .where('id', '=', customerId)
        .execute();
    }
  }

  // ─── Tags ─────────────────────────────────────────────────────────────────

  async tagsOf(customerIds: readonly string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (customerIds.length === 0) return map;
    const rows = await this.ctx.db
      .selectFrom('customer_tags')
      .select(['customer_id', 'tag'])
      .where('customer_id', 'in', [...customerIds])
      .orderBy('tag')
      .execute();
    for (const row of rows) map.set(row.customer_id, [...(map.get(row.customer_id) ?? []), row.tag]);
    return map;
  }

  async setTags(customerId: string, tags: readonly string[]): Promise<void> {
    await this.ctx.db.deleteFrom('customer_tags').where('customer_id', '=', customerId).execute();
    if (tags.length > 0) {
      await this.ctx.db
        .insertInto('customer_tags')
        .values(tags.map((tag) => ({ customer_id: customerId, tag })))
        .execute();
    }
  }

  // ─── Merging ──────────────────────────────────────────────────────────────

  /** Moves every identity to the survivor, which keeps its own primaries; answers how many moved. */
  async moveIdentities(from: string, to: string): Promise<number> {
    const result = await this.ctx.db
      .updateTable('customer_identities')
      .set({ customer_id: to, is_primary: 0 })
      .where('customer_id', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async moveContacts(from: string, to: string, at: string): Promise<number> {
    const result = await this.ctx.db.updateTable('customers').set({ parent_id: to, updated_at: at }).where('parent_id', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async redirectMerged(from: string, to: string): Promise<void> {
    await this.ctx.db.updateTable('customers').set({ merged_into_id: to }).where('merged_into_id', '=', from).execute();
  }

  async ticketIdsOf(customerId: string): Promise<string[]> {
    const rows = await this.ctx.db.selectFrom('tickets').select('id').where('customer_id', '=', customerId).execute();
    return rows.map((r) => r.id);
  }

  /** The tickets of one customer become the other's; answers their ids (for the audit trail). */
  async reassignTickets(from: string, to: string): Promise<string[]> {
    const ids = await this.ticketIdsOf(from);
    if (ids.length > 0) await this.ctx.db.updateTable('tickets').set({ customer_id: to }).where('customer_id', '=', from).execute();
    return ids;
  }

  // ─── Start-up: the data key and plaintext from before encryption ─────────

  async storedKeyFingerprint(): Promise<string | null> {
    const row = await this.ctx.db.selectFrom('data_key_check').select('fingerprint').where('id', '=', 1).executeTakeFirst();
    return row?.fingerprint ?? null;
  }

  async saveKeyFingerprint(fingerprint: string, at: string): Promise<void> {
    await this.ctx.db
      .insertInto('data_key_check')
      .values({ id: 1, fingerprint, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /**
   * Customers still carrying a plain phone number in the old column, in the order of its index
   * (each batch starts where the last one cleared), the oldest first among those sharing a number.
   */
  async plaintextPhones(limit: number): Promise<Array<{ id: string; phone: string }>> {
    const rows = await this.ctx.db
      .selectFrom('customers')
      .select(['id', 'phone'])
      // A range, so that both databases walk the customers_phone index in order (IS NOT NULL made SQLite scan and sort).
      .where('phone', '>', '')
      .orderBy('phone')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, phone: r.phone! }));
  }

  /**
   * Moves one plain number of the old column into an encrypted identity (primary unless the
   * customer has a phone already), clears the column, and fills the row's primary-phone copy if
   * empty. Answers false when another customer holds the number: this one then keeps it only on
   * its row, for its tickets. Two statements, one encryption: start-up may do this 250,000 times.
   */
  async encryptPlaintextPhone(customerId: string, normalised: string, id: string, at: string): Promise<boolean> {
    const sealed = this.cipher.encrypt(normalised, 'phone');
    const hint = maskIdentity('phone', normalised);
    const inserted = await this.ctx.db
      .insertInto('customer_identities')
      .values({
        id,
        customer_id: customerId,
        kind: 'phone',
        scheme: null,
        label: null,
        is_primary: sql<number>`case when exists (select 1 from customer_identities where customer_id = ${customerId} and kind = 'phone') then 0 else 1 end`,
        value_hash: this.hash('phone', null, normalised),
        value_sealed: sealed,
        hint,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['kind', 'value_hash']).doNothing())
      .returning('id')
      .executeTakeFirst();
    await this.clearPlaintextPhone(customerId, { hint, sealed });
    return inserted !== undefined;
  }

  /** Clears the old plain column (and fills the search key, which rows written around the application may lack). */
  async clearPlaintextPhone(customerId: string, primary: { hint: string; sealed: string } | null): Promise<void> {
    await this.ctx.db
      .updateTable('customers')
      .set({
        phone: null,
        name_key: sql<string>`coalesce(name_key, lower(name))`,
        ...(primary && { phone_hint: sql<string>`coalesce(phone_hint, ${primary.hint})`, phone_sealed: sql<string>`coalesce(phone_sealed, ${primary.sealed})` }),
      })
      .where('id', '=', customerId)
      .execute();
  }

  private hash(kind: IdentityKind, scheme: string | null, normalised: string): string {
    return this.cipher.lookupHash(kind, lookupValue(kind, scheme, normalised));
  }
}

function toRow(c: Customer) {
  return {
    id: c.id,
    name: c.name,
    name_key: nameKey(c.name),
    tier: c.tier,
    type: c.type,
    parent_id: c.parentId,
    merged_into_id: c.mergedIntoId,
    deleted_at: c.deletedAt,
    attributes: writeJson(c.attributes),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function toCustomer(row: CustomersTable): Customer {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    type: row.type as CustomerType,
    parentId: row.parent_id,
    mergedIntoId: row.merged_into_id,
    deletedAt: row.deleted_at,
    attributes: readJson<Record<string, AttributeValue>>(row.attributes, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toIdentity(row: CustomerIdentitiesTable): Identity {
  if (!(IDENTITY_KINDS as readonly string[]).includes(row.kind)) throw new Error(`Unknown identity kind in the database: ${JSON.stringify(row.kind)}`);
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as IdentityKind,
    scheme: row.scheme,
    label: row.label,
    primary: row.is_primary === 1,
    hint: row.hint,
    createdAt: row.created_at,
  };
}
