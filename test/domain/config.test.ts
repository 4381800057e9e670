import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../src/platform/config.js';

/** Asserts that the settings are refused with a ConfigError whose message names the variable. */
function refuses(env: Record<string, string>, variable: string) {
  assert.throws(
    () => parseConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.match(error.message, new RegExp(`\\b${variable}: `));
      return true;
    },
    JSON.stringify(env),
  );
}

describe('parseConfig defaults', () => {
  it('listens on port 3000 on all interfaces and keeps data in ./data, resolved, in SQLite', () => {
    const config = parseConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, path.resolve('data'));
    assert.ok(path.isAbsolute(config.dataDir));
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.join(path.resolve('data'), 'gongdan.sqlite') });
  });

  it('uses Shanghai time, seeds the demo and keeps sessions for 12 hours', () => {
    const config = parseConfig({});
    assert.equal(config.timeZone, 'Asia/Shanghai');
    assert.equal(config.seedDemo, true);
    assert.equal(config.sessionTtlMs, 12 * 3_600_000);
    assert.equal(config.cookieSecure, false);
  });

  it('keeps delivered outbox messages and idempotency keys for 7 days, cleaning up every 10 minutes', () => {
    const config = parseConfig({});
    assert.equal(config.outboxRetentionMs, 7 * 24 * 3_600_000);
    assert.equal(config.idempotencyRetentionMs, 7 * 24 * 3_600_000);
    assert.equal(config.housekeepingMs, 600_000);
    const custom = parseConfig({ GONGDAN_OUTBOX_RETENTION_HOURS: '1', GONGDAN_IDEMPOTENCY_RETENTION_HOURS: '720', GONGDAN_HOUSEKEEPING_MS: '60000' });
    assert.deepEqual([custom.outboxRetentionMs, custom.idempotencyRetentionMs, custom.housekeepingMs], [3_600_000, 720 * 3_600_000, 60_000]);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(parseConfig({ PORT: '', GONGDAN_TIME_ZONE: '' }).port, 3000);
    assert.equal(parseConfig({ PORT: '', GONGDAN_TIME_ZONE: '' }).timeZone, 'Asia/Shanghai');
  });
});

describe('parseConfig from the environment', () => {
  it('reads the port, data directory and boolean flags', () => {
    const config = parseConfig({ PORT: '8080', GONGDAN_DATA_DIR: '/var/lib/gongdan', GONGDAN_SEED_DEMO: 'no', GONGDAN_COOKIE_SECURE: '1' });
    assert.equal(config.port, 8080);
    assert.equal(config.dataDir, '/var/lib/gongdan');
    assert.deepEqual(config.database, { kind: 'sqlite', file: '/var/lib/gongdan/gongdan.sqlite' });
    assert.equal(config.seedDemo, false);
    assert.equal(config.cookieSecure, true);
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres:// or postgresql:// URL, keeping it as given', () => {
    for (const url of ['postgres://gongdan:secret@db:5432/gongdan', 'postgresql://localhost/gongdan']) {
      assert.deepEqual(parseConfig({ DATABASE_URL: url }).database, { kind: 'postgres', url });
    }
  });

  it('uses the SQLite file a sqlite: URL names, or memory', () => {
    assert.deepEqual(parseConfig({ DATABASE_URL: 'sqlite:/tmp/gd.sqlite' }).database, { kind: 'sqlite', file: '/tmp/gd.sqlite' });
    assert.deepEqual(parseConfig({ DATABASE_URL: 'sqlite://tmp/gd.sqlite' }).database, {
      kind: 'sqlite',
      file: path.resolve('tmp/gd.sqlite'),
    });
    assert.deepEqual(parseConfig({ DATABASE_URL: 'sqlite::memory:' }).database, { kind: 'sqlite', file: ':memory:' });
  });

  it('lets the environment win over the config file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongdan-config-'));
    try {
      const file = path.join(dir, 'gongdan.json');
      writeFileSync(file, JSON.stringify({ PORT: 4000, GONGDAN_TIME_ZONE: 'Asia/Hong_Kong' }));
      const config = parseConfig({ GONGDAN_CONFIG_FILE: file, PORT: '5000' });
      assert.equal(config.port, 5000);
      assert.equal(config.timeZone, 'Asia/Hong_Kong');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseConfig refusals', () => {
  it('refuses a port that is not a whole number from 0 to 65535, naming PORT', () => {
    for (const port of ['abc', '80.5', '65536', '-1']) refuses({ PORT: port }, 'PORT');
  });

  it('refuses a time zone that is not IANA, naming GONGDAN_TIME_ZONE', () => {
    refuses({ GONGDAN_TIME_ZONE: 'Beijing' }, 'GONGDAN_TIME_ZONE');
    refuses({ GONGDAN_TIME_ZONE: 'Mars/Olympus_Mons' }, 'GONGDAN_TIME_ZONE');
  });

  it('refuses a database URL of another kind, naming DATABASE_URL', () => {
    for (const url of ['mysql://localhost/gongdan', 'gongdan.sqlite', 'http://db']) refuses({ DATABASE_URL: url }, 'DATABASE_URL');
  });

  it('refuses a short admin password and an unknown boolean, naming each', () => {
    refuses({ GONGDAN_ADMIN_PASSWORD: 'short' }, 'GONGDAN_ADMIN_PASSWORD');
    refuses({ GONGDAN_SEED_DEMO: 'maybe' }, 'GONGDAN_SEED_DEMO');
  });

  it('refuses a retention under an hour or not in whole hours, and a housekeeping interval under a second', () => {
    for (const hours of ['0', '-5', '1.5', 'week']) {
      refuses({ GONGDAN_OUTBOX_RETENTION_HOURS: hours }, 'GONGDAN_OUTBOX_RETENTION_HOURS');
      refuses({ GONGDAN_IDEMPOTENCY_RETENTION_HOURS: hours }, 'GONGDAN_IDEMPOTENCY_RETENTION_HOURS');
    }
    refuses({ GONGDAN_HOUSEKEEPING_MS: '999' }, 'GONGDAN_HOUSEKEEPING_MS');
  });

  it('names every invalid variable in one message', () => {
    assert.throws(
      () => parseConfig({ PORT: 'abc', GONGDAN_TIME_ZONE: 'Beijing' }),
      (error: unknown) => error instanceof ConfigError && /PORT: /.test(error.message) && /GONGDAN_TIME_ZONE: /.test(error.message),
    );
  });

  it('refuses a config file naming a setting that does not exist (a typo would otherwise be ignored)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongdan-config-'));
    try {
      const file = path.join(dir, 'gongdan.json');
      writeFileSync(file, JSON.stringify({ PORT: 4000, GONGDAN_SLA_SWEEP: 5000 }));
      assert.throws(() => parseConfig({ GONGDAN_CONFIG_FILE: file }), (error: unknown) => {
        return error instanceof ConfigError && /names settings Gongdan does not have: GONGDAN_SLA_SWEEP/.test(error.message);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing config file, naming GONGDAN_CONFIG_FILE', () => {
    assert.throws(() => parseConfig({ GONGDAN_CONFIG_FILE: '/nonexistent/gongdan.json' }), (error: unknown) => {
      return error instanceof ConfigError && /GONGDAN_CONFIG_FILE/.test(error.message);
    });
  });
});

describe('parseConfig: sign-in protection', () => {
  it('believes no X-Forwarded-For by default, limits sign-ins per address and username and per address, and runs 2 scrypts at once', () => {
    const config = parseConfig({});
    assert.equal(config.trustProxy, false);
    assert.equal(config.loginRateLimitPerMinute, 10);
    assert.equal(config.loginAddressRateLimitPerMinute, 30);
    assert.equal(config.scryptConcurrency, 2);
    const custom = parseConfig({ GONGDAN_LOGIN_ADDRESS_RATE_LIMIT: '100', GONGDAN_SCRYPT_CONCURRENCY: '3' });
    assert.deepEqual([custom.loginAddressRateLimitPerMinute, custom.scryptConcurrency], [100, 3]);
  });

  it('reads GONGDAN_TRUST_PROXY as a number of proxy hops (true is one) or a list of proxy addresses and CIDR ranges', () => {
    const trust = (value: string) => parseConfig({ GONGDAN_TRUST_PROXY: value }).trustProxy;
    for (const value of ['false', 'no', '0']) assert.equal(trust(value), false, value);
    for (const value of ['true', 'yes', '1', 'TRUE']) assert.deepEqual(trust(value), { hops: 1 }, value);
    assert.deepEqual(trust('2'), { hops: 2 });
    assert.deepEqual(trust('127.0.0.1'), { addresses: ['127.0.0.1'] });
    assert.deepEqual(trust('127.0.0.1, 10.0.0.0/8,fd00::/8 ,::1'), { addresses: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1'] });
    assert.deepEqual(trust('loopback,uniquelocal'), { addresses: ['loopback', 'uniquelocal'] });
  });

  it('refuses a GONGDAN_TRUST_PROXY that is neither, and limits and a concurrency that are not whole positive numbers', () => {
    for (const value of ['maybe', '11', '-1', '1.5', '10.0.0.0/33', '300.1.1.1', '127.0.0.1,', 'example.org', '10.0.0.0/8/8', '::1/129']) {
      refuses({ GONGDAN_TRUST_PROXY: value }, 'GONGDAN_TRUST_PROXY');
    }
    for (const value of ['0', '-3', '2.5', 'lots']) refuses({ GONGDAN_LOGIN_ADDRESS_RATE_LIMIT: value }, 'GONGDAN_LOGIN_ADDRESS_RATE_LIMIT');
    for (const value of ['0', '65', '1.5']) refuses({ GONGDAN_SCRYPT_CONCURRENCY: value }, 'GONGDAN_SCRYPT_CONCURRENCY');
  });
});
