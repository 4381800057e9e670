import { sql, type Kysely, type Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/** Customers: identities (encrypted), tags, custom attributes, contacts, merges; the audit trail. */
export const customersMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  const postgres = t.json === 'jsonb';
  // Name search compares and orders by code point on both databases: SQLite's BINARY collation
  // does, PostgreSQL needs "C" (a linguistic collation would break prefix ranges).
  const addCustomerColumns: Array<[string, 'text' | ColumnTypes['timestamp'] | ColumnTypes['json'], string?]> = [
    ['parent_id', 'text', 'customers.id'],
    ['merged_into_id', 'text', 'customers.id'],
    ['deleted_at', t.timestamp],
    ['name_key', 'text'],
    // The primary phone, denormalised for the joined ticket view: its mask, and the same ciphertext as its identity.
    ['phone_hint', 'text'],
    ['phone_sealed', 'text'],
    ['attributes', t.json],
  ];
  for (const [name, type, references] of addCustomerColumns) {
    await db.schema
      .alterTable('customers')
      .addColumn(name, type, (c) => {
        if (references) return c.references(references);
        return name === 'name_key' && postgres ? c.modifyEnd(sql`collate "C"`) : c;
      })
      .execute();
  }
  await sql`update customers set name_key = lower(name)`.execute(db);
  const customerIndexes: Array<[string, string[]]> = [
    ['customers_name_key', ['name_key', 'id']],
    ['customers_parent', ['parent_id', 'name_key', 'id']],
    ['customers_tier', ['tier', 'name_key', 'id']],
  ];
  for (const [name, columns] of customerIndexes) await db.schema.createIndex(name).on('customers').columns(columns).execute();

  await db.schema
    .createTable('customer_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text')
    .addColumn('label', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addColumn('value_sealed', 'text', (c) => c.notNull())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('customer_identities_lookup', ['kind', 'value_hash'])
    .execute();
  await db.schema.createIndex('customer_identities_customer').on('customer_identities').columns(['customer_id', 'kind']).execute();

  await db.schema
    .createTable('customer_tags')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag'])
    .execute();
  await db.schema.createIndex('customer_tags_tag').on('customer_tags').columns(['tag', 'customer_id']).execute();

  await db.schema
    .createTable('customer_attribute_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('data', t.json, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_type', 'subject_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at', 'id']).execute();

  // The fingerprint of the data key the database's personal data is encrypted with, so that a
  // start with another key stops at once instead of failing every lookup.
  await db.schema
    .createTable('data_key_check')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}
