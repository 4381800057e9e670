import type { UseCaseContext } from '../../app/context.js';
import type { Role } from '../../auth/domain/actor.js';
import { notFound } from '../../platform/errors.js';
import type { Department } from '../domain/department.js';
import type { User } from '../persistence/users-repository.js';

export function listDepartments(ctx: UseCaseContext, includeInactive: boolean): Promise<Department[]> {
  return ctx.uow.read((repos) => repos.departments.list(includeInactive));
}

export function listUsers(ctx: UseCaseContext, filter: { department?: string; role?: Role; active?: boolean }): Promise<User[]> {
  return ctx.uow.read(async (repos) => {
    let departmentId: string | undefined;
    if (filter.department) {
      const department = await repos.departments.findByRef(filter.department);
      if (!department) throw notFound('Department', filter.department);
      departmentId = department.id;
    }
    return repos.users.list({ departmentId, role: filter.role, active: filter.active });
  });
}
