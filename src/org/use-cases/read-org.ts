import type { UseCaseContext } from '../../app/context.js';
import type { Role } from '../../auth/domain/actor.js';
import { invalidField, notFound } from '../../platform/errors.js';
import type { Department } from '../domain/department.js';
import type { User } from '../persistence/users-repository.js';

export function listDepartments(ctx: UseCaseContext, includeInactive: boolean): Promise<Department[]> {
  return ctx.uow.read((repos) => repos.departments.list(includeInactive));
}

/** Users, optionally of one department: an unknown department in the path is 404, as a filter 422. */
export function listUsers(
  ctx: UseCaseContext,
  filter: { department?: string; departmentIsPath?: boolean; role?: Role; active?: boolean },
): Promise<User[]> {
  return ctx.uow.read(async (repos) => {
    let departmentId: string | undefined;
    if (filter.department) {
      const department = await repos.departments.findByRef(filter.department);
      if (!department && filter.departmentIsPath) throw notFound('Department', filter.department);
      if (!department) throw invalidField('department', 'unknown_reference', `no department has the id or code ${JSON.stringify(filter.department)}`, 'invalid_reference');
      departmentId = department.id;
    }
    return repos.users.list({ departmentId, role: filter.role, active: filter.active });
  });
}
