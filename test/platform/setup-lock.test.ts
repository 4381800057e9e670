import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../../src/app/server.js';
import { parseConfig } from '../../src/platform/config.js';
import { ADMIN_PASSWORD, DEMO_PASSWORD, dialects, TEST_DATA_KEY } from '../support/test-app.js';

/*
 * Two processes started at the same moment on one empty database (a deployment scaling to two
 * instances, a restart overlapping the old process): one sets the organisation up, the other
 * waits and finds it done. Before, both saw an empty database and the second failed on start-up
 * with a duplicate category code. PostgreSQL only: SQLite is one process's embedded database
 * (a second process on the same data directory fails its migration with a clear message, and
 * writes nothing).
 */
for (const dialect of dialects().filter((d) => d === 'postgres')) {
  describe(`two servers starting together on one empty database (${dialect})`, () => {
    it('both start; exactly one seeds the organisation, once', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gongdan-setup-'));
      const config = parseConfig({
        GONGDAN_DATA_DIR: dir,
        GONGDAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
        GONGDAN_DEMO_PASSWORD: DEMO_PASSWORD,
        GONGDAN_SCRYPT_LOG_N: '10',
        GONGDAN_DATA_KEY: TEST_DATA_KEY,
        LOG_LEVEL: 'silent',
      });
      if (dialect === 'postgres') {
        const url = process.env.TEST_DATABASE_URL!;
        const schema = `${process.env.GONGDAN_TEST_SCHEMA_PREFIX ?? 't_'}${process.pid}_setup_${Math.random().toString(36).slice(2, 8)}`;
        const client = new Client({ connectionString: url });
        await client.connect();
        await client.query(`create schema ${schema}`);
        await client.end();
        config.database = { kind: 'postgres', url, schema };
      }
      const started: RunningApp[] = [];
      try {
        const outcomes = await Promise.allSettled([startApp(config), startApp(config)]);
        for (const outcome of outcomes) if (outcome.status === 'fulfilled') started.push(outcome.value);
        assert.deepEqual(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'started')), ['started', 'started']);
        assert.equal(started.filter((app) => app.seeded !== null).length, 1, 'one of them seeded');
        const categories = (await started[0]!.ctx.uow.read((repos) => repos.reference())).categories;
        assert.equal(categories.all.length, 7, 'the demo categories, once');
      } finally {
        for (const app of started) await app.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
