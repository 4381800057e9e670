import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { resolveDepartment } from '../../app/resolve-references.js';
import type { Actor, Role } from '../../auth/domain/actor.js';
import { conflict, fieldIssue, forbidden, invalidField, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { releasePendingTickets } from '../../tickets/use-cases/release-tickets.js';
import { hashPassword, verifyPassword } from '../../platform/security/passwords.js';
import type { User } from '../persistence/users-repository.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departments: string[];
}

export interface UserUpdateInput {
  displayName?: string;
  password?: string;
  /** Required to change one's own password, so that an open session alone cannot take over the account. */
  currentPassword?: string;
  role?: Role;
  departments?: string[];
  active?: boolean;
  onDuty?: boolean;
}

export async function createUser(ctx: UseCaseContext, input: NewUserInput): Promise<User> {
  const passwordHash = await hashPassword(input.password, ctx.scryptLogN);
  return ctx.uow.write(async (repos) => {
    if (await repos.users.findByRef(input.username)) {
      throw conflict('username_taken', `The username ${input.username} is already taken.`, { errors: [fieldIssue('username', 'taken', 'is taken')] });
    }
    const departmentIds = await departmentIdsFor(repos, input.departments);
    const id = newId();
    await repos.users.insert({ id, ...input, passwordHash, departmentIds, at: ctx.clock.now().toISOString() });
    return (await repos.users.findById(id))!;
  });
}

/**
 * Administrators change anything; a user may change only their own display name, password and
 * duty flag. Changing one's own password takes the current one (administrators too). Deactivating
 * a user or changing their password signs them out everywhere; an administrator's reset of
 * someone else's password also revokes their API tokens.
 */
export async function updateUser(ctx: UseCaseContext, actor: Actor, ref: string, input: UserUpdateInput): Promise<User> {
  const { currentPassword, ...changes } = input;
  // Both hashes take tens of milliseconds: they run before the write, which keeps only a check.
  const verifiedHash = changes.password ? await verifyOwnPassword(ctx, actor, ref, currentPassword) : null;
  const passwordHash = changes.password ? await hashPassword(changes.password, ctx.scryptLogN) : undefined;
  return ctx.uow.write(async (repos) => {
    const user = await repos.users.findByRef(ref);
    if (!user) throw notFound('User', ref);
    const self = user.id === actor.id;
    if (verifiedHash !== null && (await repos.users.findCredentials(user.username))?.passwordHash !== verifiedHash) {
      throw conflict('password_changed', 'Your password was changed meanwhile; sign in again with the new one.');
    }
    const adminOnly = input.role !== undefined || input.departments !== undefined || input.active !== undefined;
    if (actor.role !== 'admin' && (!self || adminOnly)) {
      throw forbidden('admin_only', 'Only administrators may change other users, roles, departments or activation.');
    }
    if (self && input.active === false) throw invalidField('active', 'forbidden', 'you cannot deactivate your own account', 'cannot_deactivate_self');
    const at = ctx.clock.now().toISOString();
    await repos.users.update(user.id, { ...changes, passwordHash }, at);
    if (changes.departments) await repos.users.setDepartments(user.id, await departmentIdsFor(repos, changes.departments, user.departmentIds));
    if (changes.active === false || passwordHash) await repos.credentials.deleteSessionsOf(user.id);
    const after = (await repos.users.findById(user.id))!;
    // Tickets handed to them that they can no longer take go back to the queue, not to limbo.
    if (changes.active === false || changes.departments) {
      const reason = after.active ? 'assignee_left_department' : 'assignee_deactivated';
      await releasePendingTickets(repos, user.id, after.active ? after.departmentIds : [], reason, actor.id, at);
    }
    // An administrator resets a password when an account may be in other hands: its API tokens go too.
    if (passwordHash && !self) await repos.credentials.revokeTokensOf(user.id, at);
    return after;
  });
}

/**
 * For a change of the caller's own password: checks the current one and answers the hash it was
 * checked against; null when the change is to someone else's password (an administrator's reset).
 */
async function verifyOwnPassword(ctx: UseCaseContext, actor: Actor, ref: string, currentPassword: string | undefined): Promise<string | null> {
  const credentials = await ctx.uow.read(async (repos) => {
    const user = await repos.users.findByRef(ref);
    return user?.id === actor.id ? repos.users.findCredentials(user.username) : null;
  });
  if (!credentials) return null;
  if (!currentPassword) throw invalidField('currentPassword', 'required', 'is required to change your own password', 'current_password_required');
  if (!(await verifyPassword(currentPassword, credentials.passwordHash))) {
    throw invalidField('currentPassword', 'incorrect', 'is not your current password', 'current_password_incorrect');
  }
  return credentials.passwordHash;
}

export function getUser(ctx: UseCaseContext, ref: string): Promise<User> {
  return ctx.uow.read(async (repos) => {
    const user = await repos.users.findByRef(ref);
    if (!user) throw notFound('User', ref);
    return user;
  });
}

/**
 * Only active departments can be chosen; `held` are the user's current ones, which stay even if
 * deactivated since (someone stays in a department being wound down while their other ones change).
 */
async function departmentIdsFor(repos: Repositories, refs: string[], held: readonly string[] = []): Promise<string[]> {
  const ids: string[] = [];
  const holds = new Set(held);
  for (const [index, ref] of refs.entries()) {
    const department = await resolveDepartment(repos, { field: `departments.${index}`, ref, held: holds });
    if (!ids.includes(department.id)) ids.push(department.id);
  }
  return ids;
}
