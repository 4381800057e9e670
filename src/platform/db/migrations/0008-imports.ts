import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/**
 * CSV import jobs and their per-row errors. The uploaded file is kept, parsed into chunks of rows
 * (encrypted with the data key: a customer file is full of phone numbers), so that a job resumes
 * after a restart where its last committed chunk ended, and the rows that failed can be handed
 * back as a CSV to fix and import again.
 */
export const importsMigration = (t: ColumnTypes): Migration => ({ up: (db) => up(db, t) });

async function up(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('header', t.json, (c) => c.notNull())
    .addColumn('columns', t.json, (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('next_chunk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', t.timestamp)
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('started_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    .execute();
  // The worker's probe for work (queued and running jobs, least recently advanced first) and the lists.
  await db.schema.createIndex('import_jobs_work').on('import_jobs').columns(['status', 'updated_at', 'id']).execute();
  await db.schema.createIndex('import_jobs_creator').on('import_jobs').columns(['created_by', 'created_at', 'id']).execute();
  await db.schema.createIndex('import_jobs_created').on('import_jobs').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('import_chunks')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('first_row', 'integer', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('rows_sealed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_chunks_pk', ['job_id', 'seq'])
    .execute();

  await db.schema
    .createTable('import_errors')
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text')
    .addColumn('value_excerpt', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_errors_pk', ['job_id', 'row_number', 'seq'])
    .execute();
}
