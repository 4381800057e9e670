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
  /**
   * What signed the request in: the session's stored id (the hash of its cookie) or the API
   * token's id. A request that outlives the check (the live stream) asks later whether it still does.
   */
  credentialId: string;
}

/** A credential a long-lived request was opened with. */
export interface Credential {
  via: Authenticated['via'];
  id: string;
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
    return { user, actor: toActor(user), csrfToken: null, via: 'token', credentialId: tokenId };
  });
}

export async function authenticateSession(ctx: UseCaseContext, sessionToken: string): Promise<Authenticated | null> {
  const idHash = hashSecret(sessionToken);
  return ctx.uow.read(async (repos) => {
    const found = await repos.users.findBySession(idHash, ctx.clock.now().toISOString());
    if (!found?.user.active) return null;
    return { user: found.user, actor: toActor(found.user), csrfToken: found.csrfToken, via: 'session', credentialId: idHash };
  });
}

/**
 * The actors these credentials sign in now, by credential id; a credential missing from the answer
 * no longer signs anyone in (signed out, expired, revoked, or its user deactivated). One statement
 * for all of them, by the same rules as the checks above. Session ids (SHA-256 hex) and token ids
 * (UUIDs) never coincide, so one map holds both.
 */
export async function currentActors(ctx: UseCaseContext, credentials: readonly Credential[]): Promise<Map<string, Actor>> {
  const actors = new Map<string, Actor>();
  if (credentials.length === 0) return actors;
  const ids = (via: Credential['via']) => [...new Set(credentials.filter((c) => c.via === via).map((c) => c.id))];
  const rows = await ctx.uow.read((repos) => repos.credentials.holdersOf(ids('session'), ids('token'), ctx.clock.now().toISOString()));
  for (const row of rows) {
    const actor = actors.get(row.credentialId) ?? { id: row.userId, role: row.role, departmentIds: [] };
    actors.set(row.credentialId, row.departmentId ? { ...actor, departmentIds: [...actor.departmentIds, row.departmentId].sort() } : actor);
  }
  return actors;
}

export function toActor(user: User): Actor {
  return { id: user.id, role: user.role, departmentIds: user.departmentIds };
}
