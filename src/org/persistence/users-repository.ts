import type { Role } from '../../auth/domain/actor.js';
import { sql } from 'kysely';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { UsersTable } from '../../platform/db/schema.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  onDuty: boolean;
  departmentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  departmentIds: string[];
  at: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  onDuty?: boolean;
  passwordHash?: string;
}

export class UsersRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(user: NewUser): Promise<void> {
    await this.ctx.db
      .insertInto('users')
      .values({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        role: user.role,
        active: 1,
        on_duty: 1,
        created_at: user.at,
        updated_at: user.at,
      })
      .execute();
    await this.setDepartments(user.id, user.departmentIds);
  }

  /** Every request's sign-in check reads the user by id: one statement, departments included. */
  async findById(id: string): Promise<User | null> {
    const row = await this.selectUser().where('id', '=', id).executeTakeFirst();
    return row ? rowToUser(row, splitIds(row.department_ids)) : null;
  }

  /** The holder of an active API token, with the token's id and last use: one statement per token-authenticated request. */
  async findByApiToken(tokenHash: string): Promise<{ user: User; tokenId: string; lastUsedAt: string | null } | null> {
    const row = await this.selectUser()
      .innerJoin('api_tokens as k', 'k.user_id', 'users.id')
      .select(['k.id as token_id', 'k.last_used_at as token_last_used_at'])
      .where('k.token_hash', '=', tokenHash)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? { user: rowToUser(row, splitIds(row.department_ids)), tokenId: row.token_id, lastUsedAt: row.token_last_used_at } : null;
  }

  /** The holder of a session that has not expired, with its CSRF token: one statement per cookie-authenticated request. */
  async findBySession(idHash: string, now: string): Promise<{ user: User; csrfToken: string } | null> {
    const row = await this.selectUser()
      .innerJoin('sessions as s', 's.user_id', 'users.id')
      .select('s.csrf_token')
      .where('s.id', '=', idHash)
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    return row ? { user: rowToUser(row, splitIds(row.department_ids)), csrfToken: row.csrf_token } : null;
  }

  /** The user and their stored password hash, for signing in. */
  async findCredentials(username: string): Promise<{ user: User; passwordHash: string } | null> {
    const row = await this.selectUser().select('password_hash').where('username', '=', username).executeTakeFirst();
    return row ? { user: rowToUser(row, splitIds(row.department_ids)), passwordHash: row.password_hash } : null;
  }

  /** Looks a user up by id or username. */
  async findByRef(ref: string): Promise<User | null> {
    const row = await this.selectUser()
      .where((eb) => eb.or([eb('id', '=', ref), eb('username', '=', ref)]))
      .executeTakeFirst();
    return row ? rowToUser(row, splitIds(row.department_ids)) : null;
  }

  async list(filter: { departmentId?: string; role?: Role; active?: boolean }): Promise<User[]> {
    let query = this.ctx.db.selectFrom('users').selectAll().orderBy('username');
    if (filter.role) query = query.where('role', '=', filter.role);
    if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
    if (filter.departmentId) {
      const departmentId = filter.departmentId;
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('department_members').select('user_id').where('department_id', '=', departmentId),
      );
    }
    const rows = await query.execute();
    const memberships = await this.membershipsOf(rows.map((r) => r.id));
    return rows.map((row) => rowToUser(row, memberships.get(row.id) ?? []));
  }

  async update(id: string, changes: UserChanges, at: string): Promise<void> {
    await this.ctx.db
      .updateTable('users')
      .set({
        ...(changes.displayName !== undefined && { display_name: changes.displayName }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
        ...(changes.onDuty !== undefined && { on_duty: changes.onDuty ? 1 : 0 }),
        ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async setDepartments(userId: string, departmentIds: readonly string[]): Promise<void> {
    await this.ctx.db.deleteFrom('department_members').where('user_id', '=', userId).execute();
    if (departmentIds.length === 0) return;
    await this.ctx.db
      .insertInto('department_members')
      .values(departmentIds.map((departmentId) => ({ department_id: departmentId, user_id: userId })))
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private async membershipsOf(userIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (userIds.length === 0) return map;
    const rows = await this.ctx.db
      .selectFrom('department_members')
      .select(['user_id', 'department_id'])
      .where('user_id', 'in', userIds)
      .execute();
    for (const row of rows) map.set(row.user_id, [...(map.get(row.user_id) ?? []), row.department_id]);
    return map;
  }

  /** A user's columns (never the password hash) and their department ids, joined by commas, in one statement. */
  private selectUser() {
    const departments =
      this.ctx.dialect === 'postgres'
        ? sql<string | null>`(select string_agg(m.department_id, ',' order by m.department_id) from department_members m where m.user_id = users.id)`
        : sql<string | null>`(select group_concat(m.department_id, ',' order by m.department_id) from department_members m where m.user_id = users.id)`;
    return this.ctx.db.selectFrom('users').select(USER_COLUMNS).select(departments.as('department_ids'));
  }
}

// Qualified, so that a read joining a credential table (which has ids and dates of its own) stays unambiguous.
const USER_COLUMNS = ['users.id', 'users.username', 'users.display_name', 'users.role', 'users.active', 'users.on_duty', 'users.created_at', 'users.updated_at'] as const;

/** Ids are UUIDs, which never contain a comma. */
function splitIds(list: string | null): string[] {
  return list ? list.split(',') : [];
}

function rowToUser(row: Omit<UsersTable, 'password_hash'>, departmentIds: string[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    active: row.active === 1,
    onDuty: row.on_duty === 1,
    departmentIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
