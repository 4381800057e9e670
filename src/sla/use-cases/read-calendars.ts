import type { UseCaseContext } from '../../app/context.js';
import type { Repositories } from '../../app/repositories.js';
import { fieldIssue, notFound, unprocessable } from '../../platform/errors.js';
import { addBusinessMinutes, businessMinutesBetween } from '../domain/business-calendar.js';
import type { Calendar } from '../domain/calendar.js';
import { MINUTE_MS, ZoneOffsets } from '../domain/local-time.js';
import { findCalendar } from './manage-calendars.js';

/** A calendar as other resources show it. */
export interface CalendarRef {
  id: string;
  code: string;
  name: string;
}

export interface DuePreview {
  /** ISO 8601 with the calendar's UTC offset at that instant, e.g. 2026-11-23T10:30:00+08:00. */
  due: string;
  businessMinutes: number;
  timeZone: string;
}

export function listCalendars(ctx: UseCaseContext, includeInactive: boolean): Promise<Calendar[]> {
  return ctx.uow.read((repos) => repos.calendars.list(includeInactive));
}

/** One calendar by id or code, deactivated ones too. */
export function getCalendar(ctx: UseCaseContext, ref: string): Promise<Calendar> {
  return ctx.uow.read((repos) => findCalendar(repos, ref));
}

/**
 * When `minutes` of working time from `start` run out on the calendar: the very computation
 * deadlines make, on the calendar compiled in the process's reference snapshot.
 */
export function previewDue(ctx: UseCaseContext, ref: string, input: { start: string; minutes: number }): Promise<DuePreview> {
  return ctx.uow.read(async (repos) => {
    const { calendar, compiled } = await compiledCalendar(repos, ref);
    const due = outOfRange(() => addBusinessMinutes(compiled, Date.parse(input.start), input.minutes));
    if (due > LAST_INSTANT) throw tooLate();
    return { due: formatInZone(due, calendar.definition.timeZone), businessMinutes: input.minutes, timeZone: calendar.definition.timeZone };
  });
}

/** Working minutes from `from` to `to` on the calendar; negative when `to` is earlier. */
export function previewBetween(ctx: UseCaseContext, ref: string, input: { from: string; to: string }): Promise<{ minutes: number }> {
  return ctx.uow.read(async (repos) => {
    const { compiled } = await compiledCalendar(repos, ref);
    return { minutes: businessMinutesBetween(compiled, Date.parse(input.from), Date.parse(input.to)) };
  });
}

async function compiledCalendar(repos: Repositories, ref: string) {
  const registry = (await repos.reference()).calendars;
  const calendar = registry.find(ref);
  if (!calendar) throw notFound('Calendar', ref);
  return { calendar, compiled: registry.compile(calendar.id) };
}

/** 9999-12-31T23:59:59.999Z: the last instant ISO 8601 writes with a four-digit year. */
const LAST_INSTANT = 253_402_300_799_999;

const tooLate = () => {
  const message = 'the due time would fall after the year 9999';
  return unprocessable('due_out_of_range', `minutes: ${message}.`, [fieldIssue('minutes', 'too_far', message)]);
};

function outOfRange(compute: () => number): number {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw tooLate();
    throw error;
  }
}

const zones = new Map<string, ZoneOffsets>();

/**
 * An instant as ISO 8601 local time with the zone's offset then in force
 * (2026-11-23T10:30:00+08:00; milliseconds only when there are some). An offset with seconds
 * (local mean time before about 1900) cannot be written so; the instant is then given in UTC.
 */
export function formatInZone(ms: number, timeZone: string): string {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = new ZoneOffsets(timeZone)));
  const offset = zone.offsetAt(ms);
  if (offset % MINUTE_MS !== 0) return new Date(ms).toISOString();
  const local = new Date(ms + offset).toISOString();
  const clock = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  const minutes = Math.abs(offset) / MINUTE_MS;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${clock}${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
