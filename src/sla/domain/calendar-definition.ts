import { fieldIssue, type FieldIssue } from '../../platform/errors.js';
import { DAY_MS, dayNumberOf, isKnownTimeZone, weekdayIndexOf } from './local-time.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A business calendar as an administrator writes it. `week` gives each weekday's working
 * intervals as local ["HH:MM", "HH:MM"] (end exclusive, "24:00" allowed as an end);
 * `holidays` are local YYYY-MM-DD dates without work; `workdays` are make-up workdays (调休),
 * which work the hours of the first of mon..fri that has hours, whatever weekday they fall on.
 * A date may not be in both lists: validation refuses it rather than guess which one wins.
 */
export type CalendarDefinition = {
  timeZone: string;
  week: Record<Weekday, Array<[string, string]>>;
  holidays: string[];
  workdays: string[];
};

/** A calendar definition broken down into numbers, ready to be compiled. */
export interface CalendarPlan {
  timeZone: string;
  /** Per weekday (mon = 0), working intervals as flat [start, end, start, end …] local minutes, sorted. */
  week: number[][];
  /** The hours a make-up workday works (those of the first of mon..fri that has hours). */
  makeUpHours: number[];
  /** Local dates as days since 1970-01-01. */
  holidays: Set<number>;
  workdays: Set<number>;
}

/** Thrown by compileCalendar for a definition that validateCalendarDefinition refuses. */
export class InvalidCalendarError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid business calendar: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

const TIME = /^(\d\d):(\d\d)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Local minutes since midnight for "HH:MM" (00:00–23:59, or 24:00 where `end` allows it), else null. */
export function parseClockTime(text: unknown, end: boolean): number | null {
  const match = typeof text === 'string' ? TIME.exec(text) : null;
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0 && end) return 24 * 60;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** Days since 1970-01-01 for a real calendar date written YYYY-MM-DD, else null. */
export function parseLocalDate(text: unknown): number | null {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = dayNumberOf(year, month, day);
  const check = new Date(dayNumber * DAY_MS);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? dayNumber : null;
}

const formatMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function checkDay(day: Weekday, intervals: unknown, issues: FieldIssue[]): number[] {
  if (!Array.isArray(intervals)) {
    issues.push(fieldIssue(`week.${day}`, 'invalid_format', 'must be a list of ["HH:MM", "HH:MM"] intervals', { format: 'intervals' }));
    return [];
  }
  const parsed: Array<{ start: number; end: number; index: number }> = [];
  intervals.forEach((interval: unknown, index) => {
    const field = `week.${day}.${index}`;
    if (!Array.isArray(interval) || interval.length !== 2) {
      issues.push(fieldIssue(field, 'invalid_format', 'must be a ["HH:MM", "HH:MM"] pair', { format: 'intervals' }));
      return;
    }
    const start = parseClockTime(interval[0], false);
    const end = parseClockTime(interval[1], true);
    if (start === null) issues.push(fieldIssue(`${field}.0`, 'invalid_format', 'must be a time HH:MM from 00:00 to 23:59', { format: 'time' }));
    if (end === null) issues.push(fieldIssue(`${field}.1`, 'invalid_format', 'must be a time HH:MM from 00:01 to 24:00', { format: 'time' }));
    if (start === null || end === null) return;
    if (end <= start) issues.push(fieldIssue(field, 'ends_before_start', 'must end after it starts'));
    else parsed.push({ start, end, index });
  });
  parsed.sort((a, b) => a.start - b.start);
  const flat: number[] = [];
  parsed.forEach((interval, i) => {
    const previous = parsed[i - 1];
    if (previous && interval.start < previous.end) {
      const other = `${formatMinutes(previous.start)}–${formatMinutes(previous.end)}`;
      issues.push(fieldIssue(`week.${day}.${interval.index}`, 'overlaps', `overlaps ${other}`, { other }));
    }
    flat.push(interval.start, interval.end);
  });
  return flat;
}

function checkDates(field: 'holidays' | 'workdays', dates: unknown, issues: FieldIssue[]): Map<number, number> {
  const byDay = new Map<number, number>();
  if (!Array.isArray(dates)) {
    issues.push(fieldIssue(field, 'invalid_format', 'must be a list of YYYY-MM-DD dates', { format: 'dates' }));
    return byDay;
  }
  dates.forEach((text: unknown, index) => {
    const day = parseLocalDate(text);
    if (day === null) issues.push(fieldIssue(`${field}.${index}`, 'invalid_format', 'must be a real date written YYYY-MM-DD', { format: 'date' }));
    else if (byDay.has(day)) issues.push(fieldIssue(`${field}.${index}`, 'duplicate', `repeats ${field}.${byDay.get(day)}`));
    else byDay.set(day, index);
  });
  return byDay;
}

function analyse(def: CalendarDefinition): { issues: FieldIssue[]; plan: CalendarPlan } {
  const issues: FieldIssue[] = [];
  if (typeof def.timeZone !== 'string' || !isKnownTimeZone(def.timeZone)) {
    issues.push(fieldIssue('timeZone', 'invalid_format', 'must be a known IANA time zone such as Asia/Shanghai', { format: 'time_zone' }));
  }
  const week = WEEKDAYS.map((day) => checkDay(day, def.week?.[day], issues));
  if (week.every((hours) => hours.length === 0) && !issues.some((i) => i.field.startsWith('week'))) {
    issues.push(fieldIssue('week', 'no_working_hours', 'has no working hours: at least one weekday needs an interval'));
  }
  const holidays = checkDates('holidays', def.holidays, issues);
  const workdays = checkDates('workdays', def.workdays, issues);
  for (const [day, index] of workdays) {
    if (holidays.has(day)) issues.push(fieldIssue(`workdays.${index}`, 'conflicts', `is also holidays.${holidays.get(day)}`));
  }
  const makeUpHours = week.slice(0, 5).find((hours) => hours.length > 0) ?? [];
  if (workdays.size > 0 && makeUpHours.length === 0) {
    issues.push(fieldIssue('workdays', 'no_working_hours', 'make-up workdays take the hours of the first of mon..fri with hours, and none has any'));
  }
  const plan = { timeZone: def.timeZone, week, makeUpHours, holidays: new Set(holidays.keys()), workdays: new Set(workdays.keys()) };
  if (issues.length === 0) {
    const idle = longestIdleStretch(plan);
    if (idle) {
      const [from, to] = [showDay(idle.from), showDay(idle.to)];
      issues.push(fieldIssue('holidays', 'no_working_day', `leave no working day from ${from} to ${to}: a time limit counted on it could never fall due`, { from, to }));
    }
  }
  return { issues, plan };
}

/** A year without a working day is no calendar a call centre keeps; time limits on it would never fall due. */
const MAX_IDLE_DAYS = 365;

/** The first stretch of more than MAX_IDLE_DAYS days without working hours, which only holidays can make. */
function longestIdleStretch(plan: CalendarPlan): { from: number; to: number } | null {
  if (plan.holidays.size < MAX_IDLE_DAYS / 7) return null;
  const days = [...plan.holidays];
  const last = Math.max(...days);
  let idleFrom: number | null = null;
  for (let day = Math.min(...days); day <= last + 7; day++) {
    if (hoursOfDay(plan, day).length > 0) {
      idleFrom = null;
      continue;
    }
    idleFrom ??= day;
    if (day - idleFrom + 1 > MAX_IDLE_DAYS) {
      let to = day;
      while (hoursOfDay(plan, to + 1).length === 0 && to <= last + 7) to++;
      return { from: idleFrom, to };
    }
  }
  return null;
}

const showDay = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** Every problem with a calendar definition, each with its field path; empty when it is valid. */
export function validateCalendarDefinition(def: CalendarDefinition): FieldIssue[] {
  return analyse(def).issues;
}

/** The numeric form of a valid definition; throws InvalidCalendarError otherwise. */
export function planCalendar(def: CalendarDefinition): CalendarPlan {
  const { issues, plan } = analyse(def);
  if (issues.length > 0) throw new InvalidCalendarError(issues);
  return plan;
}

/** The working intervals of one local date (days since 1970-01-01), as flat local minutes. */
export function hoursOfDay(plan: CalendarPlan, dayNumber: number): number[] {
  if (plan.holidays.has(dayNumber)) return [];
  if (plan.workdays.has(dayNumber)) return plan.makeUpHours;
  return plan.week[weekdayIndexOf(dayNumber)]!;
}
