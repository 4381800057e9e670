import { ReferenceTable } from '../../platform/db/reference-table.js';
import type { DepartmentsTable } from '../../platform/db/schema.js';
import type { DbContext } from '../../platform/db/unit-of-work.js';
import type { AssignmentCandidate, AssignmentMode } from '../domain/auto-assignment.js';
import type { Department } from '../domain/department.js';

/** Statuses in which a ticket counts towards its assignee's load. */
const LOAD_STATUSES = ['pending', 'in_progress', 'waiting'];

/**
 * Loads are counted up to this many open tickets: beyond it everyone is equally overloaded and
 * the turn order decides. Counting every open ticket of every member made each assignment cost
 * grow with the backlog.
 */
export const LOAD_COUNT_CAP = 100;

export class DepartmentsRepository {
  readonly table: ReferenceTable<'departments'>;

  constructor(private readonly ctx: DbContext) {
    this.table = new ReferenceTable(ctx, 'departments');
  }

  async findByRef(ref: string): Promise<Department | null> {
    const row = await this.table.findByRef(ref);
    return row ? toDepartment(row) : null;
  }

  /**
   * Reads the department and, on PostgreSQL, locks its row so that two transactions never hand out
   * the same turn. NO KEY UPDATE, not UPDATE: a ticket moving into the department already holds a
   * KEY SHARE lock on this row through its foreign key, and two such transactions each upgrading
   * to FOR UPDATE deadlock (concurrent transfers into one department did).
   */
  async findForAssignment(id: string): Promise<Department | null> {
    let query = this.ctx.db.selectFrom('departments').selectAll().where('id', '=', id);
    if (this.ctx.dialect === 'postgres') query = query.forNoKeyUpdate();
    const row = await query.executeTakeFirst();
    return row ? toDepartment(row) : null;
  }

  async list(includeInactive: boolean): Promise<Department[]> {
    return (await this.table.list(includeInactive, 'code')).map(toDepartment);
  }

  async findByIds(ids: readonly string[]): Promise<Department[]> {
    return (await this.table.findByIds(ids)).map(toDepartment);
  }

  /** Active members with their duty flag and current number of open tickets. */
  async assignmentCandidates(departmentId: string): Promise<AssignmentCandidate[]> {
    const rows = await this.ctx.db
      .selectFrom('department_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select((eb) => [
        'u.id as userId',
        'u.on_duty as onDuty',
        eb
          .selectFrom(
            eb
              .selectFrom('tickets as t')
              .select('t.id')
              .whereRef('t.assignee_id', '=', 'u.id')
              .where('t.status', 'in', LOAD_STATUSES)
              .limit(LOAD_COUNT_CAP)
              .as('open_tickets'),
          )
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('openTickets'),
      ])
      .where('m.department_id', '=', departmentId)
      .where('u.active', '=', 1)
      .where('u.role', 'in', ['handler', 'supervisor'])
      .execute();
    return rows.map((r) => ({ userId: r.userId, onDuty: r.onDuty === 1, openTickets: Number(r.openTickets ?? 0) }));
  }

  async recordAssignment(departmentId: string, userId: string): Promise<void> {
    await this.ctx.db
      .updateTable('departments')
      .set({ last_assigned_user_id: userId })
      .where('id', '=', departmentId)
      .execute();
  }

  async memberIds(departmentId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('department_members')
      .select('user_id')
      .where('department_id', '=', departmentId)
      .execute();
    return rows.map((r) => r.user_id);
  }
}

export function toDepartment(row: DepartmentsTable): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    assignmentMode: row.assignment_mode as AssignmentMode,
    lastAssignedUserId: row.last_assigned_user_id,
    calendarId: row.calendar_id,
    active: row.active === 1,
  };
}
