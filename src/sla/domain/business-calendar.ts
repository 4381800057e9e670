import { hoursOfDay, planCalendar, type CalendarDefinition, type CalendarPlan } from './calendar-definition.js';
import { DAY_MS, MINUTE_MS, ZoneOffsets } from './local-time.js';

export { InvalidCalendarError, validateCalendarDefinition, WEEKDAYS } from './calendar-definition.js';
export type { CalendarDefinition, Weekday } from './calendar-definition.js';

/**
 * Working time is cached in spans of 52 weeks of UTC time. A span holds its working
 * intervals as UTC epoch ms (clipped to the span) with the cumulative working time at each
 * interval's end, plus hourly lookup tables, so add and between are a few array reads and no
 * wall-clock maths: the time zone (DST included, see ZoneOffsets.toUtc) is applied once, when
 * a span is filled.
 */
const SPAN_MS = 364 * DAY_MS;
const MAX_INSTANT = 8.64e15;
/** Cached spans per calendar: about 60 kB each; the oldest is dropped past this. */
const MAX_CACHED_SPANS = 64;
/** A stretch this many spans long (~8 years) without working time means there is none left. */
const MAX_IDLE_SPANS = 8;

/** Granularity of the per-span lookup tables: a lookup then scans at most the intervals of one hour. */
const BUCKET_MS = 3_600_000;

interface Span {
  from: number;
  starts: Float64Array;
  ends: Float64Array;
  /** Working ms from the span's start to the start and to the end of each interval. */
  before: Float64Array;
  through: Float64Array;
  total: number;
  /** Per hour of the span: the first interval ending after the hour starts. */
  byClock: Int32Array;
  /** Per hour of working time: the first interval whose cumulative end reaches it. */
  byWork: Int32Array;
}

/** A pause of the clock; `end` null means the pause is still running. */
export interface Pause {
  start: number;
  end: number | null;
}

/** A compiled calendar: answers time-limit questions from a per-span cache of UTC intervals. */
export class BusinessCalendar {
  private readonly spans = new Map<number, Span>();
  private lastIndex = Number.NaN;
  private lastSpan: Span | undefined;
  private readonly zone: ZoneOffsets | null;

  /** `plan` null means always open: business time is plain elapsed time. */
  constructor(
    private readonly plan: CalendarPlan | null,
    readonly timeZone = plan?.timeZone ?? 'UTC',
  ) {
    this.zone = plan ? new ZoneOffsets(plan.timeZone) : null;
  }

  get alwaysOpen(): boolean {
    return this.plan === null;
  }

  /** The instant after `durationMs` of working time from `startMs` (see addBusinessTime). */
  add(startMs: number, durationMs: number): number {
    checkInstant(startMs, 'start');
    if (!(durationMs >= 0) || durationMs === Infinity) throw new RangeError(`duration must be a finite number ≥ 0, got ${durationMs}`);
    if (this.plan === null) return checkInstant(startMs + durationMs, 'the result');
    if (durationMs === 0) return startMs;
    let index = Math.floor(startMs / SPAN_MS);
    let span = this.span(index);
    let target = positionIn(span, startMs) + durationMs;
    let idle = 0;
    while (target > span.total) {
      target -= span.total;
      idle = span.total > 0 ? 0 : idle + 1;
      index += 1;
      if (idle >= MAX_IDLE_SPANS || index * SPAN_MS > MAX_INSTANT) {
        throw new RangeError(`no working time left after ${new Date(startMs).toISOString()} to add ${durationMs} ms to`);
      }
      span = this.span(index);
    }
    const through = span.through;
    let j = span.byWork[Math.floor(target / BUCKET_MS)]!;
    while (through[j]! < target) j++;
    return span.ends[j]! - (through[j]! - target);
  }

  /** Working ms from `fromMs` to `toMs`, negative when `toMs` is earlier (see businessTimeBetween). */
  between(fromMs: number, toMs: number): number {
    checkInstant(fromMs, 'from');
    checkInstant(toMs, 'to');
    if (this.plan === null) return toMs - fromMs;
    if (toMs < fromMs) return 0 - this.between(toMs, fromMs); // 0 - x, not -x: no -0 for an empty stretch
    const first = Math.floor(fromMs / SPAN_MS);
    const last = Math.floor(toMs / SPAN_MS);
    const fromSpan = this.span(first);
    if (first === last) return positionIn(fromSpan, toMs) - positionIn(fromSpan, fromMs);
    let sum = fromSpan.total - positionIn(fromSpan, fromMs);
    for (let index = first + 1; index < last; index++) sum += this.span(index).total;
    return sum + positionIn(this.span(last), toMs);
  }

  /** Whether work is going on at the instant (interval starts included, ends excluded). */
  isWorking(atMs: number): boolean {
    checkInstant(atMs, 'instant');
    if (this.plan === null) return true;
    const span = this.span(Math.floor(atMs / SPAN_MS));
    const i = firstEndingAfter(span, atMs);
    return i < span.ends.length && span.starts[i]! <= atMs;
  }

  private span(index: number): Span {
    if (index === this.lastIndex) return this.lastSpan!;
    let span = this.spans.get(index);
    if (span === undefined) {
      span = this.fill(index);
      if (this.spans.size >= MAX_CACHED_SPANS) this.spans.delete(this.spans.keys().next().value!);
      this.spans.set(index, span);
    }
    this.lastIndex = index;
    this.lastSpan = span;
    return span;
  }

  /** The only place wall-clock maths happens: each local date's hours, converted to UTC. */
  private fill(index: number): Span {
    const plan = this.plan!;
    const zone = this.zone!;
    const from = index * SPAN_MS;
    const to = from + SPAN_MS;
    const raw: Array<[number, number]> = [];
    // A local date's hours lie within about ±15 h of its UTC date (offsets, DST): a margin of days covers them.
    for (let day = Math.floor(from / DAY_MS) - 2; day <= Math.floor(to / DAY_MS) + 1; day++) {
      const hours = hoursOfDay(plan, day);
      if (hours.length === 0) continue;
      const offset = zone.steadyOffsetOn(day);
      const toUtc = (minute: number) => {
        const local = day * DAY_MS + minute * MINUTE_MS;
        return offset === null ? zone.toUtc(local) : local - offset;
      };
      for (let i = 0; i < hours.length; i += 2) {
        const start = Math.max(toUtc(hours[i]!), from);
        const end = Math.min(toUtc(hours[i + 1]!), to);
        if (end > start) raw.push([start, end]);
      }
    }
    // Conversion around a DST gap can reorder or overlap intervals; a sort and a merge undo that.
    raw.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const interval of raw) {
      const previous = merged[merged.length - 1];
      if (previous && interval[0] <= previous[1]) previous[1] = Math.max(previous[1], interval[1]);
      else merged.push(interval);
    }
    const span: Span = {
      from,
      byClock: new Int32Array(SPAN_MS / BUCKET_MS + 1),
      byWork: new Int32Array(0),
      starts: new Float64Array(merged.length),
      ends: new Float64Array(merged.length),
      before: new Float64Array(merged.length),
      through: new Float64Array(merged.length),
      total: 0,
    };
    merged.forEach(([start, end], i) => {
      span.starts[i] = start;
      span.ends[i] = end;
      span.before[i] = span.total;
      span.total += end - start;
      span.through[i] = span.total;
    });
    for (let b = 0, i = 0; b < span.byClock.length; b++) {
      while (i < merged.length && span.ends[i]! <= from + b * BUCKET_MS) i++;
      span.byClock[b] = i;
    }
    span.byWork = new Int32Array(Math.floor(span.total / BUCKET_MS) + 1);
    for (let q = 0, j = 0; q < span.byWork.length; q++) {
      while (j < merged.length && span.through[j]! < q * BUCKET_MS) j++;
      span.byWork[q] = j;
    }
    return span;
  }
}

function checkInstant(ms: number, what: string): number {
  if (!(ms >= -MAX_INSTANT && ms <= MAX_INSTANT)) throw new RangeError(`${what} must be an instant in epoch ms, got ${ms}`);
  return ms;
}

function firstEndingAfter(span: Span, atMs: number): number {
  const ends = span.ends;
  let i = span.byClock[Math.floor((atMs - span.from) / BUCKET_MS)]!;
  while (i < ends.length && ends[i]! <= atMs) i++;
  return i;
}

/** Working ms from the span's start to the instant. */
function positionIn(span: Span, atMs: number): number {
  const i = firstEndingAfter(span, atMs);
  if (i === span.ends.length) return span.total;
  const into = atMs - span.starts[i]!;
  return into > 0 ? span.before[i]! + into : span.before[i]!;
}

/** Compiles a definition (throws InvalidCalendarError if invalid); its cache fills lazily per 52 weeks. */
export function compileCalendar(def: CalendarDefinition): BusinessCalendar {
  const plan = planCalendar(def);
  const roundTheClock = plan.week.every((hours) => hours.length === 2 && hours[0] === 0 && hours[1] === 24 * 60);
  // Every local day worked 00:00–24:00 covers every instant, whatever the zone's DST does.
  return roundTheClock && plan.holidays.size === 0 ? new BusinessCalendar(null, plan.timeZone) : new BusinessCalendar(plan);
}

/** Calendar time, for limits that run day and night: adding is plain addition. */
export const ALWAYS_OPEN = new BusinessCalendar(null);

/**
 * The instant after `durationMs` of working time from `startMs`. Counting starts at the next
 * working moment when `startMs` is outside working hours; a result at an interval boundary is
 * the end of the earlier interval (3 h from 09:00 is 12:00, not 13:30); 0 returns `startMs`
 * unchanged, even outside working hours, so a zero limit is due at once. Throws RangeError
 * for a negative or non-finite duration, or when eight years pass without any working time.
 */
export function addBusinessTime(cal: BusinessCalendar, startMs: number, durationMs: number): number {
  return cal.add(startMs, durationMs);
}

/** Working ms between two instants; negative when `toMs` is before `fromMs`, so overdue time shows. */
export function businessTimeBetween(cal: BusinessCalendar, fromMs: number, toMs: number, pauses?: readonly Pause[]): number {
  if (pauses === undefined || pauses.length === 0) return cal.between(fromMs, toMs);
  if (toMs < fromMs) return 0 - businessTimeBetween(cal, toMs, fromMs, pauses);
  let paused = 0;
  let coveredUntil = fromMs;
  // Overlapping pauses must count once: walk them in start order, never counting before coveredUntil.
  for (const pause of [...pauses].sort((a, b) => a.start - b.start)) {
    if (pause.end !== null && pause.end < pause.start) throw new RangeError(`a pause cannot end (${pause.end}) before it starts (${pause.start})`);
    const end = pause.end ?? toMs;
    const start = Math.max(pause.start, coveredUntil);
    const stop = Math.min(end, toMs);
    if (stop > start) {
      paused += cal.between(start, stop);
      coveredUntil = stop;
    }
  }
  return cal.between(fromMs, toMs) - paused;
}

/** addBusinessTime in minutes (fractions allowed; ms precision). */
export function addBusinessMinutes(cal: BusinessCalendar, startMs: number, minutes: number): number {
  return cal.add(startMs, minutes * MINUTE_MS);
}

/** businessTimeBetween in minutes, possibly fractional. */
export function businessMinutesBetween(cal: BusinessCalendar, fromMs: number, toMs: number, pauses?: readonly Pause[]): number {
  return businessTimeBetween(cal, fromMs, toMs, pauses) / MINUTE_MS;
}

/** Whether the instant lies in working hours (interval ends excluded). */
export function isBusinessTime(cal: BusinessCalendar, atMs: number): boolean {
  return cal.isWorking(atMs);
}

/**
 * The due time once a pause ends: the working time that was left at the pause, counted again
 * from the resumption. A pause that began at or after the due time changes nothing: the limit
 * was already breached, and pausing must not un-breach it.
 */
export function resumeDeadline(cal: BusinessCalendar, dueMs: number, pausedAtMs: number, resumedAtMs: number): number {
  if (resumedAtMs < pausedAtMs) throw new RangeError('a pause cannot end before it starts');
  if (pausedAtMs >= dueMs) return dueMs;
  return cal.add(resumedAtMs, cal.between(pausedAtMs, dueMs));
}
