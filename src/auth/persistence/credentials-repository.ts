import type { Role } from '../domain/actor.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One row per department of the holder of a credential that still signs them in (none: no department). */
export interface CredentialHolderRow {
  credentialId: string;
  userId: string;
  role: Role;
  departmentId: string | null;
}

/** Sessions and API tokens. Only hashes of the secrets are stored; a database dump cannot sign anyone in. */
export class CredentialsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insertSession(s: { id: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string }) {
    await this.ctx.db
      .insertInto('sessions')
      .values({ id: s.id, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('id', '=', idHash).execute();
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.ctx.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }

  async insertToken(t: ApiTokenRecord & { tokenHash: string }): Promise<void> {
    await this.ctx.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        prefix: t.prefix,
        created_at: t.createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.ctx.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async listTokens(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.ctx.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      prefix: r.prefix,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }));
  }

  async revokeTokensOf(userId: string, at: string): Promise<void> {
    await this.ctx.db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  async revokeToken(id: string, userId: string, at: string): Promise<boolean> {
    const result = await this.ctx.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Which of these credentials (session ids, i.e. cookie hashes, and API token ids) still sign
   * their user in — session unexpired, token unrevoked, user active — with the user's role and
   * departments: the live feed checks all its open streams with this one statement, through the
   * primary keys. Departments come one per row, so that no dialect's string aggregate is needed;
   * `in ('')` stands for an empty list (invalid SQL), as no credential has an empty id.
   */
  async holdersOf(sessionIds: readonly string[], tokenIds: readonly string[], now: string): Promise<CredentialHolderRow[]> {
    const sessions = this.ctx.db
      .selectFrom('sessions as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .leftJoin('department_members as m', 'm.user_id', 'u.id')
      .select(['c.id as credential_id', 'u.id as user_id', 'u.role', 'm.department_id'])
      .where('c.id', 'in', sessionIds.length > 0 ? [...sessionIds] : [''])
      .where('c.expires_at', '>', now)
      .where('u.active', '=', 1);
    const tokens = this.ctx.db
      .selectFrom('api_tokens as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .leftJoin('department_members as m', 'm.user_id', 'u.id')
      .select(['c.id as credential_id', 'u.id as user_id', 'u.role', 'm.department_id'])
      .where('c.id', 'in', tokenIds.length > 0 ? [...tokenIds] : [''])
      .where('c.revoked_at', 'is', null)
      .where('u.active', '=', 1);
    const rows = await sessions.unionAll(tokens).execute();
    return rows.map((r) => ({ credentialId: r.credential_id, userId: r.user_id, role: r.role as Role, departmentId: r.department_id }));
  }
}
