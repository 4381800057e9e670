import { WEEKDAYS, type Week, type Weekday } from '../../../api/admin-calendars';

/** Working hours as the form holds them: per weekday a list of from/to pairs. */
export type WeekValues = Record<Weekday, Array<{ from: string; to: string }>>;

/** "HH:MM", and "24:00" to end a day (the server's rule, validateCalendarDefinition). */
export const TIME_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function toWeekValues(week: Week): WeekValues {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, (week[day] ?? []).map(([from, to]) => ({ from, to }))])) as WeekValues;
}

export function toWeek(values: WeekValues): Week {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, (values[day] ?? []).map(({ from, to }) => [from, to])])) as Week;
}

/** A new calendar starts as office hours: Monday to Friday, 09:00–12:00 and 13:00–18:00. */
export const OFFICE_WEEK: Week = {
  mon: [['09:00', '12:00'], ['13:00', '18:00']],
  tue: [['09:00', '12:00'], ['13:00', '18:00']],
  wed: [['09:00', '12:00'], ['13:00', '18:00']],
  thu: [['09:00', '12:00'], ['13:00', '18:00']],
  fri: [['09:00', '12:00'], ['13:00', '18:00']],
  sat: [],
  sun: [],
};

/** The IANA zones the browser knows, for the time-zone picker. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Asia/Shanghai', 'UTC'];
}
