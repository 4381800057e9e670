import type { FastifyReply, FastifyRequest } from 'fastify';
import { normalizeIP, type FastifyRateLimitStore, type FastifyRateLimitStoreCtor, type RateLimitOptions } from '@fastify/rate-limit';
import { AppError } from '../../platform/errors.js';
import { hashSecret } from '../../platform/security/secrets.js';
import type { ScryptOptions } from '../../platform/security/passwords.js';
import type { AttemptCountersRepository } from '../persistence/attempt-counters-repository.js';

/**
 * The limits on guessing a password, each counted per minute; a limited attempt answers 429
 * `rate_limited` with Retry-After.
 *
 * - sign-in, per client address and username: `GONGDAN_LOGIN_RATE_LIMIT`;
 * - sign-in, per client address whatever the username: `GONGDAN_LOGIN_ADDRESS_RATE_LIMIT`
 *   attempts that did not succeed. Every attempt costs a scrypt (an unknown username is checked
 *   against a decoy hash, so timing does not tell which names exist), and made-up usernames
 *   each had a fresh budget: a flood from one address starved real sign-ins for half a minute;
 *   successful sign-ins are not counted, so a call centre behind one NAT address signs in at the
 *   start of a shift;
 * - one's current password on a password change, per user: `GONGDAN_LOGIN_RATE_LIMIT`.
 *
 * The counts live in the database (`attempt_counters`), so servers sharing one PostgreSQL
 * database share them; counted in each process's memory, N servers allowed N times the limit.
 */
export const LIMIT_WINDOW_MS = 60_000;

/** How often a process deletes the counts whose window has ended (on a sign-in, never in the background). */
const SWEEP_EVERY_MS = 60_000;

/** The counts in the database. Keys are hashed, so the table holds no address or username. */
export class AttemptCounts {
  private lastSweep = 0;

  constructor(
    private readonly counters: AttemptCountersRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string, windowMs: number = LIMIT_WINDOW_MS): Promise<{ hits: number; ttlMs: number; resetAt: number }> {
    const now = this.now();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      // Housekeeping of a few rows; a failure here must not refuse a sign-in.
      await this.counters.deleteExpired(now).catch(() => undefined);
    }
    const count = await this.counters.hit(hashSecret(key), windowMs, now);
    return { hits: count.hits, ttlMs: Math.max(0, count.resetAt - now), resetAt: count.resetAt };
  }

  /** Takes back an attempt counted in the window ending at `resetAt`; a window ended since is left alone. */
  async refund(key: string, resetAt: number): Promise<void> {
    await this.counters.refund(hashSecret(key), resetAt);
  }
}

/** The store @fastify/rate-limit counts in: the database's, shared by every server on it. */
export function sharedRateLimitStore(counts: AttemptCounts): FastifyRateLimitStoreCtor {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counts.hit(key, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }

    child(): FastifyRateLimitStore {
      // Keys are namespaced by the limit (`login:`, `current-password:`), so one table serves all.
      return this;
    }
  };
}

/**
 * The client address a limit counts: the socket's peer, or what GONGDAN_TRUST_PROXY lets the
 * proxies say. An IPv6 client is counted by its /64, which one household or server usually holds
 * whole: counted per address, it could use a fresh address for every attempt.
 */
export function clientAddress(request: FastifyRequest): string {
  return normalizeIP(request.ip, 64);
}

/** The answer to an attempt over a limit, with how long until the window ends. */
export const tooMany = (ttlMs: number) => new AppError(429, 'rate_limited', `Too many attempts; try again in ${Math.ceil(ttlMs / 1000)} seconds.`);

/** Sign-in: per client address and username, so one person's typos do not lock out a whole call centre behind one NAT address. */
export function loginRateLimit(perMinute: number): RateLimitOptions {
  return {
    // After parsing, so the key can include the username.
    hook: 'preValidation',
    max: perMinute,
    timeWindow: LIMIT_WINDOW_MS,
    keyGenerator: (request) => {
      // The same normalisation as the login itself, so " handler" does not get a fresh budget.
      const username = String((request.body as { username?: unknown } | null)?.username ?? '');
      return `login:${clientAddress(request)}:${username.trim().toLowerCase().slice(0, 64)}`;
    },
  };
}

/**
 * Sign-in: per client address, whatever the username, counting the attempts that have not
 * succeeded (refused, or checking the password now). An attempt is counted when its password
 * check gets its turn in the scrypt queue (`admit`), not when it arrives, and a password that
 * matches is taken back before the turn ends (`matched`): at any moment at most the queue's few
 * running checks count beside the failures, so a whole shift signing in at once from one NAT
 * address gets in, while a flood is refused, without a scrypt, once its failures reach the limit.
 * The options go to the sign-in, which hands them to the password check.
 */
export function loginAddressRateLimit(counts: AttemptCounts, perMinute: number) {
  return (request: FastifyRequest, reply: FastifyReply): ScryptOptions => {
    const key = `login-address:${clientAddress(request)}`;
    let counted: number | null = null;
    return {
      lane: clientAddress(request),
      admit: async () => {
        const { hits, ttlMs, resetAt } = await counts.hit(key);
        if (hits > perMinute) {
          reply.header('retry-after', Math.ceil(ttlMs / 1000));
          throw tooMany(ttlMs);
        }
        counted = resetAt;
      },
      matched: async () => {
        // A refund that fails costs the address one attempt, not the sign-in.
        if (counted !== null) await counts.refund(key, counted).catch((error: unknown) => request.log.warn({ err: error }, 'could not take a successful sign-in off the address count'));
      },
    };
  };
}

const givesCurrentPassword = (request: FastifyRequest) => Boolean((request.body as { currentPassword?: unknown } | null)?.currentPassword);

/**
 * A change of one's own password, which asks for the current one: per signed-in user, whatever
 * the address. Someone at a desk left signed in could otherwise try passwords there without limit
 * and take the account over. Other changes of a user (name, duty) are not counted, and cost no
 * database work.
 */
export function currentPasswordRateLimit(perMinute: number): RateLimitOptions {
  return {
    // After authentication and validation: the key is the user signed in.
    hook: 'preHandler',
    max: perMinute,
    timeWindow: LIMIT_WINDOW_MS,
    allowList: (request) => !givesCurrentPassword(request),
    keyGenerator: (request) => `current-password:${request.auth?.user.id ?? clientAddress(request)}`,
  };
}
