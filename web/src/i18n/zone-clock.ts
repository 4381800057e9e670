import dayjs, { type Dayjs } from 'dayjs';

/**
 * Wall clocks in a named time zone, for the organisation's zone (org-time.ts): pure functions
 * over Intl, with no React, so that they can be tested on their own.
 */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, in en-US (whose data every browser carries: no locale to load). */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock in `zone` at an instant. */
export function wallClockAt(ms: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(ms))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

/** The instant at which the wall clock in `zone` shows this time (the later one where summer time ends and repeats an hour). */
export function instantOf(clock: WallClock, zone: string): number {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = wallClockAt(guess, zone);
    guess += asUtc - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
  }
  return guess;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A form's `YYYY-MM-DDTHH:mm` (a datetime-local input) as the instant it means in `zone`; null when it is not one. */
export function localInputToIso(text: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return new Date(instantOf({ year, month, day, hour, minute }, zone)).toISOString();
}

/** An instant as a datetime-local input shows it in `zone`. */
export function isoToLocalInput(iso: string, zone: string): string {
  const c = wallClockAt(Date.parse(iso), zone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/**
 * A date picker works in the browser's zone; it is given the organisation's wall clock as if it
 * were local, so that it shows and offers the organisation's times, and read back the same way.
 */
export function toPickerValue(ms: number, zone: string): Dayjs {
  const c = wallClockAt(ms, zone);
  return dayjs(new Date(c.year, c.month - 1, c.day, c.hour, c.minute));
}

/** The instant a picker's value means in the organisation's zone. */
export function fromPickerValue(value: Dayjs, zone: string): number {
  return instantOf({ year: value.year(), month: value.month() + 1, day: value.date(), hour: value.hour(), minute: value.minute() }, zone);
}
