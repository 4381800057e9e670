import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { decodeDataKey } from './security/field-encryption.js';

/**
 * The one place that reads configuration. Environment variables win over the optional
 * JSON file named by GONGDAN_CONFIG_FILE; everything is validated at boot so that a typo
 * fails fast with a message naming the variable instead of surfacing later as a 500.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Names proxy-addr (Fastify's trust-proxy matcher) understands for the private ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or CIDR range (`10.0.0.0/8`, `fd00::/8`), or one of the named ranges. */
function isProxyAddress(value: string): boolean {
  if (NAMED_RANGES.has(value)) return true;
  const [address = '', prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Which X-Forwarded-For entries to believe. `false` (the default): none, the client is the
 * socket's peer. A number of hops: the proxies in front count that many entries from the right
 * (`true` is one hop: nginx appending `$proxy_add_x_forwarded_for`); an entry a client wrote
 * itself is further left and never believed. A list of the proxies' addresses or CIDR ranges:
 * entries are believed while they come from one of them, which also holds when the server is
 * reached directly.
 */
const trustProxySetting = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim().toLowerCase();
  if (['false', 'no', '0'].includes(value)) return false;
  if (['true', 'yes'].includes(value)) return { hops: 1 };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return { hops };
  }
  const addresses = value.split(',').map((part) => part.trim());
  const wrong = addresses.filter((address) => !isProxyAddress(address));
  if (addresses.length > 0 && wrong.length === 0) return { addresses };
  ctx.addIssue({
    code: 'custom',
    message:
      'must be false, a number of proxy hops from 0 to 10 (true means 1), or a comma-separated list of proxy addresses or CIDR ranges such as 127.0.0.1,10.0.0.0/8' +
      (wrong.length > 0 && !/^\d+$/.test(value) ? ` (not an address: ${wrong.join(', ')})` : ''),
  });
  return z.NEVER;
});

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  GONGDAN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/, 'must be postgres://… , postgresql://… or sqlite:<file>')
    .optional(),
  GONGDAN_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  GONGDAN_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  GONGDAN_SEED_DEMO: booleanFlag.default(true),
  GONGDAN_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai'),
  GONGDAN_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
  GONGDAN_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  GONGDAN_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  GONGDAN_SCRYPT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  GONGDAN_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  GONGDAN_LOGIN_ADDRESS_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
  GONGDAN_COOKIE_SECURE: booleanFlag.default(false),
  GONGDAN_TRUST_PROXY: trustProxySetting.default(false),
  GONGDAN_OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  GONGDAN_SLA_SWEEP_MS: z.coerce.number().int().min(100).default(10_000),
  GONGDAN_IMPORT_LIMIT_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  GONGDAN_IMPORT_POLL_MS: z.coerce.number().int().min(10).default(1000),
  GONGDAN_HOUSEKEEPING_MS: z.coerce.number().int().min(1000).default(600_000),
  GONGDAN_OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
  GONGDAN_IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
  GONGDAN_DATA_KEY: z
    .string()
    .refine((value) => decodeDataKey(value) !== null, 'must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`')
    .optional(),
  GONGDAN_DEFAULT_AREA_CODE: z
    .string()
    .regex(/^0[1-9]\d{1,2}$/, 'must be an area code with its leading 0, e.g. 010 or 0755')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RawConfig = z.input<typeof configSchema>;

/** GONGDAN_TRUST_PROXY: believe no X-Forwarded-For entry, the right-most `hops` entries, or entries added by these proxies. */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };
  adminPassword?: string;
  demoPassword?: string;
  seedDemo: boolean;
  timeZone: string;
  scryptLogN: number;
  /** How many scrypt computations (sign-ins, password changes) run at once; the others wait their turn, client by client. */
  scryptConcurrency: number;
  sessionTtlMs: number;
  bodyLimitBytes: number;
  /** Sign-in attempts per minute per client address and username; also guesses at one's current password per user. */
  loginRateLimitPerMinute: number;
  /** Sign-ins per minute from one client address, whatever the username, that did not succeed (or are still running). */
  loginAddressRateLimitPerMinute: number;
  cookieSecure: boolean;
  /** Which X-Forwarded-For entries to believe (only behind a reverse proxy that sets it); otherwise clients could pick their own IP. */
  trustProxy: TrustProxy;
  outboxPollMs: number;
  /** How often the time-limit sweeper looks for warnings, breaches and escalations due. */
  slaSweepMs: number;
  /** Largest CSV file an import takes (`413 payload_too_large` beyond). */
  importLimitBytes: number;
  /** How often the import worker looks for queued jobs when it has nothing to do. */
  importPollMs: number;
  /** How often delivered outbox messages and old idempotency keys are deleted (housekeeping.job.ts). */
  housekeepingMs: number;
  /** How long a delivered side effect stays in the outbox, for diagnosis, before it is deleted. */
  outboxRetentionMs: number;
  /** How long an Idempotency-Key is remembered; a retry after that creates a new ticket. */
  idempotencyRetentionMs: number;
  /** Encrypts customer phone numbers, emails and ID numbers at rest; see platform/security/field-encryption. */
  dataKey?: Buffer;
  /** Area code added to landline numbers written without one (12345678 → 01012345678). */
  defaultAreaCode?: string;
  logLevel: string;
}

export class ConfigError extends Error {}

/** Validates raw settings (environment plus optional file) into the typed configuration. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const merged = { ...readConfigFile(env.GONGDAN_CONFIG_FILE), ...definedOnly(env) };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  const dataDir = path.resolve(c.GONGDAN_DATA_DIR);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    database: databaseFrom(c.DATABASE_URL, dataDir),
    adminPassword: c.GONGDAN_ADMIN_PASSWORD,
    demoPassword: c.GONGDAN_DEMO_PASSWORD,
    seedDemo: c.GONGDAN_SEED_DEMO,
    timeZone: c.GONGDAN_TIME_ZONE,
    scryptLogN: c.GONGDAN_SCRYPT_LOG_N,
    scryptConcurrency: c.GONGDAN_SCRYPT_CONCURRENCY,
    sessionTtlMs: c.GONGDAN_SESSION_TTL_HOURS * 3_600_000,
    bodyLimitBytes: c.GONGDAN_BODY_LIMIT_BYTES,
    loginRateLimitPerMinute: c.GONGDAN_LOGIN_RATE_LIMIT,
    loginAddressRateLimitPerMinute: c.GONGDAN_LOGIN_ADDRESS_RATE_LIMIT,
    cookieSecure: c.GONGDAN_COOKIE_SECURE,
    trustProxy: c.GONGDAN_TRUST_PROXY,
    outboxPollMs: c.GONGDAN_OUTBOX_POLL_MS,
    slaSweepMs: c.GONGDAN_SLA_SWEEP_MS,
    importLimitBytes: c.GONGDAN_IMPORT_LIMIT_BYTES,
    importPollMs: c.GONGDAN_IMPORT_POLL_MS,
    housekeepingMs: c.GONGDAN_HOUSEKEEPING_MS,
    outboxRetentionMs: c.GONGDAN_OUTBOX_RETENTION_HOURS * 3_600_000,
    idempotencyRetentionMs: c.GONGDAN_IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
    dataKey: c.GONGDAN_DATA_KEY === undefined ? undefined : decodeDataKey(c.GONGDAN_DATA_KEY)!,
    defaultAreaCode: c.GONGDAN_DEFAULT_AREA_CODE,
    logLevel: c.LOG_LEVEL,
  };
}

function databaseFrom(url: string | undefined, dataDir: string): AppConfig['database'] {
  if (url === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'gongdan.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { kind: 'postgres', url };
}

function readConfigFile(file: string | undefined): Record<string, string> {
  if (!file) return {};
  if (!existsSync(file)) throw new ConfigError(`GONGDAN_CONFIG_FILE points to ${file}, which does not exist`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`GONGDAN_CONFIG_FILE ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`GONGDAN_CONFIG_FILE ${file} must hold a JSON object of setting names to values`);
  }
  // The environment holds everything else the machine sets; the file holds only Gongdan's settings, so a misspelt one is a mistake.
  const unknown = Object.keys(parsed).filter((key) => !(key in configSchema.shape));
  if (unknown.length > 0) {
    throw new ConfigError(`GONGDAN_CONFIG_FILE ${file} names settings Gongdan does not have: ${unknown.join(', ')} (see the README's configuration table)`);
  }
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  return out;
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
