import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { refuseDeletingWhatSettingsName } from '../../app/resolve-references.js';
import { conflict, fieldIssue, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AssignmentMode } from '../domain/auto-assignment.js';
import type { Department } from '../domain/department.js';

export interface DepartmentInput {
  code?: string;
  name?: string;
  nameEn?: string | null;
  assignmentMode?: AssignmentMode;
  active?: boolean;
  /** The business calendar its step time limits count on, by id or code; null: the policy's calendar. */
  calendar?: string | null;
}

/** A department with its calendar spelled out. */
export interface DepartmentView extends Department {
  calendar: { id: string; code: string; name: string } | null;
}

export async function createDepartment(ctx: UseCaseContext, input: DepartmentInput & { code: string; name: string }): Promise<DepartmentView> {
  return ctx.uow.write(async (repos) => {
    if (await repos.departments.table.codeExists(input.code)) {
      throw conflict('code_taken', `A department with the code ${input.code} already exists.`, { errors: [fieldIssue('code', 'taken', 'is taken')] });
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
      calendar_id: input.calendar ? await resolveCalendarId(repos, input.calendar) : null,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    return withCalendar(repos, (await repos.departments.findByRef(id))!);
  });
}

/** Renames a department, switches its automatic assignment, or deactivates it (its tickets stay where they are). */
export async function updateDepartment(ctx: UseCaseContext, ref: string, input: DepartmentInput): Promise<DepartmentView> {
  return ctx.uow.write(async (repos) => {
    const found = await repos.departments.findByRef(ref);
    if (!found) throw notFound('Department', ref);
    await refuseDeletingWhatSettingsName(repos, 'department', found.id, input.active);
    await repos.departments.table.update(found.id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.nameEn !== undefined && { name_en: input.nameEn }),
      ...(input.assignmentMode !== undefined && { assignment_mode: input.assignmentMode }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
      ...(input.calendar !== undefined && { calendar_id: input.calendar === null ? null : await resolveCalendarId(repos, input.calendar, found.calendarId) }),
      updated_at: ctx.clock.now().toISOString(),
    });
    return withCalendar(repos, (await repos.departments.findByRef(found.id))!);
  });
}

/**
 * Departments with their calendars, for the department list. (It sits here rather than in
 * read-org.ts only to keep the calendar change to this file.)
 */
export function listDepartmentViews(ctx: UseCaseContext, includeInactive: boolean): Promise<DepartmentView[]> {
  return ctx.uow.read(async (repos) => {
    const departments = await repos.departments.list(includeInactive);
    return Promise.all(departments.map((d) => withCalendar(repos, d)));
  });
}

/** A department's calendar from the reference snapshot (deactivated calendars included). */
async function withCalendar(repos: Repositories, department: Department): Promise<DepartmentView> {
  const found = department.calendarId ? (await repos.reference()).calendars.find(department.calendarId) : undefined;
  const calendar = department.calendarId ? (found ? { id: found.id, code: found.code, name: found.name } : { id: department.calendarId, code: department.calendarId, name: department.calendarId }) : null;
  return { ...department, calendar };
}

/**
 * Only an active calendar can be chosen; one deactivated later stays with the departments that
 * chose it, also through their later changes (`held`: the department's current calendar).
 */
async function resolveCalendarId(repos: Repositories, ref: string, held: string | null = null): Promise<string> {
  const found = (await repos.reference()).calendars.find(ref);
  if (!found || !(found.active || found.id === held)) {
    const message = found ? `calendar ${JSON.stringify(ref)} has been deactivated and can no longer be chosen` : `no calendar has the id or code ${JSON.stringify(ref)}`;
    throw unprocessable('invalid_reference', `calendar: ${message}.`, [fieldIssue('calendar', 'unknown_reference', message)]);
  }
  return found.id;
}
