import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ALWAYS_OPEN,
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  resumeDeadline,
  type CalendarDefinition,
  type Pause,
} from '../../../src/sla/domain/business-calendar.js';
import { berlinNights, berlinOffice, newYorkOffice, shanghaiOffice, splitShifts } from './calendars.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const FROM = Date.UTC(2024, 5, 1);
const TO = Date.UTC(2027, 5, 1);

// None of these has an interval boundary at a wall time that is skipped or repeated, so "the
// wall clock shows a working time" is exactly the rule the calendar implements.
const definitions: Record<string, CalendarDefinition> = { shanghaiOffice, berlinOffice, berlinNights, newYorkOffice, splitShifts };
const calendars = Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, compileCalendar(def)]));
const calendarName = fc.constantFrom(...Object.keys(definitions));

/** A slow, separately written model: reads the wall clock from Intl and the hours straight from the definition. */
class WallClockModel {
  private readonly format: Intl.DateTimeFormat;
  private readonly hourCache = new Map<number, { date: string; minute: number }>();
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;

  constructor(private readonly def: CalendarDefinition) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone: def.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    this.holidays = new Set(def.holidays);
    this.workdays = new Set(def.workdays);
  }

  /** Whether the minute starting at `ms` (a whole UTC minute) is worked. */
  works(ms: number): boolean {
    // The test zones change offset only at whole UTC hours, so the wall clock moves with the minutes within one.
    const hour = Math.floor(ms / 3_600_000) * 3_600_000;
    let wall = this.hourCache.get(hour);
    if (!wall) {
      const part = (type: string) => Number(this.format.formatToParts(hour).find((p) => p.type === type)!.value);
      const date = `${part('year')}-${String(part('month')).padStart(2, '0')}-${String(part('day')).padStart(2, '0')}`;
      wall = { date, minute: part('hour') * 60 + part('minute') };
      this.hourCache.set(hour, wall);
    }
    const minute = wall.minute + (ms - hour) / MINUTE;
    const date = minute < 1440 ? wall.date : new Date(Date.parse(`${wall.date}T00:00Z`) + DAY).toISOString().slice(0, 10);
    return this.hoursOn(date).some(([start, end]) => toMinutes(start) <= minute % 1440 && minute % 1440 < toMinutes(end));
  }

  private hoursOn(date: string): Array<[string, string]> {
    if (this.holidays.has(date)) return [];
    const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
    if (this.workdays.has(date)) return weekdays.map((d) => this.def.week[d]).find((hours) => hours.length > 0) ?? [];
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    return this.def.week[days[new Date(`${date}T00:00Z`).getUTCDay()]!];
  }
}
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const models = Object.fromEntries(Object.entries(definitions).map(([name, def]) => [name, new WallClockModel(def)]));

/** Days the clocks change in Berlin or New York: half the instants are drawn near one of them. */
const CHANGES = ['2024-10-27', '2024-11-03', '2025-03-09', '2025-03-30', '2025-10-26', '2025-11-02', '2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2027-03-14', '2027-03-28'];
const nearChange = (minutesBefore: number, minutesAfter: number) =>
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -minutesBefore, max: minutesAfter })).map(([day, minutes]) => Date.parse(`${day}T00:00Z`) + minutes * MINUTE);
const instant = fc.oneof(fc.integer({ min: FROM, max: TO }), nearChange(4 * 1440, 4 * 1440).chain((ms) => fc.integer({ min: ms, max: ms + MINUTE - 1 })));
const wholeMinute = fc.oneof(fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }).map((m) => m * MINUTE), nearChange(6 * 1440, 1440));
/** 1 ms to 30 working days of 8 hours. */
const duration = fc.integer({ min: 1, max: 30 * 8 * 60 * MINUTE });

describe('business calendar properties', () => {
  it('between agrees with counting worked minutes on the wall clock', () => {
    fc.assert(
      fc.property(calendarName, wholeMinute, fc.integer({ min: 0, max: 10 * 1440 }), (name, from, minutes) => {
        let expected = 0;
        for (let m = 0; m < minutes; m++) if (models[name]!.works(from + m * MINUTE)) expected++;
        assert.equal(businessTimeBetween(calendars[name]!, from, from + minutes * MINUTE), expected * MINUTE);
      }),
      { numRuns: 150 },
    );
  });

  it('between(start, add(start, d)) is d', () => {
    fc.assert(
      fc.property(calendarName, instant, duration, (name, start, d) => {
        const cal = calendars[name]!;
        assert.equal(businessTimeBetween(cal, start, addBusinessTime(cal, start, d)), d);
      }),
      { numRuns: 3000 },
    );
  });

  it('add is strictly increasing in the duration, and never before the start', () => {
    fc.assert(
      fc.property(calendarName, instant, duration, duration, (name, start, d1, d2) => {
        const cal = calendars[name]!;
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const first = addBusinessTime(cal, start, short);
        const second = addBusinessTime(cal, start, long);
        assert.ok(start <= addBusinessTime(cal, start, 0) && addBusinessTime(cal, start, 0) < first);
        assert.ok(short === long ? first === second : first < second);
      }),
      { numRuns: 2000 },
    );
  });

  it('a due time lies inside a working interval or at its end', () => {
    fc.assert(
      fc.property(calendarName, instant, duration, (name, start, d) => {
        const due = addBusinessTime(calendars[name]!, start, d);
        const lastMinute = Math.floor((due - 1) / MINUTE) * MINUTE;
        assert.ok(models[name]!.works(lastMinute), new Date(due).toISOString());
      }),
      { numRuns: 1000 },
    );
  });

  it('between is additive and antisymmetric', () => {
    fc.assert(
      fc.property(calendarName, instant, instant, instant, (name, a, b, c) => {
        const cal = calendars[name]!;
        assert.equal(businessTimeBetween(cal, a, b) + businessTimeBetween(cal, b, c), businessTimeBetween(cal, a, c));
        assert.equal(businessTimeBetween(cal, a, b) + businessTimeBetween(cal, b, a), 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('24×7 is plain arithmetic', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * DAY }), instant, (start, d, other) => {
        assert.equal(addBusinessTime(ALWAYS_OPEN, start, d), start + d);
        assert.equal(businessTimeBetween(ALWAYS_OPEN, start, other), other - start);
      }),
    );
  });

  it('resumeDeadline keeps the working time that was left, and leaves breached limits alone', () => {
    fc.assert(
      fc.property(calendarName, instant, duration, fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 0, max: 20 * DAY }), (name, created, limit, pauseAfter, pauseFor) => {
        const cal = calendars[name]!;
        const due = addBusinessTime(cal, created, limit);
        const pausedAt = created + pauseAfter;
        const resumedAt = pausedAt + pauseFor;
        const moved = resumeDeadline(cal, due, pausedAt, resumedAt);
        if (pausedAt >= due) assert.equal(moved, due);
        else {
          assert.ok(moved >= resumedAt && moved >= due);
          assert.equal(businessTimeBetween(cal, resumedAt, moved), businessTimeBetween(cal, pausedAt, due));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('pauses take away exactly the worked minutes they cover, overlaps counted once', () => {
    const pause = (from: number) =>
      fc.record({ start: fc.integer({ min: -1440, max: 6 * 1440 }), length: fc.option(fc.integer({ min: 0, max: 2 * 1440 }), { nil: null }) }).map(
        ({ start, length }): Pause => ({ start: from + start * MINUTE, end: length === null ? null : from + (start + length) * MINUTE }),
      );
    fc.assert(
      fc.property(
        calendarName,
        wholeMinute.chain((from) => fc.tuple(fc.constant(from), fc.integer({ min: 0, max: 5 * 1440 }), fc.array(pause(from), { maxLength: 4 }))),
        (name, [from, minutes, pauses]) => {
          const to = from + minutes * MINUTE;
          let expected = 0;
          for (let t = from; t < to; t += MINUTE) {
            const paused = pauses.some((p) => p.start <= t && t < (p.end ?? to));
            if (!paused && models[name]!.works(t)) expected++;
          }
          assert.equal(businessTimeBetween(calendars[name]!, from, to, pauses), expected * MINUTE);
        },
      ),
      { numRuns: 150 },
    );
  });
});
