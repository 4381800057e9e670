import type { UseCaseContext } from '../../app/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AssignmentMode } from '../domain/auto-assignment.js';
import type { Department } from '../domain/department.js';

export interface DepartmentInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  assignmentMode?: AssignmentMode;
  active?: boolean;
}

export async function createDepartment(ctx: UseCaseContext, input: DepartmentInput & { code: string; name: string }): Promise<Department> {
  return ctx.uow.write(async (repos) => {
    if (await repos.departments.table.codeExists(input.code)) {
      throw conflict('code_taken', `A department with the code ${input.code} already exists.`, { errors: [{ field: 'code', message: 'is taken' }] });
    }
    const at = ctx.clock.now().toISOString();
    const id = newId();
    await repos.departments.table.insert({
      id,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      assignment_mode: input.assignmentMode ?? 'none',
      last_assigned_user_id: null,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    return (await repos.departments.findByRef(id))!;
  });
}

/** Renames a department, switches its automatic assignment, or deactivates it (its tickets stay where they are). */
export async function updateDepartment(ctx: UseCaseContext, ref: string, input: DepartmentInput): Promise<Department> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.departments.findByRef(ref);
    if (!found) throw notFound('Department', ref);
    await repos.departments.table.update(found.id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn }),
      ...(input.assignmentMode !== undefined && { assignment_mode: input.assignmentMode }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      updated_at: ctx.clock.now().toISOString(),
    });
    return (await repos.departments.findByRef(found.id))!;
  });
}
