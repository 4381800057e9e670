/**
 * Wall-clock ↔ instant arithmetic for one IANA time zone. Local times are handled as
 * "local milliseconds": the milliseconds since 1970-01-01T00:00 on the zone's wall clock, so
 * a local date is `Math.floor(localMs / DAY_MS)`. Only calendar compilation and cache filling
 * use this module; Intl is far too slow for the per-call path.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12), valid for years 0–9999 too. */
export function dayNumberOf(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  return Math.floor(new Date(0).setUTCFullYear(year, month - 1, day) / DAY_MS);
}

/** Monday = 0 … Sunday = 6 for a day number (1970-01-01 was a Thursday). */
export function weekdayIndexOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Whether Intl knows the zone by this name; offset strings such as "+08:00" are refused. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const OFFSET = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;

/**
 * Offsets of one zone, read from Intl and remembered per instant asked. Before 1900 zones
 * have local mean time offsets with seconds, which the longOffset format carries.
 */
export class ZoneOffsets {
  private readonly format: Intl.DateTimeFormat;
  private readonly memo = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  }

  /** The zone's offset from UTC (local − UTC, ms) in force at an instant. */
  offsetAt(utcMs: number): number {
    const known = this.memo.get(utcMs);
    if (known !== undefined) return known;
    // Intl refuses instants past ±8.64e15 ms; the offset there is the one at the edge.
    const name = this.format.formatToParts(Math.min(Math.max(utcMs, -8.64e15), 8.64e15)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const match = OFFSET.exec(name);
    if (!match) throw new Error(`Unexpected offset ${JSON.stringify(name)} from Intl for ${this.timeZone}`);
    const sign = match[1] === '-' ? -1 : 1;
    const offset = match[1] ? sign * (Number(match[2]) * HOUR_MS + Number(match[3]) * MINUTE_MS + Number(match[4] ?? 0) * 1000) : 0;
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(utcMs, offset);
    return offset;
  }

  /**
   * The offset that holds for the whole local day (days since 1970-01-01), or null when it
   * changes on or next to that day. Assumes no zone changes its offset twice within three days.
   */
  steadyOffsetOn(dayNumber: number): number | null {
    const before = this.offsetAt((dayNumber - 1) * DAY_MS);
    return before === this.offsetAt((dayNumber + 2) * DAY_MS) ? before : null;
  }

  /**
   * The instant a wall-clock time maps to, following RFC 5545 (and Temporal's "compatible"):
   * a time skipped by a spring-forward gap is read with the offset in force before the gap, so
   * it lands as much later as the gap is long (02:30 in Berlin's March gap → 03:30 CEST); a
   * time repeated when clocks go back means its first occurrence (the summer-time one).
   */
  toUtc(localMs: number): number {
    const before = this.offsetAt(localMs - DAY_MS);
    const after = this.offsetAt(localMs + DAY_MS);
    if (before === after) return localMs - before;
    const early = localMs - before;
    const late = localMs - after;
    const earlyHolds = this.offsetAt(early) === before;
    const lateHolds = this.offsetAt(late) === after;
    if (earlyHolds && lateHolds) return Math.min(early, late);
    if (lateHolds) return late;
    return early;
  }
}
