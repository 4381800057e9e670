import type { CalendarRegistry } from './calendar.js';
import { deadlineState, isCurrent, spentMs, type Deadline, type DeadlineState } from './deadline.js';
import type { SlaTarget } from './sla-policy.js';

/** One clock of a ticket as people read it, measured at the moment of reading. */
export interface DeadlineView {
  id: string;
  target: SlaTarget;
  departmentId: string | null;
  state: DeadlineState;
  /** Whether the clock still counts (running or paused); finished clocks stay as the record of the step. */
  current: boolean;
  /** When it falls due if it keeps running; null while paused (the due time moves with the pause). */
  dueAt: string | null;
  allowedMinutes: number;
  spentMinutes: number;
  /** Allowed minus spent, in the clock's own time (business or wall clock); negative when overdue. */
  remainingMinutes: number;
  businessTime: boolean;
  calendar: { id: string; code: string; name: string } | null;
  startedAt: string;
  completedAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  escalationLevel: number;
  extensions: number;
}

const MINUTE = 60_000;
const minutes = (ms: number) => Math.round((ms / MINUTE) * 10) / 10;

/** A clock as people read it at `now`: spent and remaining time on its own calendar. */
export function presentDeadline(d: Deadline, calendars: CalendarRegistry, now: number): DeadlineView {
  const spent = spentMs(d, calendars.compile(d.calendarId), now);
  const calendar = d.calendarId ? calendars.find(d.calendarId) : undefined;
  return {
    id: d.id,
    target: d.target,
    departmentId: d.departmentId,
    state: deadlineState(d),
    current: isCurrent(d),
    dueAt: d.status === 'paused' ? null : d.dueAt,
    allowedMinutes: minutes(d.budgetMs),
    spentMinutes: minutes(spent),
    remainingMinutes: minutes(d.budgetMs - spent),
    businessTime: d.calendarId !== null,
    calendar: calendar ? { id: calendar.id, code: calendar.code, name: calendar.name } : null,
    startedAt: d.startedAt,
    completedAt: d.completedAt,
    warnedAt: d.warnedAt,
    breachedAt: d.breachedAt,
    escalationLevel: d.escalationsFired,
    extensions: d.extensions,
  };
}
