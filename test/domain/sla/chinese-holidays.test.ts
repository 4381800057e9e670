import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chineseHolidays, chineseHolidayYears, chineseStatutoryHolidays } from '../../../src/sla/domain/chinese-holidays.js';

const range = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let day = Date.parse(`${from}T00:00Z`); day <= Date.parse(`${to}T00:00Z`); day += 86_400_000) dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
};

describe('chineseHolidays', () => {
  it('gives 2025: Spring Festival 01-28..02-04 with make-up 01-26 and 02-08, National Day and Mid-Autumn 10-01..08 with 09-28 and 10-11', () => {
    const y2025 = chineseHolidays(2025);
    assert.ok(y2025);
    for (const date of [...range('2025-01-28', '2025-02-04'), ...range('2025-10-01', '2025-10-08'), '2025-01-01', ...range('2025-05-01', '2025-05-05')]) {
      assert.ok(y2025.holidays.includes(date), date);
    }
    assert.deepEqual(y2025.workdays, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    assert.equal(y2025.holidays.length, 28);
  });

  it('gives 2026: New Year 01-01..03 with 01-04, Spring Festival 02-15..23 with 02-14 and 02-28, National Day 10-01..07 with 09-20 and 10-10', () => {
    const y2026 = chineseHolidays(2026);
    assert.ok(y2026);
    for (const date of [...range('2026-01-01', '2026-01-03'), ...range('2026-02-15', '2026-02-23'), ...range('2026-09-25', '2026-09-27'), ...range('2026-10-01', '2026-10-07')]) {
      assert.ok(y2026.holidays.includes(date), date);
    }
    assert.deepEqual(y2026.workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    assert.ok(!y2026.holidays.includes('2026-02-24'));
  });

  it('lists dates in order, within the year, never both holiday and workday, make-up days all on weekends', () => {
    for (const year of chineseHolidayYears()) {
      const data = chineseHolidays(year)!;
      for (const list of [data.holidays, data.workdays]) {
        assert.deepEqual(list, [...list].sort());
        assert.ok(list.every((date) => date.startsWith(`${year}-`)));
      }
      assert.ok(data.workdays.every((date) => !data.holidays.includes(date)), `${year}`);
      assert.ok(data.workdays.every((date) => [0, 6].includes(new Date(`${date}T00:00Z`).getUTCDay())), `${year}`);
    }
  });

  it('says null for years the package has no arrangement for', () => {
    assert.ok(chineseHolidayYears().includes(2004));
    assert.ok(chineseHolidayYears().includes(2026));
    const last = chineseHolidayYears().at(-1)!;
    assert.equal(chineseHolidays(last + 1), null);
    assert.equal(chineseHolidays(2003), null);
    assert.equal(chineseHolidays(Number.NaN), null);
  });

  it('hands out copies, so a caller cannot change what others get', () => {
    chineseHolidays(2026)!.holidays.push('2026-12-31');
    assert.ok(!chineseHolidays(2026)!.holidays.includes('2026-12-31'));
  });
});

describe('chineseStatutoryHolidays', () => {
  it('computes the days the law fixes, each of them a holiday in the official 2025 and 2026 arrangements', () => {
    for (const year of [2025, 2026]) {
      const statutory = chineseStatutoryHolidays(year)!;
      assert.equal(statutory.length, 13);
      const official = new Set(chineseHolidays(year)!.holidays);
      assert.deepEqual(statutory.filter((d) => !official.has(d)), [], `${year}`);
    }
  });

  it('gives 2027 from the lunar calendar: 除夕 02-05 to 初三 02-08, 清明 04-05, 端午 06-09, 中秋 09-15', () => {
    assert.deepEqual(chineseStatutoryHolidays(2027), [
      '2027-01-01',
      ...range('2027-02-05', '2027-02-08'),
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      ...range('2027-10-01', '2027-10-03'),
    ]);
  });

  it('knows no year before the law in force or past the lunar tables it relies on', () => {
    assert.equal(chineseStatutoryHolidays(2024), null);
    assert.equal(chineseStatutoryHolidays(2100), null);
  });
});
