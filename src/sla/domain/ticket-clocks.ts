import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import type { SlaTarget } from './sla-policy.js';

/** What the clocks look at on a ticket before and after a step. */
export interface ClockFacts {
  status: TicketStatus;
  departmentId: string | null;
  /** Whether the service item needs a reply to the customer. */
  needsReply: boolean;
}

export type ClockChange =
  | { op: 'start'; target: SlaTarget; departmentId: string | null }
  | { op: 'complete'; target: SlaTarget }
  | { op: 'stop'; target: SlaTarget }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'reopen'; target: SlaTarget };

/** Statuses in which a department holds the ticket: its step clock runs. */
const IN_STEP: readonly TicketStatus[] = ['pending', 'in_progress', 'waiting'];
const ENDED: readonly TicketStatus[] = ['cancelled', 'merged'];

/**
 * Which clocks a step starts, ends, pauses or resumes (DOMAIN §5):
 * - first response runs from creation to acceptance;
 * - a step runs from arriving in a department's queue to leaving it (a transfer ends one
 *   step and starts the next, with that department's limit);
 * - handling runs from creation to the recorded result; an objection or a reopen starts a new
 *   handling clock with the full limit (the difficult-case group must not inherit a spent clock);
 * - reply runs from the result to the reply, when the service item needs one;
 * - resolution runs from creation to close, and again after a reopen.
 * Waiting on the customer pauses the clocks whose target says so; cancel and merge stop all.
 */
export function planClockChanges(before: ClockFacts | null, after: ClockFacts, eventType: string): ClockChange[] {
  if (before === null) return [...startAll(), ...stepChanges(null, after)];
  const changes: ClockChange[] = [];
  const from = before.status;
  const to = after.status;
  if (ENDED.includes(to) && !ENDED.includes(from)) {
    for (const target of ALL) changes.push({ op: 'stop', target });
    return changes;
  }
  if (eventType === 'ticket.accepted') changes.push({ op: 'complete', target: 'firstResponse' });
  if (to !== 'waiting' && from === 'waiting') changes.push({ op: 'resume' });
  changes.push(...stepChanges(before, after));
  if (to === 'waiting' && from !== 'waiting') changes.push({ op: 'pause' });
  if (to === 'handled' && from !== 'handled') {
    changes.push({ op: 'complete', target: 'handling' });
    if (after.needsReply) changes.push({ op: 'start', target: 'reply', departmentId: null });
  }
  if (eventType === 'ticket.replied') changes.push({ op: 'complete', target: 'reply' });
  if (to === 'closed' && from !== 'closed') {
    for (const target of ALL) changes.push({ op: 'complete', target });
  }
  if (from === 'closed' && to !== 'closed') {
    changes.push({ op: 'start', target: 'handling', departmentId: null }, { op: 'reopen', target: 'resolution' });
  } else if ((from === 'handled' || from === 'replied') && IN_STEP.includes(to)) {
    // An objection sends the ticket back to handling (to the difficult-case group).
    changes.push({ op: 'start', target: 'handling', departmentId: null });
  }
  return changes;
}

const ALL: readonly SlaTarget[] = ['firstResponse', 'step', 'handling', 'reply', 'resolution'];

/**
 * The clocks a ticket in this state runs, as far as its state tells: a new policy after a
 * re-classification starts those of them it has and the old one lacked. First response is not
 * among them: whether someone accepted the ticket already is history, not state.
 */
export function targetsRunningIn(facts: ClockFacts): SlaTarget[] {
  const targets: SlaTarget[] = [];
  if (IN_STEP.includes(facts.status) && facts.departmentId !== null) targets.push('step');
  if ((['submitted', 'returned', ...IN_STEP] as TicketStatus[]).includes(facts.status)) targets.push('handling');
  if (facts.status === 'handled' && facts.needsReply) targets.push('reply');
  if (!ENDED.includes(facts.status) && facts.status !== 'closed') targets.push('resolution');
  return targets;
}

/**
 * Whether a current clock for the target still has a reason to run in this state. After a
 * re-classification the answer can turn false while the status stays: a handled ticket whose new
 * service item needs no reply owes no reply, so its reply clock must not warn or breach. First
 * response always has one until someone accepts the ticket: that is history, not state.
 */
export function stillRunsIn(target: SlaTarget, facts: ClockFacts): boolean {
  return target === 'firstResponse' || targetsRunningIn(facts).includes(target);
}

function startAll(): ClockChange[] {
  return (['firstResponse', 'handling', 'resolution'] as const).map((target) => ({ op: 'start', target, departmentId: null }));
}

function stepChanges(before: ClockFacts | null, after: ClockFacts): ClockChange[] {
  const wasIn = before !== null && IN_STEP.includes(before.status) && before.departmentId !== null;
  const isIn = IN_STEP.includes(after.status) && after.departmentId !== null;
  const moved = wasIn && isIn && before.departmentId !== after.departmentId;
  const changes: ClockChange[] = [];
  if (wasIn && (!isIn || moved)) changes.push({ op: 'complete', target: 'step' });
  if (isIn && (!wasIn || moved)) changes.push({ op: 'start', target: 'step', departmentId: after.departmentId });
  return changes;
}
