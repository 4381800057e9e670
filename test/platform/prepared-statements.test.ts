import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { PostgresPool } from 'kysely';
import { withPreparedStatements } from '../../src/platform/db/prepared-statements.js';

/*
 * PostgreSQL prepares the statements Gongdan sends again and again, once per connection, instead
 * of parsing and planning them on every execution (src/platform/db/prepared-statements.ts).
 * One connection, so what it has prepared can be read back.
 */
const url = process.env.TEST_DATABASE_URL;

describe('recurring statements are prepared once per PostgreSQL connection', { skip: url ? false : 'TEST_DATABASE_URL is not set' }, () => {
  let pool: pg.Pool;
  let wrapped: PostgresPool;

  before(() => {
    pool = new pg.Pool({ connectionString: url, max: 1 });
    wrapped = withPreparedStatements(pool, { capacity: 2 });
  });
  after(async () => wrapped?.end());

  const run = async <R>(sql: string, parameters: unknown[] = []): Promise<R[]> => {
    const client = await wrapped.connect();
    try {
      return (await client.query<R>(sql, parameters)).rows;
    } finally {
      client.release();
    }
  };
  /** The texts the one connection has prepared (read unnamed, straight from the pool). */
  const prepared = async (): Promise<string[]> => (await pool.query<{ statement: string }>('select statement from pg_prepared_statements order by prepare_time')).rows.map((r) => r.statement);

  it('answers as before, and prepares a text the second time it is sent', async () => {
    const sum = 'select $1::int + 1 as n';
    assert.deepEqual(await run(sum, [1]), [{ n: 2 }]);
    assert.deepEqual(await prepared(), [], 'a text sent once is not prepared');
    assert.deepEqual(await run(sum, [41]), [{ n: 42 }]);
    assert.deepEqual(await run(sum, [99]), [{ n: 100 }]);
    assert.deepEqual(await prepared(), [sum]);
  });

  it('never prepares transaction control, full-text matches (their plans depend on the words) or every-column reads', async () => {
    const match = "select to_tsvector('simple', 'broadband slow') @@ to_tsquery('simple', $1) as hit";
    const everyColumn = 'select * from (select $1::int as n) as "t"';
    const everyColumnOfOne = 'select "t".* from (select $1::int as n) as "t"';
    for (const words of ['broadband', 'refund', 'slow']) {
      await run('begin');
      assert.deepEqual(await run(match, [words]), [{ hit: words !== 'refund' }]);
      assert.deepEqual(await run(everyColumn, [7]), [{ n: 7 }]);
      assert.deepEqual(await run(everyColumnOfOne, [8]), [{ n: 8 }]);
      await run('commit');
    }
    assert.deepEqual(await prepared(), ['select $1::int + 1 as n']);
  });

  it('prepares at most `capacity` texts, and sends the rest unnamed', async () => {
    const texts = ['select $1::text as a', 'select $1::text as b'];
    for (const text of texts) for (let i = 0; i < 3; i++) await run(text, ['x']);
    assert.deepEqual(await prepared(), ['select $1::int + 1 as n', texts[0]]);
    assert.deepEqual(await run(texts[1]!, ['still answered']), [{ b: 'still answered' }]);
  });
});
