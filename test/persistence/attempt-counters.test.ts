import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttemptCounts } from '../../src/auth/http/password-rate-limits.js';
import { AttemptCountersRepository } from '../../src/auth/persistence/attempt-counters-repository.js';
import { dialects, startTestApp, type TestApp } from '../support/test-app.js';

for (const dialect of dialects()) {
  describe(`the password-guessing counts in the database (${dialect})`, () => {
    let t: TestApp;
    let now: number;
    let counts: AttemptCounts;
    let repository: AttemptCountersRepository;
    const rows = () => t.running.database.db.selectFrom('attempt_counters').selectAll().execute();
    before(async () => {
      t = await startTestApp(dialect);
      now = Date.parse('2026-11-23T02:00:00.000Z');
      repository = new AttemptCountersRepository({ db: t.running.database.db, dialect: t.running.database.dialect });
      counts = new AttemptCounts(repository, () => now);
    });
    after(async () => t?.close());
    /** A hit's count and time left, without the instant its window ends. */
    const hit = async (key: string) => {
      const { hits, ttlMs } = await counts.hit(key);
      return { hits, ttlMs };
    };

    it('counts a key within its minute, starts again once the minute is over, and says how long the window has left', async () => {
      assert.deepEqual(await hit('login:198.51.100.1:admin'), { hits: 1, ttlMs: 60_000 });
      now += 20_000;
      assert.deepEqual(await hit('login:198.51.100.1:admin'), { hits: 2, ttlMs: 40_000 });
      assert.deepEqual(await hit('login:198.51.100.2:admin'), { hits: 1, ttlMs: 60_000 }, 'each key its own count');
      now += 40_000;
      assert.deepEqual(await hit('login:198.51.100.1:admin'), { hits: 1, ttlMs: 60_000 }, 'a new window');
    });

    it('counts every one of many hits arriving together', async () => {
      const answers = await Promise.all(Array.from({ length: 25 }, () => counts.hit('login-address:203.0.113.77')));
      assert.deepEqual(answers.map((a) => a.hits).sort((x, y) => x - y), Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it('takes back a hit in the window it was counted in only, and never below nothing', async () => {
      await counts.hit('login-address:203.0.113.78');
      const { resetAt } = await counts.hit('login-address:203.0.113.78');
      await counts.refund('login-address:203.0.113.78', resetAt);
      assert.equal((await counts.hit('login-address:203.0.113.78')).hits, 2);
      await counts.refund('login-address:203.0.113.79', resetAt);
      assert.equal((await counts.hit('login-address:203.0.113.79')).hits, 1, 'a refund without a count leaves nothing behind');
      // Counted just before the minute ended, taken back just after: the new window keeps its count.
      now += 60_000;
      await counts.hit('login-address:203.0.113.78');
      await counts.refund('login-address:203.0.113.78', resetAt);
      assert.equal((await counts.hit('login-address:203.0.113.78')).hits, 2, 'a refund of an ended window takes nothing from the next');
    });

    it('stores hashes, not addresses or usernames, and deletes the ended windows about once a minute', async () => {
      const stored = await rows();
      assert.ok(stored.length > 0);
      assert.ok(stored.every((row) => /^[0-9a-f]{64}$/.test(row.key_hash)), 'SHA-256 of the key');
      assert.ok(!JSON.stringify(stored).includes('198.51.100') && !JSON.stringify(stored).includes('admin'));
      now += 61_000;
      await counts.hit('login:192.0.2.1:agent');
      assert.deepEqual((await rows()).map((row) => row.hits), [1], 'only the count just made is left');
      assert.equal(await repository.deleteExpired(now + 60_000), 1);
    });
  });
}
