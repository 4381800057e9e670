import type { Deadline, TimeBasis } from './deadline.js';
import { currentDueMs, isCurrent } from './deadline.js';
import type { ExtensionLimits, SlaTarget } from './sla-policy.js';

/** 延时申请: a handler asks for a later due time; a supervisor of the department decides. */
export interface ExtensionRequest {
  id: string;
  ticketId: string;
  deadlineId: string;
  target: SlaTarget;
  /** The department holding the ticket when asked: its supervisors decide. */
  departmentId: string | null;
  requestedBy: string;
  reason: string;
  previousDueAt: string | null;
  requestedUntil: string;
  status: ExtensionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

/** `lapsed`: the clock it asked about ended before anyone decided (a transfer ends the step). */
export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected', 'lapsed'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const DEFAULT_EXTENSION_LIMITS: ExtensionLimits = { maxPerDeadline: 2, maxMinutes: 1440 };

export type ExtensionRefusal =
  | { code: 'no_running_deadline'; message: string }
  | { code: 'deadline_breached'; message: string }
  | { code: 'extension_pending'; message: string }
  | { code: 'extension_limit_reached'; message: string }
  | { code: 'extension_not_later'; message: string }
  | { code: 'extension_too_long'; message: string };

/**
 * Whether a clock may be extended to `untilMs`: it must still count, not be breached yet (a
 * breach is a fact, not something to negotiate afterwards), have no request waiting, stay within
 * the policy's number of extensions, and ask for a later due time no longer than the policy allows.
 */
export function checkExtension(
  deadline: Deadline | undefined,
  pendingForDeadline: number,
  limits: ExtensionLimits,
  basis: TimeBasis,
  untilMs: number,
  now: number,
): ExtensionRefusal | null {
  if (!deadline || !isCurrent(deadline)) return { code: 'no_running_deadline', message: 'This time limit is not running on the ticket.' };
  // Past the due time it is breached, even if the sweeper has not recorded the breach yet.
  const overdue = deadline.status === 'running' && deadline.dueAt !== null && now >= Date.parse(deadline.dueAt);
  if (deadline.breachedAt !== null || overdue) {
    return { code: 'deadline_breached', message: 'This time limit is already breached; an extension can only be asked before it expires.' };
  }
  if (pendingForDeadline > 0) return { code: 'extension_pending', message: 'An extension request for this time limit is already waiting for a decision.' };
  if (deadline.extensions >= limits.maxPerDeadline) {
    return { code: 'extension_limit_reached', message: `This time limit was already extended ${deadline.extensions} time(s); the policy allows ${limits.maxPerDeadline}.` };
  }
  // A paused clock's stored due time is stale: compare with where it would fall if resumed now.
  const dueMs = currentDueMs(deadline, basis, now);
  if (untilMs <= Math.max(dueMs, now)) {
    return { code: 'extension_not_later', message: `until must be later than the current due time ${new Date(dueMs).toISOString()}` };
  }
  if (untilMs >= firstInstantPast(basis, dueMs, limits.maxMinutes)) {
    // Counting the minutes walks the calendar from the due time to `until`: only for the message, and only when it is near.
    const added = untilMs - dueMs <= 2 * YEAR_MS ? `${Math.round(basis.between(dueMs, untilMs) / 60_000)}` : `more than ${limits.maxMinutes}`;
    return { code: 'extension_too_long', message: `until adds ${added} minutes; the policy allows at most ${limits.maxMinutes} per request.` };
  }
  return null;
}

const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * The first instant by which more than `minutes` of working time have passed since `fromMs`: an
 * extension until then adds at most `minutes`. Walking forward only that far keeps the check
 * short however late `until` is; a calendar that runs out of working time allows any instant.
 */
function firstInstantPast(basis: TimeBasis, fromMs: number, minutes: number): number {
  try {
    return basis.add(fromMs, minutes * 60_000 + 1);
  } catch (error) {
    if (error instanceof RangeError) return Infinity;
    throw error;
  }
}
