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
    const record = await repos.credentials.findActiveToken(hashSecret(token));
    if (!record) return null;
    const user = await repos.users.findById(record.userId);
    if (!user?.active) return null;
    const now = ctx.clock.now();
    if (!record.lastUsedAt || now.getTime() - Date.parse(record.lastUsedAt) > TOUCH_INTERVAL_MS) {
      await repos.credentials.touchToken(record.id, now.toISOString());
    }
    return { user, actor: toActor(user), csrfToken: null, via: 'token' };
  });
}

export async function authenticateSession(ctx: UseCaseContext, sessionToken: string): Promise<Authenticated | null> {
  return ctx.uow.read(async (repos) => {
    const session = await repos.credentials.findSession(hashSecret(sessionToken), ctx.clock.now().toISOString());
    if (!session) return null;
    const user = await repos.users.findById(session.userId);
    if (!user?.active) return null;
    return { user, actor: toActor(user), csrfToken: session.csrfToken, via: 'session' };
  });
}

export function toActor(user: User): Actor {
  return { id: user.id, role: user.role, departmentIds: user.departmentIds };
}
