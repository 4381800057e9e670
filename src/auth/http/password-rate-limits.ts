import type { FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';

/**
 * The limits on guessing a password. Both count attempts per minute against
 * `GONGDAN_LOGIN_RATE_LIMIT`; a limited attempt answers 429 `rate_limited`.
 */

/** Sign-in: per client address and username, so one person's typos do not lock out a whole call centre behind one NAT address. */
export function loginRateLimit(perMinute: number): RateLimitOptions {
  return {
    // After parsing, so the key can include the username.
    hook: 'preValidation',
    max: perMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => {
      // The same normalisation as the login itself, so " handler" does not get a fresh budget.
      const username = String((request.body as { username?: unknown } | null)?.username ?? '');
      return `${request.ip}:${username.trim().toLowerCase().slice(0, 64)}`;
    },
  };
}

const givesCurrentPassword = (request: FastifyRequest) => Boolean((request.body as { currentPassword?: unknown } | null)?.currentPassword);

/**
 * A change of one's own password, which asks for the current one: per signed-in user, whatever
 * the address. Someone at a desk left signed in could otherwise try passwords there without limit
 * and take the account over. Other changes of a user (name, duty) are not counted.
 */
export function currentPasswordRateLimit(perMinute: number): RateLimitOptions {
  return {
    // After authentication and validation: the key is the user signed in.
    hook: 'preHandler',
    max: perMinute,
    timeWindow: '1 minute',
    allowList: (request) => !givesCurrentPassword(request),
    keyGenerator: (request) => `current-password:${request.auth?.user.id ?? request.ip}`,
  };
}
