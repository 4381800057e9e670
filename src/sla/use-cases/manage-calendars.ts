import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { isUniqueViolation } from '../../platform/db/unit-of-work.js';
import { AppError, conflict, fieldIssue, notFound, unprocessable, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { validateCalendarDefinition, WEEKDAYS, type CalendarDefinition } from '../domain/business-calendar.js';
import { ALWAYS_OPEN_CODE, type Calendar } from '../domain/calendar.js';
import { chineseHolidays, chineseHolidayYears, chineseStatutoryHolidays, STATUTORY_YEARS } from '../domain/chinese-holidays.js';

/** A week as the API takes it: a weekday left out has no working hours. */
export type WeekInput = Partial<CalendarDefinition['week']>;

export interface CalendarInput {
  name?: string;
  timeZone?: string;
  week?: WeekInput;
  holidays?: string[];
  workdays?: string[];
  active?: boolean;
}

export interface CreateCalendarInput extends CalendarInput {
  /** Absent: made from the name (ASCII letters and digits), else `cal-<n>`. */
  code?: string;
  name: string;
  week: WeekInput;
}

/** The regions whose public holidays can be imported. */
export const HOLIDAY_REGIONS = ['CN'] as const;

export interface HolidayImport {
  calendar: Calendar;
  /** Dates the import put in each list that were not there before. */
  added: { holidays: number; workdays: number };
  /** `official`: the State Council's arrangement; `statutory`: only the days the law fixes (asked for, before the arrangement is published). */
  arrangement: 'official' | 'statutory';
}

export async function createCalendar(ctx: UseCaseContext, input: CreateCalendarInput): Promise<Calendar> {
  return withCodeCheck(input.code, () =>
    ctx.uow.write(async (repos) => {
      const definition = checkDefinition({
        timeZone: input.timeZone ?? ctx.timeZone,
        week: fullWeek(input.week),
        holidays: input.holidays ?? [],
        workdays: input.workdays ?? [],
      });
      const code = input.code ?? (await generateCode(repos, input.name));
      if (input.code !== undefined && (await repos.calendars.codeExists(input.code))) throw codeTaken(input.code);
      const at = ctx.clock.now().toISOString();
      const calendar: Calendar = {
        id: newId(),
        code,
        name: input.name,
        definition,
        alwaysOpen: false,
        active: input.active ?? true,
        createdAt: at,
        updatedAt: at,
      };
      await repos.calendars.insert(calendar);
      return calendar;
    }),
  );
}

/**
 * Changes what is given; `week`, `holidays` and `workdays` are replaced whole. A change to how
 * the calendar counts hands its running clocks to the sweeper, which moves their due times. The built-in
 * 24×7 calendar may only be renamed: anything that would change how it counts is refused.
 */
export async function updateCalendar(ctx: UseCaseContext, ref: string, input: CalendarInput): Promise<Calendar> {
  return ctx.uow.write(async (repos) => {
    // Locked until the commit: the change is made to the calendar as it is, not as a concurrent change left it.
    const found = await findCalendar(repos, ref, { lock: true });
    const current = found.definition;
    const proposed: CalendarDefinition = {
      timeZone: input.timeZone ?? current.timeZone,
      week: input.week !== undefined ? fullWeek(input.week) : current.week,
      holidays: input.holidays ?? current.holidays,
      workdays: input.workdays ?? current.workdays,
    };
    const active = input.active ?? found.active;
    if (found.alwaysOpen && (!active || !sameDefinition(proposed, current))) throw builtInCalendar();
    const definition = found.alwaysOpen ? current : checkDefinition(proposed);
    const calendar: Calendar = { ...found, name: input.name ?? found.name, definition, active };
    if (calendar.name === found.name && calendar.active === found.active && sameDefinition(definition, current)) return found;
    const updated = { ...calendar, updatedAt: ctx.clock.now().toISOString() };
    await repos.calendars.update(updated);
    if (!sameDefinition(definition, current)) await repos.deadlines.rescheduleOnCalendar(found.id, updated.updatedAt);
    return updated;
  });
}

/**
 * Adds a year's public holidays and make-up workdays (调休) to a calendar. A date the import
 * puts in one list leaves the other, so a hand-entered guess gives way to the official
 * arrangement; dates of other years and other dates of that year stay as they are. Importing
 * the same year again changes nothing.
 */
export async function importHolidays(
  ctx: UseCaseContext,
  ref: string,
  input: { region: string; year: number; statutoryOnly?: boolean },
): Promise<HolidayImport> {
  if (!(HOLIDAY_REGIONS as readonly string[]).includes(input.region)) {
    const message = `only ${HOLIDAY_REGIONS.join(', ')} (mainland China) holidays can be imported`;
    throw unprocessable('holiday_region_unknown', `region: ${message}.`, [fieldIssue('region', 'not_allowed', message)]);
  }
  const statutory = input.statutoryOnly ? chineseStatutoryHolidays(input.year) : null;
  const official = input.statutoryOnly ? (statutory && { holidays: statutory, workdays: [] }) : chineseHolidays(input.year);
  if (official === null) {
    const years = chineseHolidayYears();
    const message = input.statutoryOnly
      ? `the statutory holidays can be computed for ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}`
      : `no holiday arrangement is known for ${input.year}; the known years are ${years[0]}–${years[years.length - 1]}. Send statutoryOnly: true for the days the law fixes (元旦, 春节 除夕–初三, 清明, 劳动节, 端午, 中秋, 国庆), or enter the year by hand under holidays and workdays`;
    throw new AppError(422, 'holiday_year_unknown', `year: ${message}.`, { errors: [fieldIssue('year', 'not_allowed', message)], knownYears: years });
  }
  const arrangement = input.statutoryOnly ? 'statutory' : 'official';
  return ctx.uow.write(async (repos) => {
    // Locked until the commit: two imports (or an import and a PATCH) at once each add to what the other stored.
    const found = await findCalendar(repos, ref, { lock: true });
    if (found.alwaysOpen) throw builtInCalendar();
    const current = found.definition;
    const holidays = new Set(current.holidays);
    const workdays = new Set(current.workdays);
    const added = { holidays: 0, workdays: 0 };
    for (const date of official.holidays) {
      workdays.delete(date);
      if (!holidays.has(date)) added.holidays += 1;
      holidays.add(date);
    }
    for (const date of official.workdays) {
      holidays.delete(date);
      if (!workdays.has(date)) added.workdays += 1;
      workdays.add(date);
    }
    const definition = checkDefinition({ ...current, holidays: [...holidays], workdays: [...workdays] });
    if (sameDefinition(definition, current)) return { calendar: found, added, arrangement };
    const calendar = { ...found, definition, updatedAt: ctx.clock.now().toISOString() };
    await repos.calendars.update(calendar);
    await repos.deadlines.rescheduleOnCalendar(found.id, calendar.updatedAt);
    return { calendar, added, arrangement };
  });
}

/** A calendar by id or code, else 404; `lock` keeps its row locked until the commit (PostgreSQL), for a change. */
export async function findCalendar(repos: Repositories, ref: string, options: { lock?: boolean } = {}): Promise<Calendar> {
  const found = await repos.calendars.findByRef(ref, options.lock ?? false);
  if (!found) throw notFound('Calendar', ref);
  return found;
}

function fullWeek(week: WeekInput): CalendarDefinition['week'] {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, week[day] ?? []])) as CalendarDefinition['week'];
}

/**
 * Validates a definition as the request gave it (so error paths index the request's lists)
 * and answers it with its dates sorted.
 */
function checkDefinition(definition: CalendarDefinition): CalendarDefinition {
  const issues = validateCalendarDefinition(definition);
  if (issues.length > 0) throw invalidCalendar(issues);
  return { ...definition, holidays: [...definition.holidays].sort(), workdays: [...definition.workdays].sort() };
}

/** Whether two definitions count the same way (the order of the dates does not matter). */
function sameDefinition(a: CalendarDefinition, b: CalendarDefinition): boolean {
  const canonical = (d: CalendarDefinition) =>
    JSON.stringify([d.timeZone, WEEKDAYS.map((day) => d.week[day] ?? []), [...d.holidays].sort(), [...d.workdays].sort()]);
  return canonical(a) === canonical(b);
}

const invalidCalendar = (issues: FieldIssue[]) =>
  unprocessable('invalid_calendar', `The calendar is not valid: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, issues);

const builtInCalendar = () =>
  conflict(
    'calendar_built_in',
    `The built-in ${ALWAYS_OPEN_CODE} calendar counts every minute of every day: it may be renamed, but its hours, holidays and time zone cannot be changed and it cannot be deactivated. Create a calendar of your own instead.`,
  );

const codeTaken = (code: string) =>
  conflict('code_taken', `A calendar with the code ${code} already exists.`, { errors: [fieldIssue('code', 'taken', 'is taken')] });

/** Two administrators saving the same new code at once: the loser hears 409, not 500. */
async function withCodeCheck<T>(code: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(code ?? 'generated for it');
    throw error;
  }
}

/** The name's ASCII letters and digits as a slug (`Shanghai office` → `shanghai-office`), else `cal-<n>`; the first free one. */
async function generateCode(repos: Repositories, name: string): Promise<string> {
  const taken = new Set((await repos.calendars.list(true)).map((c) => c.code));
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  if (slug.length > 0 && !taken.has(slug)) return slug;
  const base = slug.length > 0 ? slug : 'cal';
  for (let n = slug.length > 0 ? 2 : 1; ; n++) {
    const code = `${base}-${n}`;
    if (!taken.has(code)) return code;
  }
}
