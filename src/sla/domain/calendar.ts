import { ALWAYS_OPEN, compileCalendar, type BusinessCalendar, type CalendarDefinition } from './business-calendar.js';

/** A business calendar as administrators keep it: a definition with a code and a name. */
export interface Calendar {
  id: string;
  code: string;
  name: string;
  definition: CalendarDefinition;
  /** The built-in 24×7 calendar: every minute counts. */
  alwaysOpen: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The code of the built-in 24×7 calendar, which always exists. */
export const ALWAYS_OPEN_CODE = '24x7';

/**
 * The calendars of one reference snapshot, compiled on first use. A compiled calendar keeps its
 * per-year cache of working intervals for as long as the snapshot lives.
 */
export class CalendarRegistry {
  private readonly byRef = new Map<string, Calendar>();
  private readonly compiled = new Map<string, BusinessCalendar>();

  constructor(readonly all: readonly Calendar[]) {
    for (const calendar of all) {
      this.byRef.set(calendar.id, calendar);
      this.byRef.set(calendar.code, calendar);
    }
  }

  find(ref: string): Calendar | undefined {
    return this.byRef.get(ref);
  }

  /** The calendar deadlines count on; null and the 24×7 calendar count wall-clock time. */
  compile(calendarId: string | null): BusinessCalendar {
    if (calendarId === null) return ALWAYS_OPEN;
    let compiled = this.compiled.get(calendarId);
    if (!compiled) {
      const calendar = this.byRef.get(calendarId);
      compiled = !calendar || calendar.alwaysOpen ? ALWAYS_OPEN : compileCalendar(calendar.definition);
      this.compiled.set(calendarId, compiled);
    }
    return compiled;
  }

  /**
   * The id a deadline stores: null (wall clock) for the built-in 24×7 calendar, which can never
   * change. Any other calendar is kept, even one that counts every minute today (a 7×24 hotline):
   * its hours or holidays may change later, and that change must reach the clocks counting on it.
   * Counting on it stays plain addition all the same, as compile() turns it into the always-open
   * calendar while it has no closed minute.
   */
  effectiveId(calendarId: string | null): string | null {
    return calendarId === null || this.byRef.get(calendarId)?.alwaysOpen ? null : calendarId;
  }
}
