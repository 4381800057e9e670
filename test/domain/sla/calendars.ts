import { chineseHolidays } from '../../../src/sla/domain/chinese-holidays.js';
import type { CalendarDefinition, Weekday } from '../../../src/sla/domain/business-calendar.js';

/** Working hours for the given weekdays (the others get none). */
export function week(hours: Array<[string, string]>, days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']): CalendarDefinition['week'] {
  const all: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return Object.fromEntries(all.map((day) => [day, days.includes(day) ? hours : []])) as CalendarDefinition['week'];
}

function chinaYears(...years: number[]): { holidays: string[]; workdays: string[] } {
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (const year of years) {
    const data = chineseHolidays(year);
    if (!data) throw new Error(`no holiday data for ${year}`);
    holidays.push(...data.holidays);
    workdays.push(...data.workdays);
  }
  return { holidays, workdays };
}

/** The reference call centre: Shanghai, 09:00–12:00 and 13:30–18:00 on workdays, with Chinese holidays. */
export const shanghaiOffice: CalendarDefinition = {
  timeZone: 'Asia/Shanghai',
  week: week([
    ['09:00', '12:00'],
    ['13:30', '18:00'],
  ]),
  ...chinaYears(2024, 2025, 2026),
};

export const berlinOffice: CalendarDefinition = { timeZone: 'Europe/Berlin', week: week([['09:00', '17:00']]), holidays: [], workdays: [] };

/** Night work every day across the hour the clocks change in Europe (02:00–03:00 local). */
export const berlinNights: CalendarDefinition = {
  timeZone: 'Europe/Berlin',
  week: week([['01:00', '04:00']], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  holidays: [],
  workdays: [],
};

export const newYorkOffice: CalendarDefinition = {
  timeZone: 'America/New_York',
  week: { ...week([['09:00', '17:00']]), sun: [['00:00', '06:00']] },
  holidays: ['2026-07-03', '2026-11-26', '2026-12-25'],
  workdays: [],
};

/** Three intervals a weekday and a Saturday morning, in UTC. */
export const splitShifts: CalendarDefinition = {
  timeZone: 'UTC',
  week: {
    ...week([
      ['08:00', '10:00'],
      ['10:30', '12:00'],
      ['14:00', '17:00'],
    ]),
    sat: [['09:00', '12:00']],
  },
  holidays: ['2026-05-01'],
  workdays: ['2026-05-10'],
};

/** Epoch ms of a wall-clock time written with its offset, e.g. at('2026-03-29T03:30+02:00'). */
export const at = (isoWithOffset: string): number => {
  const ms = Date.parse(isoWithOffset);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${isoWithOffset}`);
  return ms;
};

/** Epoch ms of a Shanghai wall-clock time 'YYYY-MM-DD HH:MM'. */
export const cst = (local: string): number => at(`${local.replace(' ', 'T')}+08:00`);

/** A Shanghai wall-clock time 'YYYY-MM-DD HH:MM' (seconds shown only when not zero). */
export const showCst = (ms: number): string => {
  const iso = new Date(ms + 8 * 3_600_000).toISOString();
  const seconds = iso.slice(16, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === ':00.000' ? '' : seconds}`;
};
