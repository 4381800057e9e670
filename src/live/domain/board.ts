import { overseesAllDepartments, type Actor } from '../../auth/domain/actor.js';
import { ZoneOffsets, DAY_MS } from '../../sla/domain/local-time.js';
import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';

/**
 * The live board (看板): per department and status, how many tickets are open, how many of them
 * are overdue or warned, the oldest one waiting, and today's created and closed. This module
 * shapes the figures the persistence layer counts with grouped queries; it does no I/O.
 */

/** Tickets waiting for the call centre to dispatch them, whatever department they last had. */
export const DISPATCH_STATUSES = ['submitted', 'returned'] as const satisfies readonly TicketStatus[];
/** Statuses a department's tickets go through until they are closed. */
export const DEPARTMENT_STATUSES = ['pending', 'in_progress', 'waiting', 'handled', 'replied'] as const satisfies readonly TicketStatus[];
/** The open statuses the board counts, in the order of the lifecycle. */
export const BOARD_STATUSES: readonly TicketStatus[] = [...DISPATCH_STATUSES, ...DEPARTMENT_STATUSES];
/** Waiting for someone to pick the ticket up: the oldest of these is the board's "oldest waiting". */
export const WAITING_STATUSES: readonly TicketStatus[] = [...DISPATCH_STATUSES, 'pending'];

/** The row of tickets awaiting dispatch (and the rare ticket without a department). */
export const DISPATCH_ROW = 'dispatch';

/** Which departments a user's board shows; null when the role has no board. */
export type BoardScope = { all: true } | { all: false; departmentIds: readonly string[] };

export function boardScope(actor: Actor): BoardScope | null {
  if (overseesAllDepartments(actor.role)) return { all: true };
  if (actor.role === 'supervisor') return { all: false, departmentIds: actor.departmentIds };
  return null;
}

const isDispatchStatus = (status: TicketStatus) => (DISPATCH_STATUSES as readonly TicketStatus[]).includes(status);

/** The board row a ticket counts in: its department, or the dispatch row while it waits for dispatch. */
export function rowKeyOf(departmentId: string | null, status: TicketStatus): string {
  return departmentId === null || isDispatchStatus(status) ? DISPATCH_ROW : departmentId;
}

/** Open tickets of one department and status (grouped in SQL). */
export interface StatusCount {
  departmentId: string | null;
  status: TicketStatus;
  total: number;
  overdue: number;
  warned: number;
}

/** A department's (or the dispatch queue's) oldest ticket waiting to be picked up. */
export interface OldestTicket {
  departmentId: string | null;
  status: TicketStatus;
  id: string;
  number: string;
  createdAt: string;
}

/** Tickets created or closed today, per department and current status. */
export interface DayCount {
  departmentId: string | null;
  status: TicketStatus;
  count: number;
}

export interface BoardDepartment {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

export interface BoardFacts {
  open: readonly StatusCount[];
  oldest: readonly OldestTicket[];
  createdToday: readonly DayCount[];
  closedToday: readonly DayCount[];
  departments: readonly BoardDepartment[];
}

export interface BoardCell {
  total: number;
  overdue: number;
  warned: number;
}

export interface BoardRow {
  /** A department id, or `dispatch`. */
  key: string;
  department: { id: string; code: string; name: string; nameEn: string | null } | null;
  cells: Partial<Record<TicketStatus, BoardCell>>;
  open: number;
  overdue: number;
  warned: number;
  oldestWaiting: { id: string; number: string; status: TicketStatus; since: string } | null;
  createdToday: number;
  closedToday: number;
}

export interface Board {
  generatedAt: string;
  /** The calendar day "today" means, in the organisation's time zone, and the instant it began. */
  day: { date: string; timeZone: string; from: string };
  statuses: TicketStatus[];
  rows: BoardRow[];
  totals: { open: number; overdue: number; warned: number; createdToday: number; closedToday: number };
}

/** Today in a time zone: its date and the UTC instant its midnight was. */
export function localDay(now: Date, timeZone: string): { date: string; timeZone: string; from: string } {
  const zone = new ZoneOffsets(timeZone);
  const nowMs = now.getTime();
  const midnightLocal = Math.floor((nowMs + zone.offsetAt(nowMs)) / DAY_MS) * DAY_MS;
  // The offset at midnight itself, which differs from now's on a day a DST change happens.
  const from = midnightLocal - zone.offsetAt(midnightLocal - zone.offsetAt(nowMs));
  return { date: new Date(midnightLocal).toISOString().slice(0, 10), timeZone, from: new Date(from).toISOString() };
}

function emptyRow(key: string, department: BoardDepartment | null): BoardRow {
  return {
    key,
    department: department && { id: department.id, code: department.code, name: department.name, nameEn: department.nameEn },
    cells: {},
    open: 0,
    overdue: 0,
    warned: 0,
    oldestWaiting: null,
    createdToday: 0,
    closedToday: 0,
  };
}

/**
 * The board a user sees: the dispatch row first, then the departments in the scope (admins: every
 * active department, and an inactive one only while it still holds tickets), in reference order.
 * Counts outside the scope are dropped, whatever the queries returned.
 */
export function shapeBoard(facts: BoardFacts, scope: BoardScope, now: Date, day: Board['day']): Board {
  const byId = new Map(facts.departments.map((d) => [d.id, d]));
  const inScope = (key: string) => key === DISPATCH_ROW || scope.all || scope.departmentIds.includes(key);
  const rows = new Map<string, BoardRow>([[DISPATCH_ROW, emptyRow(DISPATCH_ROW, null)]]);
  const listed = facts.departments.filter((d) => (scope.all ? d.active : scope.departmentIds.includes(d.id)));
  for (const department of listed) rows.set(department.id, emptyRow(department.id, department));
  const rowFor = (departmentId: string | null, status: TicketStatus): BoardRow | null => {
    const key = rowKeyOf(departmentId, status);
    if (!inScope(key)) return null;
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, byId.get(key) ?? null);
      rows.set(key, row);
    }
    return row;
  };

  for (const count of facts.open) {
    const row = rowFor(count.departmentId, count.status);
    if (!row) continue;
    const cell = (row.cells[count.status] ??= { total: 0, overdue: 0, warned: 0 });
    cell.total += count.total;
    cell.overdue += count.overdue;
    cell.warned += count.warned;
    row.open += count.total;
    row.overdue += count.overdue;
    row.warned += count.warned;
  }
  for (const ticket of facts.oldest) {
    const row = rowFor(ticket.departmentId, ticket.status);
    if (!row) continue;
    const current = row.oldestWaiting;
    if (!current || ticket.createdAt < current.since || (ticket.createdAt === current.since && ticket.number < current.number)) {
      row.oldestWaiting = { id: ticket.id, number: ticket.number, status: ticket.status, since: ticket.createdAt };
    }
  }
  for (const count of facts.createdToday) {
    const row = rowFor(count.departmentId, count.status);
    if (row) row.createdToday += count.count;
  }
  for (const count of facts.closedToday) {
    const row = rowFor(count.departmentId, count.status);
    if (row) row.closedToday += count.count;
  }

  const list = [...rows.values()];
  const sum = (pick: (row: BoardRow) => number) => list.reduce((total, row) => total + pick(row), 0);
  return {
    generatedAt: now.toISOString(),
    day,
    statuses: [...BOARD_STATUSES],
    rows: list,
    totals: {
      open: sum((r) => r.open),
      overdue: sum((r) => r.overdue),
      warned: sum((r) => r.warned),
      createdToday: sum((r) => r.createdToday),
      closedToday: sum((r) => r.closedToday),
    },
  };
}
