import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../src/platform/config.js';
import { DATA_KEY_FILE, FieldCipher, FieldDecryptionError, decodeDataKey, resolveDataKey } from '../../src/platform/security/field-encryption.js';

const key = (fill: number) => Buffer.alloc(32, fill);

describe('FieldCipher', () => {
  const cipher = new FieldCipher(key(1));

  it('round-trips values, Chinese included, in the versioned format', () => {
    for (const value of ['13800138000', 'zhang.san@example.com', '11010519491231002X', '张三 的 微信', '']) {
      const sealed = cipher.encrypt(value, 'phone');
      assert.match(sealed, /^v1:[A-Za-z0-9+/]+=*$/);
      assert.ok(!sealed.includes(value) || value === '', 'the value is not visible in the ciphertext');
      assert.equal(cipher.decrypt(sealed, 'phone'), value);
    }
  });

  it('uses a fresh IV each time: the same number encrypts differently', () => {
    const a = cipher.encrypt('13800138000', 'phone');
    const b = cipher.encrypt('13800138000', 'phone');
    assert.notEqual(a, b);
    assert.notEqual(Buffer.from(a.slice(3), 'base64').subarray(0, 12).toString('hex'), Buffer.from(b.slice(3), 'base64').subarray(0, 12).toString('hex'));
  });

  it('detects any change to a stored value with a clear error', () => {
    const sealed = cipher.encrypt('13800138000', 'phone');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    for (const index of [0, 12, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[index]! ^= 0x01;
      assert.throws(
        () => cipher.decrypt(`v1:${tampered.toString('base64')}`, 'phone'),
        (error: unknown) => error instanceof FieldDecryptionError && /altered, or it was encrypted with another data key/.test(error.message),
        `byte ${index}`,
      );
    }
    assert.throws(() => cipher.decrypt('v1:AAAA', 'phone'), /truncated/);
    assert.throws(() => cipher.decrypt('v9:AAAA', 'phone'), /not in a known format/);
    assert.throws(() => cipher.decrypt('13800138000', 'phone'), FieldDecryptionError, 'plain text is not mistaken for a ciphertext');
  });

  it('refuses a value encrypted for another purpose (a ciphertext copied into another column)', () => {
    assert.throws(() => cipher.decrypt(cipher.encrypt('13800138000', 'phone'), 'email'), FieldDecryptionError);
  });

  it('cannot decrypt with another key, and says so', () => {
    const other = new FieldCipher(key(2));
    assert.throws(() => other.decrypt(cipher.encrypt('13800138000', 'phone'), 'phone'), /GONGDAN_DATA_KEY/);
  });

  it('hashes for lookups deterministically per key and purpose, without the value in it', () => {
    const hash = cipher.lookupHash('phone', '13800138000');
    assert.equal(hash, cipher.lookupHash('phone', '13800138000'));
    assert.match(hash, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(hash, cipher.lookupHash('email', '13800138000'));
    assert.notEqual(hash, cipher.lookupHash('phone', '13800138001'));
    assert.notEqual(hash, new FieldCipher(key(2)).lookupHash('phone', '13800138000'), 'another key, another hash');
  });

  it('fingerprints the key so a database can recognise it, without revealing it', () => {
    assert.equal(cipher.fingerprint, new FieldCipher(key(1)).fingerprint);
    assert.notEqual(cipher.fingerprint, new FieldCipher(key(2)).fingerprint);
    assert.ok(!cipher.fingerprint.includes(key(1).toString('base64').slice(0, 8)));
  });

  it('refuses a key of the wrong length', () => {
    assert.throws(() => new FieldCipher(Buffer.alloc(16)), /32 bytes/);
  });
});

describe('the data key in configuration', () => {
  it('accepts 32 bytes in base64 or base64url and refuses anything else, naming GONGDAN_DATA_KEY', () => {
    const good = key(9).toString('base64');
    assert.deepEqual(parseConfig({ GONGDAN_DATA_KEY: good }).dataKey, key(9));
    assert.deepEqual(decodeDataKey(key(9).toString('base64url')), key(9));
    for (const bad of ['secret', Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64'), `${good}!`]) {
      assert.throws(
        () => parseConfig({ GONGDAN_DATA_KEY: bad }),
        (error: unknown) => error instanceof ConfigError && /GONGDAN_DATA_KEY: must be 32 random bytes in base64/.test(error.message),
        bad,
      );
    }
  });

  it('validates the default area code', () => {
    assert.equal(parseConfig({ GONGDAN_DEFAULT_AREA_CODE: '0755' }).defaultAreaCode, '0755');
    assert.equal(parseConfig({}).defaultAreaCode, undefined);
    for (const bad of ['10', '010-', '00755', 'abc', '01234']) {
      assert.throws(() => parseConfig({ GONGDAN_DEFAULT_AREA_CODE: bad }), /GONGDAN_DEFAULT_AREA_CODE: must be an area code/, bad);
    }
  });

  it('requires the key on PostgreSQL, naming the variable and how to make one', () => {
    assert.throws(
      () => resolveDataKey({ database: { kind: 'postgres', url: 'postgres://db/gongdan' }, dataDir: '/nonexistent', dataKey: undefined }),
      (error: unknown) => error instanceof ConfigError && /GONGDAN_DATA_KEY is required with PostgreSQL/.test(error.message) && /openssl rand -base64 32/.test(error.message),
    );
    const given = resolveDataKey({ database: { kind: 'postgres', url: 'postgres://db/gongdan' }, dataDir: '/nonexistent', dataKey: key(3) });
    assert.equal(given.source, 'config');
  });

  it('on SQLite generates a key file readable only by its owner on the first start, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongdan-key-'));
    try {
      const config = { database: { kind: 'sqlite' as const, file: path.join(dir, 'gongdan.sqlite') }, dataDir: dir, dataKey: undefined };
      const first = resolveDataKey(config);
      assert.equal(first.source, 'generated');
      const file = path.join(dir, DATA_KEY_FILE);
      assert.equal(first.file, file);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(decodeDataKey(readFileSync(file, 'utf8')), first.key);
      const second = resolveDataKey(config);
      assert.equal(second.source, 'file');
      assert.deepEqual(second.key, first.key);

      chmodSync(file, 0o644);
      const loosened = resolveDataKey(config);
      assert.match(loosened.warnings.join(), /readable by other users/);
      assert.equal(statSync(file).mode & 0o777, 0o600, 'the mode is tightened again');

      writeFileSync(file, 'not a key');
      assert.throws(() => resolveDataKey(config), (error: unknown) => error instanceof ConfigError && error.message.includes(file));
      assert.equal(resolveDataKey({ ...config, dataKey: key(4) }).source, 'config', 'GONGDAN_DATA_KEY wins over the file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses a throw-away key for an in-memory database, writing nothing', () => {
    const resolved = resolveDataKey({ database: { kind: 'sqlite', file: ':memory:' }, dataDir: '/nonexistent/never-written', dataKey: undefined });
    assert.equal(resolved.source, 'ephemeral');
    assert.equal(resolved.key.length, 32);
  });
});
