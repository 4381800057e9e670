import type { EscalationLevel, Recipient, SlaTarget, WarnAt } from './sla-policy.js';

/**
 * One clock a ticket runs against a target (时限): how much time it is allowed, how much it has
 * used, and which of its milestones (warnings, the breach, escalation levels) have fired.
 *
 * Time is a budget, not a fixed instant: `consumedMs` is what earlier running stretches used
 * and `runningSince` starts the current one. Pausing banks the stretch; resuming starts a new
 * one; an extension or a new policy changes the budget. Every instant (due time, warnings,
 * escalations) is derived from the budget on the deadline's time basis, so pauses, extensions
 * and calendars compose without special cases.
 */
export interface Deadline {
  id: string;
  ticketId: string;
  target: SlaTarget;
  policyId: string | null;
  /** The business calendar it counts on; null counts wall-clock time. */
  calendarId: string | null;
  /** The department whose step this is (step targets only). */
  departmentId: string | null;
  spec: DeadlineSpec;
  status: DeadlineStatus;
  budgetMs: number;
  consumedMs: number;
  runningSince: string | null;
  startedAt: string;
  dueAt: string | null;
  completedAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  warningsFired: number;
  escalationsFired: number;
  extensions: number;
  nextFireAt: string | null;
  /**
   * The instant an approved extension promised: the clock does not fall due before it, even
   * when it lies outside working time (until Saturday noon adds no working minute to Friday's
   * close, yet Friday 18:00 is not what the supervisor approved).
   */
  dueNotBefore: string | null;
}

/** The part of the policy's target a deadline keeps, so that firing it needs no policy lookup. */
export interface DeadlineSpec {
  warnAt: WarnAt;
  notify: Recipient[];
  pauseWhileWaiting: boolean;
  escalation: EscalationLevel[];
}

export type DeadlineStatus = 'running' | 'paused' | 'completed' | 'stopped';

/** What a person reads: a finished clock is met or breached; an unfinished one is running, paused, warned or breached. */
export const DEADLINE_STATES = ['running', 'paused', 'warned', 'met', 'breached', 'stopped'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** The ticket-level summary stored on the ticket for filtering lists. */
export const SLA_SUMMARY_STATES = ['running', 'paused', 'warned', 'breached'] as const;
export type SlaSummaryState = (typeof SLA_SUMMARY_STATES)[number];

/** Adds and measures time on a deadline's basis: a business calendar or the wall clock. */
export interface TimeBasis {
  add(startMs: number, durationMs: number): number;
  between(fromMs: number, toMs: number): number;
}

export type Milestone =
  | { kind: 'warning'; index: number; elapsedMs: number }
  | { kind: 'breach'; elapsedMs: number }
  | { kind: 'escalation'; level: number; elapsedMs: number };

/** A milestone that fired: when it fell due (it may be earlier than now after downtime). */
export type Firing = Milestone & { dueAt: string };

const MINUTE = 60_000;
/**
 * The latest instant a clock stores. A year-long limit on a calendar with a minute of work a week
 * falls due in the year 12100, which ISO 8601 writes `+012100-…`: stored as text, that sorts
 * before 2026 and would fall due at once. Such a clock never falls due in practice either way.
 */
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');
const iso = (ms: number) => new Date(Math.min(ms, LATEST_MS)).toISOString();
const ms = (at: string) => Date.parse(at);

/** The elapsed budget at which each warning fires, ascending and de-duplicated; only those before the due time count. */
export function warningThresholds(spec: DeadlineSpec, budgetMs: number): number[] {
  const points = [
    ...spec.warnAt.percent.map((p) => Math.round((budgetMs * p) / 100)),
    ...spec.warnAt.minutesBefore.map((m) => budgetMs - m * MINUTE),
  ].filter((elapsed) => elapsed > 0 && elapsed < budgetMs);
  return [...new Set(points)].sort((a, b) => a - b);
}

/** The next milestone that has not fired yet, or null when the chain is exhausted. */
export function nextMilestone(d: Deadline): Milestone | null {
  if (d.breachedAt === null) {
    const warnings = warningThresholds(d.spec, d.budgetMs);
    if (d.warningsFired < warnings.length) return { kind: 'warning', index: d.warningsFired, elapsedMs: warnings[d.warningsFired]! };
    return { kind: 'breach', elapsedMs: d.budgetMs };
  }
  if (d.escalationsFired >= d.spec.escalation.length) return null;
  let elapsed = d.budgetMs;
  for (let level = 0; level <= d.escalationsFired; level++) elapsed += d.spec.escalation[level]!.afterMinutes * MINUTE;
  return { kind: 'escalation', level: d.escalationsFired, elapsedMs: elapsed };
}

/** The instant at which the clock will have used `elapsedMs` of its budget, if it keeps running. */
function instantAt(d: Deadline, basis: TimeBasis, elapsedMs: number): number {
  const since = ms(d.runningSince!);
  return elapsedMs <= d.consumedMs ? since : basis.add(since, elapsedMs - d.consumedMs);
}

/**
 * When a milestone falls due if the clock keeps running: where its budget is used up, but the
 * breach and what follows it never before the instant an extension promised.
 */
function milestoneAt(d: Deadline, basis: TimeBasis, milestone: Milestone): number {
  const at = instantAt(d, basis, milestone.elapsedMs);
  if (milestone.kind === 'warning' || d.dueNotBefore === null) return at;
  return Math.max(at, ms(milestone.kind === 'escalation' ? (d.breachedAt ?? d.dueNotBefore) : d.dueNotBefore));
}

/** Recomputes the due time and the next firing instant after any change. */
function schedule(d: Deadline, basis: TimeBasis): Deadline {
  if (d.status !== 'running') return { ...d, nextFireAt: null };
  // A breached clock's due time is history (when it breached): a calendar changed since must not
  // move it into the future while the clock reads breached. Otherwise, once the budget is used
  // up the due time lies in the past and stays where it was.
  const settled = d.breachedAt !== null || d.consumedMs >= d.budgetMs;
  const dueAt = settled && d.dueAt !== null ? d.dueAt : iso(milestoneAt(d, basis, { kind: 'breach', elapsedMs: d.budgetMs }));
  const next = nextMilestone(d);
  return { ...d, dueAt, nextFireAt: next ? iso(milestoneAt(d, basis, next)) : null };
}

export interface NewDeadline {
  id: string;
  ticketId: string;
  target: SlaTarget;
  policyId: string | null;
  calendarId: string | null;
  departmentId: string | null;
  spec: DeadlineSpec;
  budgetMs: number;
}

/** Starts a clock at `now` with its full budget. */
export function startDeadline(input: NewDeadline, basis: TimeBasis, now: number): Deadline {
  const at = iso(now);
  // Field by field, not `...input`: a spread followed by new keys leaves V8 (Node 20) with a
  // slow object, and every later copy of the deadline pays for it (6× slower in bench/calendar-maths.ts).
  return schedule(
    {
      id: input.id,
      ticketId: input.ticketId,
      target: input.target,
      policyId: input.policyId,
      calendarId: input.calendarId,
      departmentId: input.departmentId,
      spec: input.spec,
      budgetMs: input.budgetMs,
      status: 'running',
      consumedMs: 0,
      runningSince: at,
      startedAt: at,
      dueAt: null,
      completedAt: null,
      warnedAt: null,
      breachedAt: null,
      warningsFired: 0,
      escalationsFired: 0,
      extensions: 0,
      nextFireAt: null,
      dueNotBefore: null,
    },
    basis,
  );
}

/** The budget used so far, counting the running stretch up to `now`. */
export function spentMs(d: Deadline, basis: TimeBasis, now: number): number {
  return d.status === 'running' ? d.consumedMs + basis.between(ms(d.runningSince!), now) : d.consumedMs;
}

/** Banks the running stretch: the clock stops counting until resumed. */
function bank(d: Deadline, basis: TimeBasis, now: number): Deadline {
  return { ...d, consumedMs: spentMs(d, basis, now), runningSince: null };
}

/** Stops the clock while the ticket waits on the customer. */
export function pauseDeadline(d: Deadline, basis: TimeBasis, now: number): Deadline {
  if (d.status !== 'running') return d;
  return { ...bank(d, basis, now), status: 'paused', nextFireAt: null };
}

/**
 * Moves a clock to another time basis (a new policy counting business time where the old one
 * counted the wall clock, or another calendar): what it used so far stays counted on the old one.
 */
export function moveToBasis(d: Deadline, from: TimeBasis, calendarId: string | null, now: number): Deadline {
  if (calendarId === d.calendarId || d.status === 'completed' || d.status === 'stopped') return d;
  const banked = d.status === 'running' ? { ...bank(d, from, now), runningSince: iso(now) } : d;
  // A due time still ahead is recomputed on the new basis; one already passed stays on record.
  return { ...banked, calendarId, dueAt: banked.consumedMs < banked.budgetMs ? null : banked.dueAt };
}

/** Restarts a paused clock; its due time moves by the business time the pause covered. */
export function resumeDeadline(d: Deadline, basis: TimeBasis, now: number): Deadline {
  if (d.status !== 'paused') return d;
  return schedule({ ...d, status: 'running', runningSince: iso(now) }, basis);
}

/**
 * Ends the clock: met when within its budget. A breach the sweeper had not fired yet is still
 * recorded, at the due time, so a late sweep never turns a breach into a success.
 */
export function completeDeadline(d: Deadline, basis: TimeBasis, now: number, status: 'completed' | 'stopped' = 'completed'): Deadline {
  if (d.status === 'completed' || d.status === 'stopped') return d;
  const banked = bank(d, basis, now);
  const breachedAt = banked.breachedAt ?? (banked.consumedMs > banked.budgetMs || (d.status === 'running' && d.dueAt !== null && now > ms(d.dueAt)) ? banked.dueAt : null);
  return { ...banked, status, completedAt: iso(now), breachedAt, nextFireAt: null };
}

/** Runs a finished clock again (a reopened ticket), keeping the time it already used. */
export function reopenDeadline(d: Deadline, basis: TimeBasis, now: number): Deadline {
  if (d.status !== 'completed') return d;
  return schedule({ ...d, status: 'running', runningSince: iso(now), completedAt: null }, basis);
}

/**
 * Gives the clock a new policy's limit (after a re-classification or a priority change),
 * keeping the time it used. Warnings that now lie ahead fire again. Within the new limit the
 * clock runs un-breached again (an earlier breach stays on the timeline); past it, a breach
 * already recorded stands, with its due time. Another escalation chain starts at its first level;
 * the same chain goes on where it was, breached or not: the levels it already fired (a reassign, a
 * notice to the managers) are not done twice when the clock breaches its new limit, and the next
 * one falls due where the chain puts it after that breach (level n: levels 1…n's afterMinutes).
 */
export function rebudgetDeadline(d: Deadline, spec: DeadlineSpec, budgetMs: number, basis: TimeBasis, now: number): Deadline {
  if (d.status === 'completed' || d.status === 'stopped') return d;
  const banked = rebudgeted(d, spec, budgetMs, basis, now);
  const exhausted = budgetMs <= banked.consumedMs;
  const breachedAt = exhausted ? banked.breachedAt : null;
  // An unchanged budget and a breach that stands keep their due time; a budget already used up falls due when it ran out.
  const dueAt = budgetMs === d.budgetMs || breachedAt !== null ? banked.dueAt : exhausted ? exhaustedAt(d, basis, budgetMs, now) : null;
  const sameChain = JSON.stringify(spec.escalation) === JSON.stringify(d.spec.escalation);
  const escalationsFired = sameChain ? banked.escalationsFired : 0;
  return schedule({ ...banked, dueAt, breachedAt, escalationsFired, dueNotBefore: null }, basis);
}

/**
 * The clock with what it used banked up to `now` (it counts on from there) and a new limit:
 * warnings the time used has passed count as fired, those ahead fire again.
 */
function rebudgeted(d: Deadline, spec: DeadlineSpec, budgetMs: number, basis: TimeBasis, now: number): Deadline {
  const banked = d.status === 'running' ? { ...bank(d, basis, now), runningSince: iso(now) } : d;
  const warningsFired = warningThresholds(spec, budgetMs).filter((t) => t <= banked.consumedMs).length;
  return { ...banked, spec, budgetMs, warningsFired, warnedAt: warningsFired > 0 ? banked.warnedAt : null };
}

/** The clock's due time as it stands: a paused clock's is where it would fall if resumed now (its stored one is stale). */
export function currentDueMs(d: Deadline, basis: TimeBasis, now: number): number {
  if (d.status === 'running' && d.dueAt !== null) return ms(d.dueAt);
  return Math.max(basis.add(now, Math.max(0, d.budgetMs - d.consumedMs)), d.dueNotBefore === null ? 0 : ms(d.dueNotBefore));
}

/**
 * An approved extension: the clock falls due at `untilMs` — with the working time up to it, and
 * not before it even when it lies outside working time. Null when that would not add time (the
 * due time moved past `untilMs` since the request, for instance while the ticket waited).
 */
export function extendDeadline(d: Deadline, basis: TimeBasis, untilMs: number, now: number): Deadline | null {
  if (!isCurrent(d) || d.breachedAt !== null) return null;
  const budgetMs = budgetUntil(d, basis, untilMs, now);
  if (budgetMs < d.budgetMs || untilMs <= currentDueMs(d, basis, now)) return null;
  const extended = { ...rebudgeted(d, d.spec, budgetMs, basis, now), dueAt: null, dueNotBefore: iso(untilMs) };
  return { ...schedule(extended, basis), extensions: d.extensions + 1 };
}

/**
 * When the clock used up `budgetMs`, for a budget found to be already used (a smaller limit after
 * a priority change). Within the current running stretch the instant is exact; a budget used up
 * before a pause is dated at the pause's end, the earliest instant still on record.
 */
function exhaustedAt(d: Deadline, basis: TimeBasis, budgetMs: number, now: number): string {
  if (d.status !== 'running') return d.dueAt ?? iso(now);
  const since = ms(d.runningSince!);
  return iso(budgetMs >= d.consumedMs ? basis.add(since, budgetMs - d.consumedMs) : since);
}

/** The budget that makes the clock fall due at `untilMs` instead of its current due time (a paused clock: once resumed at `now`). */
export function budgetUntil(d: Deadline, basis: TimeBasis, untilMs: number, now: number): number {
  return spentMs(d, basis, now) + basis.between(now, untilMs);
}

/**
 * Fires every milestone that fell due by `now`, in order, each exactly once: warnings, then
 * the breach, then escalation levels. After downtime several fire in one call.
 */
export function fireDue(d: Deadline, basis: TimeBasis, now: number): { deadline: Deadline; firings: Firing[] } {
  const firings: Firing[] = [];
  let current = d;
  while (current.status === 'running') {
    const next = nextMilestone(current);
    if (!next) break;
    // A breach found already past (the limit shrank below the time used) is dated when it happened.
    const pastBreach = next.kind === 'breach' && next.elapsedMs <= current.consumedMs && current.dueAt !== null;
    const exactMs = pastBreach ? ms(current.dueAt!) : milestoneAt(current, basis, next);
    // Never earlier than a milestone before it: a warning caught late (after a pause) dates what follows.
    const dueMs = Math.max(exactMs, firings.length > 0 ? ms(firings.at(-1)!.dueAt) : exactMs);
    if (dueMs > now) break;
    const dueAt = iso(dueMs);
    firings.push({ ...next, dueAt });
    current =
      next.kind === 'warning'
        ? { ...current, warningsFired: current.warningsFired + 1, warnedAt: current.warnedAt ?? dueAt }
        : next.kind === 'breach'
          ? breach(current, basis, dueMs)
          : { ...current, escalationsFired: current.escalationsFired + 1 };
  }
  return { deadline: schedule(current, basis), firings };
}

/**
 * Records the breach at `atMs` and banks the whole budget as used by then: the time used up to a
 * breach is history. A calendar changed later (a holiday entered for the breach day) then moves
 * only what lies ahead (the escalation levels), never the breach, nor the time it took.
 */
function breach(d: Deadline, basis: TimeBasis, atMs: number): Deadline {
  const breachedAt = iso(atMs);
  // A limit found already used up (it shrank below the time used) has its time banked past the breach.
  if (atMs <= ms(d.runningSince!)) return { ...d, breachedAt };
  return { ...bank(d, basis, atMs), runningSince: breachedAt, breachedAt };
}

/** What a person reads for one clock. */
export function deadlineState(d: Deadline): DeadlineState {
  if (d.status === 'stopped') return 'stopped';
  if (d.breachedAt !== null) return 'breached';
  if (d.status === 'completed') return 'met';
  if (d.status === 'paused') return 'paused';
  return d.warnedAt !== null ? 'warned' : 'running';
}

/** Whether the clock still counts (running or paused), as opposed to finished. */
export function isCurrent(d: Deadline): boolean {
  return d.status === 'running' || d.status === 'paused';
}

const SEVERITY: Record<SlaSummaryState, number> = { paused: 0, running: 1, warned: 2, breached: 3 };

/** The ticket's next due time (earliest among running clocks) and its worst current state. */
export function summarise(deadlines: readonly Deadline[]): { slaDueAt: string | null; slaState: SlaSummaryState | null } {
  let slaDueAt: string | null = null;
  let slaState: SlaSummaryState | null = null;
  for (const d of deadlines) {
    if (!isCurrent(d)) continue;
    if (d.status === 'running' && d.dueAt !== null && (slaDueAt === null || d.dueAt < slaDueAt)) slaDueAt = d.dueAt;
    const state = deadlineState(d) as SlaSummaryState;
    if (slaState === null || SEVERITY[state] > SEVERITY[slaState]) slaState = state;
  }
  return { slaDueAt, slaState };
}
