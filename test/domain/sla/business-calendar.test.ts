import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALWAYS_OPEN,
  addBusinessMinutes,
  addBusinessTime,
  businessMinutesBetween,
  businessTimeBetween,
  compileCalendar,
  isBusinessTime,
  resumeDeadline,
} from '../../../src/sla/domain/business-calendar.js';
import { at, cst, shanghaiOffice, showCst, splitShifts, week } from './calendars.js';

const office = compileCalendar(shanghaiOffice);
const DAY = 450; // business minutes in a Shanghai office day

describe('addBusinessMinutes: Shanghai office, 09:00–12:00 and 13:30–18:00 with Chinese holidays', () => {
  const cases: Array<[string, string, number, string]> = [
    ['inside the morning', '2026-03-03 09:00', 60, '2026-03-03 10:00'],
    ['across the lunch break', '2026-03-03 11:30', 60, '2026-03-03 14:00'],
    ['ending exactly at lunch: the end of the morning, not 13:30', '2026-03-03 09:00', 180, '2026-03-03 12:00'],
    ['starting in the lunch break', '2026-03-03 12:15', 30, '2026-03-03 14:00'],
    ['starting at the afternoon start', '2026-03-03 13:30', 30, '2026-03-03 14:00'],
    ['starting at the end of the day', '2026-03-03 18:00', 30, '2026-03-04 09:30'],
    ['across the night', '2026-03-03 17:00', 120, '2026-03-04 10:00'],
    ['starting before opening', '2026-03-03 07:00', 30, '2026-03-03 09:30'],
    ['starting at midnight', '2026-03-04 00:00', 1, '2026-03-04 09:01'],
    ['a whole day ends at 18:00', '2026-03-09 09:00', DAY, '2026-03-09 18:00'],
    ['one minute more is the next morning', '2026-03-09 09:00', DAY + 1, '2026-03-10 09:01'],
    ['across a weekend', '2026-03-06 17:00', 120, '2026-03-09 10:00'],
    ['starting on a Saturday', '2026-03-07 10:00', 30, '2026-03-09 09:30'],
    ['fractional minutes', '2026-03-03 09:00', 0.5, '2026-03-03 09:00:30.000'],
    // Spring Festival 2026: 02-15 (Sun) .. 02-23 (Mon) off; Saturdays 02-14 and 02-28 are worked.
    ['into the make-up Saturday before the Spring Festival', '2026-02-13 17:00', 120, '2026-02-14 10:00'],
    ['over the Spring Festival', '2026-02-14 17:00', 120, '2026-02-24 10:00'],
    ['starting inside the Spring Festival', '2026-02-22 10:00', 30, '2026-02-24 09:30'],
    ['into the make-up Saturday after it', '2026-02-27 17:30', 60, '2026-02-28 09:30'],
    // National Day 2026: 09-25..27 Mid-Autumn, 10-01..07 off; Sunday 09-20 and Saturday 10-10 are worked.
    ['into the make-up Sunday 2026-09-20', '2026-09-18 17:00', 120, '2026-09-20 10:00'],
    ['over the Mid-Autumn Festival', '2026-09-24 17:00', 120, '2026-09-28 10:00'],
    ['over the National Day week', '2026-09-30 17:00', 120, '2026-10-08 10:00'],
    ['into the make-up Saturday 2026-10-10', '2026-10-09 17:00', 120, '2026-10-10 10:00'],
    // National Day 2025: 10-01..08 off; Sunday 09-28 and Saturday 10-11 are worked.
    ['into the make-up Sunday 2025-09-28', '2025-09-26 17:00', 120, '2025-09-28 10:00'],
    ['over the 2025 National Day and Mid-Autumn', '2025-09-30 17:00', 120, '2025-10-09 10:00'],
    ['into the make-up Saturday 2025-10-11', '2025-10-10 17:00', 120, '2025-10-11 10:00'],
    // Year ends: New Year's Day 2025 alone; 2026-01-01..03 off with Sunday 01-04 worked.
    ['31 Dec 2024 → 2 Jan 2025', '2024-12-31 17:00', 120, '2025-01-02 10:00'],
    ['31 Dec 2025 → the make-up Sunday 4 Jan 2026', '2025-12-31 17:00', 120, '2026-01-04 10:00'],
    // 30 days: 6 weeks from 2026-03-02, less Qingming Monday 04-06, then Monday 04-13.
    ['30 business days', '2026-03-02 09:00', 30 * DAY, '2026-04-13 18:00'],
    ['a business year and more, over the 2025→2026 cache spans', '2025-01-02 09:00', 300 * DAY, '2026-03-20 18:00'],
  ];
  for (const [name, start, minutes, due] of cases) {
    it(`${name}: ${start} + ${minutes} min → ${due}`, () => {
      assert.equal(showCst(addBusinessMinutes(office, cst(start), minutes)), due);
      assert.equal(businessMinutesBetween(office, cst(start), addBusinessMinutes(office, cst(start), minutes)), minutes);
    });
  }

  it('returns the start itself for zero minutes, inside or outside working hours', () => {
    for (const start of ['2026-03-03 10:00', '2026-03-03 09:00', '2026-03-03 12:00', '2026-03-03 20:00', '2026-02-16 10:00']) {
      assert.equal(addBusinessMinutes(office, cst(start), 0), cst(start));
    }
  });

  it('refuses negative, infinite and NaN durations and invalid instants', () => {
    assert.throws(() => addBusinessMinutes(office, cst('2026-03-03 10:00'), -1), RangeError);
    assert.throws(() => addBusinessMinutes(office, cst('2026-03-03 10:00'), Infinity), RangeError);
    assert.throws(() => addBusinessMinutes(office, cst('2026-03-03 10:00'), Number.NaN), RangeError);
    assert.throws(() => addBusinessMinutes(office, Number.NaN, 10), RangeError);
    assert.throws(() => businessMinutesBetween(office, 0, Number.POSITIVE_INFINITY), RangeError);
  });
});

describe('businessMinutesBetween: Shanghai office', () => {
  const cases: Array<[string, string, string, number]> = [
    ['inside one interval', '2026-03-03 09:15', '2026-03-03 11:45', 150],
    ['across lunch', '2026-03-03 11:00', '2026-03-03 14:00', 90],
    ['within the lunch break', '2026-03-03 12:10', '2026-03-03 13:20', 0],
    ['from outside hours to outside hours', '2026-03-03 07:00', '2026-03-03 21:00', DAY],
    ['over a weekend', '2026-03-06 17:00', '2026-03-09 10:00', 120],
    ['over the Spring Festival, counting both make-up Saturdays', '2026-02-13 09:00', '2026-03-02 09:00', 7 * DAY],
    ['over the 2026 National Day', '2026-09-30 09:00', '2026-10-09 09:00', 2 * DAY],
    ['across the year end', '2025-12-31 09:00', '2026-01-05 09:00', 2 * DAY],
    ['the same instant', '2026-03-03 10:00', '2026-03-03 10:00', 0],
    ['backwards, as overdue time', '2026-03-03 14:00', '2026-03-03 11:00', -90],
  ];
  for (const [name, from, to, minutes] of cases) {
    it(`${name}: ${from} → ${to} = ${minutes} min`, () => {
      assert.equal(businessMinutesBetween(office, cst(from), cst(to)), minutes);
    });
  }

  it('has ms precision', () => {
    assert.equal(businessTimeBetween(office, cst('2026-03-03 11:59') + 59_999, cst('2026-03-03 13:30') + 1), 2);
  });

  it('counts every working day of 2025 and of 2026 the chinese-days package counts', async () => {
    const { isWorkday } = await import('chinese-days');
    for (const year of [2025, 2026]) {
      let workdays = 0;
      for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
        if (isWorkday(new Date(day).toISOString().slice(0, 10))) workdays++;
      }
      assert.equal(businessMinutesBetween(office, cst(`${year}-01-01 00:00`), cst(`${year + 1}-01-01 00:00`)), workdays * DAY, `${year}`);
    }
  });
});

describe('several intervals a day (UTC, 08:00–10:00, 10:30–12:00, 14:00–17:00, Saturday 09:00–12:00)', () => {
  const shifts = compileCalendar(splitShifts);
  const cases: Array<[string, string, number, string]> = [
    ['through two breaks', '2026-04-28T09:00Z', 180, '2026-04-28T14:30Z'],
    ['from the first break', '2026-04-28T10:10Z', 90, '2026-04-28T12:00Z'],
    ['Friday evening to the Saturday morning', '2026-04-24T16:00Z', 120, '2026-04-25T10:00Z'],
    ['over the 1 May holiday (Friday) into Saturday', '2026-04-30T16:30Z', 60, '2026-05-02T09:30Z'],
    ['a make-up Sunday works the Monday hours', '2026-05-09T11:00Z', 300, '2026-05-10T14:30Z'],
  ];
  for (const [name, start, minutes, due] of cases) {
    it(`${name}: ${start} + ${minutes} → ${due}`, () => {
      assert.equal(addBusinessMinutes(shifts, at(start), minutes), at(due));
    });
  }
});

describe('calendar time (24×7)', () => {
  it('adds and subtracts plainly', () => {
    const start = cst('2026-02-16 03:17');
    assert.equal(addBusinessMinutes(ALWAYS_OPEN, start, 90), start + 90 * 60_000);
    assert.equal(businessMinutesBetween(ALWAYS_OPEN, start, start + 3_600_000), 60);
    assert.equal(businessMinutesBetween(ALWAYS_OPEN, start + 3_600_000, start), -60);
    assert.equal(isBusinessTime(ALWAYS_OPEN, start), true);
  });

  it('is what a definition working 00:00–24:00 every day compiles to, whatever the zone', () => {
    const allDay = compileCalendar({ timeZone: 'Europe/Berlin', week: week([['00:00', '24:00']], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), holidays: [], workdays: [] });
    assert.equal(allDay.alwaysOpen, true);
    assert.equal(allDay.timeZone, 'Europe/Berlin');
    const march = at('2026-03-28T22:00Z');
    assert.equal(addBusinessMinutes(allDay, march, 24 * 60), march + 86_400_000);
  });

  it('a 24-hour calendar with a holiday is not always open but adds across midnight without a gap', () => {
    const nearlyAllDay = compileCalendar({ timeZone: 'UTC', week: week([['00:00', '24:00']], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), holidays: ['2026-05-01'], workdays: [] });
    assert.equal(nearlyAllDay.alwaysOpen, false);
    assert.equal(addBusinessMinutes(nearlyAllDay, at('2026-04-29T23:00Z'), 120), at('2026-04-30T01:00Z'));
    assert.equal(addBusinessMinutes(nearlyAllDay, at('2026-04-30T23:00Z'), 120), at('2026-05-02T01:00Z'));
  });
});

describe('pauses', () => {
  const from = cst('2026-03-09 09:00'); // Monday
  const pause = (start: string, end: string | null) => ({ start: cst(start), end: end === null ? null : cst(end) });

  it('subtract the working time they cover', () => {
    assert.equal(businessMinutesBetween(office, from, cst('2026-03-09 18:00'), [pause('2026-03-09 10:00', '2026-03-09 11:00')]), DAY - 60);
  });

  it('that start or end outside working hours only count their working part', () => {
    const to = cst('2026-03-09 12:00');
    const friday = cst('2026-03-06 09:00');
    assert.equal(businessMinutesBetween(office, friday, to), DAY + 180);
    assert.equal(businessMinutesBetween(office, friday, to, [pause('2026-03-08 20:00', '2026-03-09 10:00')]), DAY + 120);
    assert.equal(businessMinutesBetween(office, from, cst('2026-03-09 18:00'), [pause('2026-03-09 12:10', '2026-03-09 13:20')]), DAY);
    assert.equal(businessMinutesBetween(office, from, cst('2026-03-09 18:00'), [pause('2026-03-09 17:00', '2026-03-09 21:00')]), DAY - 60);
  });

  it('still open run until the end of the measured range', () => {
    assert.equal(businessMinutesBetween(office, from, cst('2026-03-09 15:00'), [pause('2026-03-09 11:00', null)]), 120);
    assert.equal(businessMinutesBetween(office, from, cst('2026-03-09 15:00'), [pause('2026-03-09 16:00', null)]), 270);
  });

  it('that overlap count once, in any order; pauses outside the range are ignored', () => {
    const pauses = [pause('2026-03-09 10:30', '2026-03-09 11:00'), pause('2026-03-09 10:00', '2026-03-09 10:45'), pause('2026-03-06 10:00', '2026-03-06 11:00')];
    assert.equal(businessMinutesBetween(office, from, cst('2026-03-09 12:00'), pauses), 120);
    assert.equal(businessMinutesBetween(office, cst('2026-03-09 12:00'), from, pauses), -120);
  });

  it('may not end before they start', () => {
    assert.throws(() => businessMinutesBetween(office, from, cst('2026-03-09 18:00'), [pause('2026-03-09 11:00', '2026-03-09 10:00')]), RangeError);
  });
});

describe('resumeDeadline', () => {
  const due = cst('2026-03-10 10:00'); // Tuesday

  it('moves the due time by the working time left at the pause, counted from the resumption', () => {
    // Paused Monday 17:00 with 120 working minutes left; resumed in Wednesday's lunch break.
    assert.equal(showCst(resumeDeadline(office, due, cst('2026-03-09 17:00'), cst('2026-03-11 12:45'))), '2026-03-11 15:30');
  });

  it('gives the same due time back when resumed outside working hours before it', () => {
    assert.equal(resumeDeadline(office, due, cst('2026-03-09 18:30'), cst('2026-03-10 08:00')), due);
  });

  it('leaves a due time that had passed when the pause began', () => {
    assert.equal(resumeDeadline(office, due, cst('2026-03-10 10:00'), cst('2026-03-12 10:00')), due);
    assert.equal(resumeDeadline(office, due, cst('2026-03-11 09:00'), cst('2026-03-12 10:00')), due);
  });

  it('in calendar time, adds the length of the pause', () => {
    const due24 = cst('2026-03-10 10:00');
    assert.equal(resumeDeadline(ALWAYS_OPEN, due24, due24 - 3_600_000, due24 + 7_200_000), due24 + 3 * 3_600_000);
  });

  it('refuses a resumption before the pause', () => {
    assert.throws(() => resumeDeadline(office, due, cst('2026-03-09 17:00'), cst('2026-03-09 16:00')), RangeError);
  });
});

describe('the cache', () => {
  it('gives the same answers cold as warm, in any order of questions', () => {
    const starts = ['2026-12-30 17:00', '2024-03-01 10:00', '2026-02-14 17:00', '2025-06-30 11:00', '2030-01-01 00:00'];
    const warm = compileCalendar(shanghaiOffice);
    const answers = starts.map((s) => addBusinessTime(warm, cst(s), 40 * DAY * 60_000));
    starts.forEach((s, i) => assert.equal(addBusinessTime(compileCalendar(shanghaiOffice), cst(s), 40 * DAY * 60_000), answers[i]));
    assert.equal(isBusinessTime(warm, cst('2026-03-03 09:00')), true);
    assert.equal(isBusinessTime(warm, cst('2026-03-03 12:00')), false);
  });

  it('serves instants far from today, before 1970 and centuries ahead', () => {
    assert.equal(showCst(addBusinessMinutes(office, cst('1969-12-31 17:00'), 120)), '1970-01-01 10:00');
    const far = compileCalendar({ ...shanghaiOffice, holidays: [], workdays: [] });
    assert.equal(showCst(addBusinessMinutes(far, cst('2400-12-29 17:00'), 120)), '2401-01-01 10:00');
  });
});
