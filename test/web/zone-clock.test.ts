import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromPickerValue, instantOf, isoToLocalInput, localInputToIso, toPickerValue, wallClockAt } from '../../web/src/i18n/zone-clock.js';

/*
 * The console's times in the organisation's zone, whatever zone the browser is in (the test
 * process runs in UTC, like a browser left on UTC). Shanghai has no summer time; Berlin's
 * changes show the hour that does not exist and the hour that happens twice.
 */
describe('wall clocks in the organisation’s zone', () => {
  it('reads an instant as Shanghai’s wall clock, a day ahead of UTC in the evening', () => {
    assert.deepEqual(wallClockAt(Date.parse('2026-11-24T17:30:00Z'), 'Asia/Shanghai'), { year: 2026, month: 11, day: 25, hour: 1, minute: 30 });
  });

  it('turns a typed date-time into the instant it means there, and back', () => {
    assert.equal(localInputToIso('2026-11-25T09:00', 'Asia/Shanghai'), '2026-11-25T01:00:00.000Z');
    assert.equal(isoToLocalInput('2026-11-25T01:00:00.000Z', 'Asia/Shanghai'), '2026-11-25T09:00');
    assert.equal(localInputToIso('not a time', 'Asia/Shanghai'), null);
  });

  it('crosses summer time: 09:00 in Berlin is 07:00 UTC after the March change, 08:00 in winter', () => {
    assert.equal(localInputToIso('2026-03-30T09:00', 'Europe/Berlin'), '2026-03-30T07:00:00.000Z');
    assert.equal(localInputToIso('2026-01-15T09:00', 'Europe/Berlin'), '2026-01-15T08:00:00.000Z');
    // 02:30 happens twice on 25 October in Berlin: the second one, in winter time, is taken.
    assert.equal(new Date(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toISOString(), '2026-10-25T01:30:00.000Z');
  });

  it('hands a date picker the organisation’s wall clock and reads its choice back as that zone’s time', () => {
    const picked = toPickerValue(Date.parse('2026-11-24T22:06:00Z'), 'Asia/Shanghai');
    assert.deepEqual([picked.date(), picked.hour(), picked.minute()], [25, 6, 6], 'the picker shows 06:06 on the 25th, as in Shanghai');
    // 明天 09:00 from there: nine in the morning in Shanghai, 01:00 UTC.
    const tomorrowNine = picked.add(1, 'day').hour(9).minute(0);
    assert.equal(new Date(fromPickerValue(tomorrowNine, 'Asia/Shanghai')).toISOString(), '2026-11-26T01:00:00.000Z');
  });
});
