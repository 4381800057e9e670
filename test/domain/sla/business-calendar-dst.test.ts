import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBusinessMinutes, businessMinutesBetween, compileCalendar, type CalendarDefinition } from '../../../src/sla/domain/business-calendar.js';
import { at, berlinNights, berlinOffice, newYorkOffice, week } from './calendars.js';

const minutesOn = (def: CalendarDefinition, fromIso: string, toIso: string) => businessMinutesBetween(compileCalendar(def), at(fromIso), at(toIso));

describe('Europe/Berlin office hours 09:00–17:00 around the clock changes', () => {
  const office = compileCalendar(berlinOffice);
  const cases: Array<[string, string, number, string]> = [
    ['over the March change (Sunday 29 March 2026)', '2026-03-27T16:00+01:00', 120, '2026-03-30T10:00+02:00'],
    ['over the October change (Sunday 25 October 2026)', '2026-10-23T16:00+02:00', 120, '2026-10-26T10:00+01:00'],
    ['a full week spanning the March change', '2026-03-23T09:00+01:00', 5 * 480, '2026-03-27T17:00+01:00'],
  ];
  for (const [name, start, minutes, due] of cases) {
    it(`${name}: ${start} + ${minutes} → ${due}`, () => {
      assert.equal(addBusinessMinutes(office, at(start), minutes), at(due));
    });
  }

  it('counts local working days, not elapsed hours, across both changes', () => {
    assert.equal(minutesOn(berlinOffice, '2026-03-27T09:00+01:00', '2026-03-30T17:00+02:00'), 960);
    assert.equal(minutesOn(berlinOffice, '2026-10-23T09:00+02:00', '2026-10-26T17:00+01:00'), 960);
  });
});

describe('Europe/Berlin night work 01:00–04:00 every day, spanning the hour the clocks change', () => {
  const nights = compileCalendar(berlinNights);

  it('has three hours on an ordinary night, two when clocks go forward, four when they go back', () => {
    assert.equal(minutesOn(berlinNights, '2026-03-22T00:00+01:00', '2026-03-23T00:00+01:00'), 180);
    assert.equal(minutesOn(berlinNights, '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00'), 120);
    assert.equal(minutesOn(berlinNights, '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00'), 240);
  });

  it('adds across the skipped hour: 01:00 CET + 90 min is 03:30 CEST', () => {
    assert.equal(addBusinessMinutes(nights, at('2026-03-29T00:30+01:00'), 90), at('2026-03-29T03:30+02:00'));
  });

  it('adds across the repeated hour: 01:00 CEST + 150 min is the second 02:30 (CET)', () => {
    assert.equal(addBusinessMinutes(nights, at('2026-10-25T01:00+02:00'), 150), at('2026-10-25T02:30+01:00'));
    assert.equal(addBusinessMinutes(nights, at('2026-10-25T01:00+02:00'), 240), at('2026-10-25T04:00+01:00'));
  });
});

describe('Europe/Berlin: hours that begin or end at a wall time that does not exist or happens twice', () => {
  const sundays = (hours: Array<[string, string]>): CalendarDefinition => ({ timeZone: 'Europe/Berlin', week: week(hours, ['sun']), holidays: [], workdays: [] });

  it('reads a skipped time with the offset before the gap (RFC 5545): 02:30 on 29 March is 03:30 CEST', () => {
    const cal = compileCalendar(sundays([['02:30', '05:00']]));
    assert.equal(addBusinessMinutes(cal, at('2026-03-29T00:00+01:00'), 1), at('2026-03-29T03:31+02:00'));
    assert.equal(minutesOn(sundays([['02:30', '05:00']]), '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00'), 90);
  });

  it('keeps the length of an interval wholly inside the gap, and drops one that comes out reversed', () => {
    assert.equal(minutesOn(sundays([['02:15', '02:45']]), '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00'), 30);
    assert.equal(minutesOn(sundays([['02:30', '03:00']]), '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00'), 0);
    assert.equal(minutesOn(sundays([['02:30', '03:00']]), '2026-03-22T00:00+01:00', '2026-03-23T00:00+01:00'), 30);
  });

  it('merges intervals that the gap makes overlap', () => {
    // 02:00–02:45 becomes 03:00–03:45 CEST, inside 03:00–04:00.
    assert.equal(minutesOn(sundays([['02:00', '02:45'], ['03:00', '04:00']]), '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00'), 60);
  });

  it('takes the first occurrence of a repeated time: 02:30 on 25 October is 02:30 CEST', () => {
    const cal = compileCalendar(sundays([['02:30', '03:30']]));
    assert.equal(addBusinessMinutes(cal, at('2026-10-25T00:00+02:00'), 1), at('2026-10-25T02:31+02:00'));
    assert.equal(minutesOn(sundays([['02:30', '03:30']]), '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00'), 120);
    assert.equal(minutesOn(sundays([['00:00', '02:30']]), '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00'), 150);
  });
});

describe('America/New_York (clocks change 8 March and 1 November 2026 at 02:00)', () => {
  const office = compileCalendar(newYorkOffice);
  const cases: Array<[string, string, number, string]> = [
    ['Friday into the Sunday shift', '2026-03-06T16:00-05:00', 120, '2026-03-08T01:00-05:00'],
    ['Friday to Monday over the March change (5 h Sunday shift)', '2026-03-06T16:00-05:00', 60 + 300 + 60, '2026-03-09T10:00-04:00'],
    ['Friday to Monday over the November change (7 h Sunday shift)', '2026-10-30T16:00-04:00', 60 + 420 + 60, '2026-11-02T10:00-05:00'],
    ['into the first 01:00 of 1 November', '2026-10-30T16:00-04:00', 120, '2026-11-01T01:00-04:00'],
    ['over Thanksgiving', '2026-11-25T16:30-05:00', 60, '2026-11-27T09:30-05:00'],
  ];
  for (const [name, start, minutes, due] of cases) {
    it(`${name}: ${start} + ${minutes} → ${due}`, () => {
      assert.equal(addBusinessMinutes(office, at(start), minutes), at(due));
    });
  }

  it('works the Sunday night shift 00:00–06:00 as five hours in March and seven in November', () => {
    assert.equal(minutesOn(newYorkOffice, '2026-03-08T00:00-05:00', '2026-03-08T12:00-04:00'), 300);
    assert.equal(minutesOn(newYorkOffice, '2026-11-01T00:00-04:00', '2026-11-01T12:00-05:00'), 420);
    assert.equal(addBusinessMinutes(office, at('2026-03-07T12:00-05:00'), 150), at('2026-03-08T03:30-04:00'));
  });
});
