import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addBusinessMinutes,
  compileCalendar,
  InvalidCalendarError,
  validateCalendarDefinition,
  type CalendarDefinition,
} from '../../../src/sla/domain/business-calendar.js';
import { at, shanghaiOffice, week } from './calendars.js';

const base: CalendarDefinition = { timeZone: 'Asia/Shanghai', week: week([['09:00', '18:00']]), holidays: [], workdays: [] };
const fieldsOf = (def: CalendarDefinition) => validateCalendarDefinition(def).map((i) => i.field);
const withMonday = (...hours: Array<[string, string]>): CalendarDefinition => ({ ...base, week: { ...base.week, mon: hours } });

describe('validateCalendarDefinition', () => {
  it('accepts the reference calendars', () => {
    assert.deepEqual(validateCalendarDefinition(base), []);
    assert.deepEqual(validateCalendarDefinition(shanghaiOffice), []);
    assert.deepEqual(validateCalendarDefinition({ ...base, timeZone: 'UTC' }), []);
    assert.deepEqual(validateCalendarDefinition({ ...base, timeZone: 'America/Argentina/Buenos_Aires' }), []);
  });

  it('refuses time zones Intl does not know, and bare offsets', () => {
    for (const timeZone of ['Mars/Olympus_Mons', 'Asia/Peking ', '+08:00', 'UTC+8', '', '../etc/passwd']) {
      assert.deepEqual(fieldsOf({ ...base, timeZone }), ['timeZone'], timeZone);
    }
  });

  it('refuses badly written times, naming start (.0) or end (.1)', () => {
    assert.deepEqual(fieldsOf(withMonday(['9:00', '12:00'])), ['week.mon.0.0']);
    assert.deepEqual(fieldsOf(withMonday(['24:00', '24:00'])), ['week.mon.0.0']);
    assert.deepEqual(fieldsOf(withMonday(['09:00', '12:60'])), ['week.mon.0.1']);
    assert.deepEqual(fieldsOf(withMonday(['09:00', '25:00'])), ['week.mon.0.1']);
    assert.deepEqual(fieldsOf(withMonday(['09:00', '24:01'])), ['week.mon.0.1']);
    assert.deepEqual(fieldsOf(withMonday(['ab', '09:00 '])), ['week.mon.0.0', 'week.mon.0.1']);
    assert.deepEqual(validateCalendarDefinition(withMonday(['00:00', '24:00'])), []);
  });

  it('refuses intervals that end at or before their start', () => {
    assert.deepEqual(validateCalendarDefinition(withMonday(['12:00', '12:00'])), [{ field: 'week.mon.0', code: 'ends_before_start', message: 'must end after it starts' }]);
    assert.deepEqual(fieldsOf(withMonday(['09:00', '12:00'], ['18:00', '13:00'])), ['week.mon.1']);
  });

  it('refuses overlapping intervals in a day, in any order, but accepts touching ones', () => {
    assert.deepEqual(validateCalendarDefinition(withMonday(['11:00', '13:00'], ['09:00', '12:00'])), [
      { field: 'week.mon.0', code: 'overlaps', message: 'overlaps 09:00–12:00', params: { other: '09:00–12:00' } },
    ]);
    assert.deepEqual(validateCalendarDefinition(withMonday(['12:00', '13:00'], ['09:00', '12:00'])), []);
  });

  it('refuses a week without any working hours', () => {
    assert.deepEqual(fieldsOf({ ...base, week: week([], []) }), ['week']);
  });

  it('refuses holidays that leave a year without a working day, naming the stretch; a long holiday is fine', () => {
    // Only Mondays have hours, and every Monday of eight years is a holiday.
    const mondays = Array.from({ length: 8 * 52 }, (_, i) => new Date(Date.UTC(2026, 0, 5) + i * 7 * 86_400_000).toISOString().slice(0, 10));
    const never: CalendarDefinition = { ...base, week: week([['09:00', '10:00']], ['mon']), holidays: mondays };
    const issues = validateCalendarDefinition(never);
    assert.deepEqual(issues.map((i) => [i.field, i.code]), [['holidays', 'no_working_day']]);
    assert.match(String(issues[0]!.params?.from), /^2026-01-0\d$/);
    assert.match(issues[0]!.message, /^leave no working day from 2026-01-0\d to 2033-12-\d\d: a time limit counted on it could never fall due$/);
    assert.throws(() => compileCalendar(never), InvalidCalendarError);
    // Half a year off is unusual but a calendar still.
    const sabbatical = { ...base, holidays: Array.from({ length: 180 }, (_, i) => new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)) };
    assert.deepEqual(fieldsOf(sabbatical), []);
    assert.deepEqual(fieldsOf(shanghaiOffice), []);
  });

  it('refuses impossible or badly written dates, repeats, and a date that is both holiday and workday', () => {
    assert.deepEqual(fieldsOf({ ...base, holidays: ['2026-02-30', '2026-2-3', '20260101', '2026-13-01', '2026-10-01'] }), [
      'holidays.0',
      'holidays.1',
      'holidays.2',
      'holidays.3',
    ]);
    assert.deepEqual(validateCalendarDefinition({ ...base, holidays: ['2026-10-01', '2026-10-01'] }), [{ field: 'holidays.1', code: 'duplicate', message: 'repeats holidays.0' }]);
    assert.deepEqual(validateCalendarDefinition({ ...base, holidays: ['2026-10-01', '2026-10-10'], workdays: ['2026-10-10'] }), [
      { field: 'workdays.0', code: 'conflicts', message: 'is also holidays.1' },
    ]);
    assert.deepEqual(validateCalendarDefinition({ ...base, holidays: ['2024-02-29'] }), []);
  });

  it('refuses make-up workdays when no weekday from Monday to Friday has hours to lend them', () => {
    const weekendOnly = { ...base, week: week([['10:00', '16:00']], ['sat', 'sun']) };
    assert.deepEqual(validateCalendarDefinition(weekendOnly), []);
    assert.deepEqual(fieldsOf({ ...weekendOnly, workdays: ['2026-10-10'] }), ['workdays']);
  });

  it('reports every problem at once', () => {
    assert.deepEqual(fieldsOf({ timeZone: 'Nowhere', week: { ...base.week, tue: [['10:00', '09:00']] }, holidays: ['x'], workdays: ['y'] }), [
      'timeZone',
      'week.tue.0',
      'holidays.0',
      'workdays.0',
    ]);
  });

  it('checks shapes too, for input that bypassed the types', () => {
    const loose = JSON.parse('{"timeZone":"UTC","week":{"mon":[["09:00"]],"tue":"09:00-18:00"},"holidays":"2026-10-01","workdays":[]}') as CalendarDefinition;
    assert.deepEqual(fieldsOf(loose), ['week.mon.0', 'week.tue', 'week.wed', 'week.thu', 'week.fri', 'week.sat', 'week.sun', 'holidays']);
  });
});

describe('compileCalendar', () => {
  it('throws InvalidCalendarError carrying the issues', () => {
    assert.throws(
      () => compileCalendar({ ...base, timeZone: 'Nowhere' }),
      (error: unknown) => error instanceof InvalidCalendarError && error.issues.length === 1 && error.issues[0]!.field === 'timeZone',
    );
  });

  it('gives a make-up workday the hours of the first of Monday..Friday that has hours, on any weekday', () => {
    const def: CalendarDefinition = {
      timeZone: 'UTC',
      week: { mon: [], tue: [['10:00', '12:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']], sat: [], sun: [] },
      holidays: [],
      workdays: ['2026-10-10', '2026-10-15'], // a Saturday, and a Thursday that normally works 09:00–18:00
    };
    const cal = compileCalendar(def);
    assert.equal(addBusinessMinutes(cal, at('2026-10-10T00:00Z'), 1), at('2026-10-10T10:01Z'));
    assert.equal(addBusinessMinutes(cal, at('2026-10-10T00:00Z'), 121), at('2026-10-13T10:01Z'));
    assert.equal(addBusinessMinutes(cal, at('2026-10-15T00:00Z'), 121), at('2026-10-16T09:01Z'));
  });

  it('gives a holiday no hours even on a weekday that has them', () => {
    const cal = compileCalendar({ ...base, timeZone: 'UTC', holidays: ['2026-10-12'] });
    assert.equal(addBusinessMinutes(cal, at('2026-10-12T10:00Z'), 1), at('2026-10-13T09:01Z'));
  });
});
