import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type AppConfig } from '../config.js';

/**
 * Encryption of personal data at rest (phone numbers, emails, ID numbers).
 *
 * One 32-byte data key from configuration; HKDF-SHA256 derives from it a key for AES-256-GCM and
 * a separate key for lookup hashes, so neither use can be turned against the other. A value is
 * stored as `v1:<base64 of iv ‖ ciphertext ‖ tag>` with a random 96-bit IV per value; the purpose
 * (`phone`, `email` …) is authenticated data, so a ciphertext copied into another column does not
 * decrypt. Lookups use HMAC-SHA256 over the normalised value, never the value itself.
 */
export const DATA_KEY_BYTES = 32;
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A file in the data directory holding a generated key, for the default SQLite setup. */
export const DATA_KEY_FILE = 'data-key';

export class FieldDecryptionError extends Error {
  override readonly name = 'FieldDecryptionError';
}

/** Decodes a base64 (or base64url) data key; null unless it is exactly 32 bytes. */
export function decodeDataKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === DATA_KEY_BYTES ? key : null;
}

export class FieldCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;
  /** Identifies the key without revealing it, so a database can tell it is opened with another one. */
  readonly fingerprint: string;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error(`A data key is ${DATA_KEY_BYTES} bytes; this one has ${dataKey.length}.`);
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
    this.encryptionKey = derive('gongdan/v1/field-encryption');
    this.hashKey = derive('gongdan/v1/lookup-hash');
    this.fingerprint = createHmac('sha256', derive('gongdan/v1/key-check')).update('gongdan data key').digest('base64url').slice(0, 22);
  }

  /** Encrypts one value for the given purpose; every call uses a fresh IV, so equal values differ at rest. */
  encrypt(plaintext: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
  }

  /** Decrypts a stored value; a changed value, another key or another purpose is a FieldDecryptionError. */
  decrypt(stored: string, purpose: string): string {
    const separator = stored.indexOf(':');
    const format = separator > 0 ? stored.slice(0, separator) : '';
    if (format !== FORMAT) {
      throw new FieldDecryptionError(`An encrypted ${purpose} is not in a known format (expected "${FORMAT}:…", found "${format || stored.slice(0, 8)}…").`);
    }
    const raw = Buffer.from(stored.slice(separator + 1), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new FieldDecryptionError(`An encrypted ${purpose} is truncated.`);
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError(
        `An encrypted ${purpose} could not be decrypted: it was altered, or it was encrypted with another data key (GONGDAN_DATA_KEY).`,
      );
    }
  }

  /** The keyed hash that finds a value without storing it: HMAC-SHA256 over purpose and normalised value. */
  lookupHash(purpose: string, normalised: string): string {
    return createHmac('sha256', this.hashKey).update(`${purpose}\u0000${normalised}`, 'utf8').digest('base64url');
  }
}

export interface ResolvedDataKey {
  key: Buffer;
  /** Where it came from: the configuration, the key file, a key generated now, or a throw-away key for an in-memory database. */
  source: 'config' | 'file' | 'generated' | 'ephemeral';
  file?: string;
  warnings: string[];
}

/**
 * The data key: GONGDAN_DATA_KEY when set. Otherwise, on SQLite only, the key file in the data
 * directory, created with a random key (mode 0600) on the first start. PostgreSQL servers are
 * often shared and backed up apart from the application's disk, so there the key must be given.
 */
export function resolveDataKey(config: Pick<AppConfig, 'dataKey' | 'database' | 'dataDir'>): ResolvedDataKey {
  if (config.dataKey) return { key: config.dataKey, source: 'config', warnings: [] };
  if (config.database.kind === 'postgres') {
    throw new ConfigError(
      'GONGDAN_DATA_KEY is required with PostgreSQL: it encrypts customer phone numbers, emails and ID numbers. ' +
        'Generate one with `openssl rand -base64 32`, keep it safe (without it the data cannot be read), and set it in the environment.',
    );
  }
  if (config.database.file === ':memory:') return { key: randomBytes(DATA_KEY_BYTES), source: 'ephemeral', warnings: [] };
  const file = path.join(config.dataDir, DATA_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) return existing;
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(DATA_KEY_BYTES);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it between our read and our write: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(file)!;
    throw error;
  }
  return { key, source: 'generated', file, warnings: [] };
}

/**
 * Gives up a key the database was not encrypted with, answering what to tell the operator. A key
 * generated by this very start means the key file went missing (a backup restored without it):
 * that file is deleted again, so that restoring the original one is all it takes.
 */
export function discardWrongKey(key: ResolvedDataKey): string {
  if (key.source === 'generated') {
    rmSync(key.file!, { force: true });
    return `The data key file ${key.file} was missing, so a new key was made, but this database was encrypted with another one (the new file has been removed again). Restore the data-key file from your backup, or set GONGDAN_DATA_KEY to the original key.`;
  }
  const origin = key.source === 'config' ? 'GONGDAN_DATA_KEY' : `The data key in ${key.file}`;
  return `${origin} is not the key this database was encrypted with (its fingerprint differs). Start with the original key (GONGDAN_DATA_KEY, or the data-key file in the data directory); without it, customer phone numbers, emails and ID numbers cannot be read.`;
}

function readKeyFile(file: string): ResolvedDataKey | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = decodeDataKey(text);
  if (!key) throw new ConfigError(`The data key file ${file} does not hold 32 bytes in base64; restore it from your backup, or set GONGDAN_DATA_KEY.`);
  const warnings: string[] = [];
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
    warnings.push(`The data key file ${file} was readable by other users; its mode is now 0600.`);
  }
  return { key, source: 'file', file, warnings };
}
