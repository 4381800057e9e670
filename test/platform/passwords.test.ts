import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { hashPassword, scryptLoad, setScryptConcurrency, verifyPassword } from '../../src/platform/security/passwords.js';

describe('scrypt work: bounded, and shared out client by client', () => {
  after(() => setScryptConcurrency(2));

  it('runs at most GONGDAN_SCRYPT_CONCURRENCY computations at once; the others wait', async () => {
    const stored = await hashPassword('the-password', 10);
    setScryptConcurrency(2);
    let most = 0;
    const checks = Array.from({ length: 12 }, (_, i) =>
      verifyPassword(i === 0 ? 'the-password' : `guess-${i}`, stored, { lane: `client-${i % 3}` }).then((ok) => {
        most = Math.max(most, scryptLoad().running);
        return ok;
      }),
    );
    assert.deepEqual(scryptLoad(), { running: 2, waiting: 10 });
    const results = await Promise.all(checks);
    assert.deepEqual(results, [true, ...Array.from({ length: 11 }, () => false)], 'every check still answers, and right');
    assert.ok(most <= 2, `at most 2 ran at once, saw ${most}`);
    assert.deepEqual(scryptLoad(), { running: 0, waiting: 0 });
  });

  it('gives a freed slot to the waiting clients in turn, so one sending many does not make the others wait behind all of it', async () => {
    const stored = await hashPassword('the-password', 10);
    setScryptConcurrency(1);
    const finished: string[] = [];
    const flood = Array.from({ length: 20 }, (_, i) => verifyPassword(`guess-${i}`, stored, { lane: '203.0.113.9' }).then(() => finished.push(`flood-${i}`)));
    const real = verifyPassword('the-password', stored, { lane: '198.51.100.20' }).then((ok) => {
      finished.push('real');
      return ok;
    });
    assert.equal(await real, true);
    await Promise.all(flood);
    assert.deepEqual(finished.slice(0, 3), ['flood-0', 'flood-1', 'real'], 'the real check ran once the flood had had its turn');
  });

  it('lets more run when the limit is raised while some wait', async () => {
    const stored = await hashPassword('the-password', 10);
    setScryptConcurrency(1);
    const checks = Array.from({ length: 6 }, (_, i) => verifyPassword(`guess-${i}`, stored));
    assert.deepEqual(scryptLoad(), { running: 1, waiting: 5 });
    setScryptConcurrency(3);
    assert.deepEqual(scryptLoad(), { running: 3, waiting: 3 });
    await Promise.all(checks);
    assert.deepEqual(scryptLoad(), { running: 0, waiting: 0 });
  });
});
