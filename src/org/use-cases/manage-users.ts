import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import type { Actor, Role } from '../../auth/domain/actor.js';
import { conflict, forbidden, invalidField, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/security/passwords.js';
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
  role?: Role;
  departments?: string[];
  active?: boolean;
  onDuty?: boolean;
}

export async function createUser(ctx: UseCaseContext, input: NewUserInput): Promise<User> {
  const passwordHash = await hashPassword(input.password, ctx.scryptLogN);
  return ctx.uow.write(async (repos) => {
    if (await repos.users.findByRef(input.username)) {
      throw conflict('username_taken', `The username ${input.username} is already taken.`, { errors: [{ field: 'username', message: 'is taken' }] });
    }
    const departmentIds = await departmentIdsFor(repos, input.departments);
    const id = newId();
    await repos.users.insert({ id, ...input, passwordHash, departmentIds, at: ctx.clock.now().toISOString() });
    return (await repos.users.findById(id))!;
  });
}

/**
 * Administrators change anything; a user may change only their own display name, password and
 * duty flag. Deactivating a user or changing their password signs them out everywhere.
 */
export async function updateUser(ctx: UseCaseContext, actor: Actor, ref: string, input: UserUpdateInput): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password, ctx.scryptLogN) : undefined;
  return ctx.uow.write(async (repos) => {
    const user = await repos.users.findByRef(ref);
    if (!user) throw notFound('User', ref);
    const self = user.id === actor.id;
    const adminOnly = input.role !== undefined || input.departments !== undefined || input.active !== undefined;
    if (actor.role !== 'admin' && (!self || adminOnly)) {
      throw forbidden('admin_only', 'Only administrators may change other users, roles, departments or activation.');
    }
    if (self && input.active === false) throw invalidField('active', 'you cannot deactivate your own account', 'cannot_deactivate_self');
    const at = ctx.clock.now().toISOString();
    await repos.users.update(user.id, { ...input, passwordHash }, at);
    if (input.departments) await repos.users.setDepartments(user.id, await departmentIdsFor(repos, input.departments));
    if (input.active === false || passwordHash) await repos.credentials.deleteSessionsOf(user.id);
    return (await repos.users.findById(user.id))!;
  });
}

export function getUser(ctx: UseCaseContext, ref: string): Promise<User> {
  return ctx.uow.read(async (repos) => {
    const user = await repos.users.findByRef(ref);
    if (!user) throw notFound('User', ref);
    return user;
  });
}

async function departmentIdsFor(repos: Repositories, refs: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, ref] of refs.entries()) {
    const department = await repos.departments.findByRef(ref);
    if (!department?.active) {
      const message = `no active department has the id or code ${JSON.stringify(ref)}`;
      throw unprocessable('invalid_reference', `departments.${index}: ${message}.`, [{ field: `departments.${index}`, message }]);
    }
    if (!ids.includes(department.id)) ids.push(department.id);
  }
  return ids;
}
