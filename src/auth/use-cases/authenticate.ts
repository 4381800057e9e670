import type { UseCaseContext } from '../../app/context.js';
import type { User } from '../../org/persistence/users-repository.js';
import { hashSecret } from '../../platform/security/secrets.js';
import type { Actor } from '../domain/actor.js';

export interface Authenticated {
  user: User;
  actor: Actor;
  /** Cookie sessions carry a CSRF token that writes must echo; API tokens need none. */
  csrfToken: string | null;
  via: 'session' | 'token';
}

/** Recording last use on every request would turn each read into a write; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export const API_TOKEN_PREFIX = 'gd_';

export async function authenticateToken(ctx: UseCaseContext, token: string): Promise<Authenticated | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  return ctx.uow.read(async (repos) => {
    const found = await repos.users.findByApiToken(hashSecret(token));
    if (!found?.user.active) return null;
    const { user, tokenId, lastUsedAt } = found;
    const now = ctx.clock.now();
    if (!lastUsedAt || now.getTime() - Date.parse(lastUsedAt) > TOUCH_INTERVAL_MS) {
      await repos.credentials.touchToken(tokenId, now.toISOString());
    }
    return { user, actor: toActor(user), csrfToken: null, via: 'token' };
  });
}

export async function authenticateSession(ctx: UseCaseContext, sessionToken: string): Promise<Authenticated | null> {
  return ctx.uow.read(async (repos) => {
    const found = await repos.users.findBySession(hashSecret(sessionToken), ctx.clock.now().toISOString());
    if (!found?.user.active) return null;
    return { user: found.user, actor: toActor(found.user), csrfToken: found.csrfToken, via: 'session' };
  });
}

export function toActor(user: User): Actor {
  return { id: user.id, role: user.role, departmentIds: user.departmentIds };
}
