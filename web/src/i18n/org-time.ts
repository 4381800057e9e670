import dayjs, { type Dayjs } from 'dayjs';
import { useSession } from '../auth/session';

/**
 * Times in the organisation's time zone (GONGDAN_TIME_ZONE, from the session), whatever zone the
 * browser is set to: an agent abroad or a machine left on UTC must read "09:30" as the call
 * centre does, and "tomorrow 09:00" must mean 09:00 where the customer will call back.
 */

/** The zone the console shows times in; the browser's own until the session is known. */
export function useOrgTimeZone(): string {
  const { session } = useSession();
  return session?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

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

/** The instant at which the wall clock in `zone` shows this time (the earlier one where summer time repeats an hour). */
export function instantOf(clock: WallClock, zone: string): number {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = wallClockAt(guess, zone);
    guess += asUtc - Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute);
  }
  return guess;
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
