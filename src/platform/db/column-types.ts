import type { DialectName } from './database.js';

export interface ColumnTypes {
  timestamp: 'timestamptz' | 'text';
  json: 'jsonb' | 'text';
  autoIncrementId: 'bigserial' | 'integer';
}

/** Migrations are written once; only these column types differ between PostgreSQL and SQLite. */
export function columnTypes(dialect: DialectName): ColumnTypes {
  return dialect === 'postgres'
    ? { timestamp: 'timestamptz', json: 'jsonb', autoIncrementId: 'bigserial' }
    : { timestamp: 'text', json: 'text', autoIncrementId: 'integer' };
}
