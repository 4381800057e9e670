import type { Repositories } from '../../app/repositories.js';
import type { ReferenceSnapshot } from '../../app/reference-data.js';
import { serviceItemPath } from '../../app/resolve-references.js';
import { newId } from '../../platform/ids.js';
import type { Ticket } from '../../tickets/domain/ticket.js';
import {
  completeDeadline,
  isCurrent,
  moveToBasis,
  pauseDeadline,
  rebudgetDeadline,
  reopenDeadline,
  resumeDeadline,
  startDeadline,
  summarise,
  type Deadline,
  type DeadlineSpec,
  type TimeBasis,
} from '../domain/deadline.js';
import { findPolicy, targetMinutes, type SlaPolicy, type SlaTarget, type TargetSpec } from '../domain/sla-policy.js';
import { planClockChanges, stillRunsIn, targetsRunningIn, type ClockChange, type ClockFacts } from '../domain/ticket-clocks.js';
import { handOverPendingRequests, settleRequest } from './extension-notifications.js';

const MINUTE = 60_000;

/** What a use case knows about the ticket's customer, to spare a lookup when matching policies. */
export interface TrackingHints {
  customerTier?: string | null;
}

/** One change to a ticket, as the clocks see it. */
export interface TrackedStep {
  before: Ticket | null;
  after: Ticket;
  eventType: string;
}

/** The ticket with its new SLA summary, and the clock writes to run once the ticket row is written. */
export interface TrackedDeadlines {
  ticket: Ticket;
  save(): Promise<void>;
}

const NOTHING_TO_SAVE = async () => undefined;

/**
 * Keeps a ticket's clocks in step with changes to the ticket, in the transaction of those
 * changes: starts, ends, pauses and resumes clocks, re-matches the policy when the
 * classification or the customer changed, hands pending extension requests to the department
 * the ticket moved to, and answers the last state of the ticket with its new SLA summary.
 * Several steps written at once (a new ticket's first steps) are applied in order.
 */
export async function trackDeadlines(
  repos: Repositories,
  steps: readonly TrackedStep[],
  now: string,
  hints: TrackingHints = {},
): Promise<TrackedDeadlines> {
  const ref = await repos.reference();
  const nowMs = Date.parse(now);
  const last = steps.at(-1)!.after;
  const planned = steps.map((step) => {
    const facts = clockFacts(ref, step.after);
    return {
      changes: planClockChanges(step.before && clockFacts(ref, step.before), facts, step.eventType),
      rematch: step.before !== null && classificationChanged(step.before, step.after),
      ticket: step.after,
      facts,
    };
  });
  const first = steps[0]!;
  // Pending requests follow the ticket to the department that now decides them.
  const handOver = first.before !== null && first.before.departmentId !== last.departmentId;
  const handOverRequests = async () => {
    if (handOver) await handOverPendingRequests(repos, last, now);
  };
  if (planned.every((p) => p.changes.length === 0 && !p.rematch)) return { ticket: last, save: handOver ? handOverRequests : NOTHING_TO_SAVE };

  const clocks = new Clocks(ref, first.before ? await repos.deadlines.forTicket(last.id) : []);
  let policy: SlaPolicy | null | undefined;
  for (const step of planned) {
    if (step.rematch) {
      policy = await matchPolicy(repos, ref, step.ticket, hints);
      clocks.rematch(policy, step.ticket, step.facts, nowMs);
    }
    if (policy === undefined && step.changes.some((c) => c.op === 'start')) {
      policy = clocks.policy() ?? (await matchPolicy(repos, ref, step.ticket, hints));
    }
    for (const change of step.changes) clocks.apply(change, policy ?? null, step.ticket, nowMs);
    // After the step's own changes, so that a clock the step ends (handling at a resolve) is met, not stopped.
    if (step.rematch) clocks.stopUncalledFor(step.facts, nowMs);
  }
  const save = async () => {
    await repos.deadlines.insert(clocks.inserted());
    for (const d of clocks.updated()) await repos.deadlines.update(d);
    const ended = clocks.ended();
    if (ended.length > 0) {
      const lapsed = await repos.extensions.lapsePending(last.id, ended, now, `the time limit ended (${steps.at(-1)!.eventType})`);
      for (const id of lapsed) await settleRequest(repos, last.id, id, now);
    }
    // After the lapse: only requests on clocks that keep running move.
    await handOverRequests();
  };
  return { ticket: { ...last, ...summarise(clocks.all()) }, save };
}

function clockFacts(ref: ReferenceSnapshot, ticket: Ticket): ClockFacts {
  return {
    status: ticket.status,
    departmentId: ticket.departmentId,
    needsReply: ref.serviceItems.find(ticket.serviceItemId)?.needsReply ?? false,
  };
}

function classificationChanged(a: Ticket, b: Ticket): boolean {
  return (
    a.categoryId !== b.categoryId ||
    a.serviceItemId !== b.serviceItemId ||
    a.priorityId !== b.priorityId ||
    a.customerId !== b.customerId ||
    a.channel !== b.channel
  );
}

async function matchPolicy(repos: Repositories, ref: ReferenceSnapshot, ticket: Ticket, hints: TrackingHints): Promise<SlaPolicy | null> {
  const customerTier =
    hints.customerTier !== undefined ? hints.customerTier : ticket.customerId ? ((await repos.customers.findById(ticket.customerId))?.tier ?? null) : null;
  return findPolicy(ref.slaPolicies, {
    categoryId: ticket.categoryId,
    serviceItemPath: await serviceItemPath(repos, ticket.serviceItemId),
    priorityId: ticket.priorityId,
    channel: ticket.channel,
    customerTier,
  });
}

/** The spec a deadline keeps from its policy's target. */
export function deadlineSpec(spec: TargetSpec): DeadlineSpec {
  return { warnAt: spec.warnAt, notify: spec.notify, pauseWhileWaiting: spec.pauseWhileWaiting, escalation: spec.escalation };
}

/**
 * The clocks of one ticket while a change is applied: remembers which rows are new and which
 * changed, and which calendar each counts on.
 */
class Clocks {
  private readonly rows: Deadline[];
  private readonly fresh = new Set<string>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly ref: ReferenceSnapshot,
    existing: readonly Deadline[],
  ) {
    this.rows = [...existing];
  }

  all(): readonly Deadline[] {
    return this.rows;
  }

  inserted(): Deadline[] {
    return this.rows.filter((d) => this.fresh.has(d.id));
  }

  updated(): Deadline[] {
    return this.rows.filter((d) => this.changed.has(d.id) && !this.fresh.has(d.id));
  }

  /** The existing clocks this change ended (completed or stopped). */
  ended(): string[] {
    return this.rows.filter((d) => this.changed.has(d.id) && !this.fresh.has(d.id) && !isCurrent(d)).map((d) => d.id);
  }

  /** The policy the ticket's clocks came from, while it is still active. */
  policy(): SlaPolicy | null {
    const id = this.rows.findLast((d) => d.policyId !== null)?.policyId;
    return this.ref.slaPolicies.find((p) => p.id === id && p.active) ?? null;
  }

  apply(change: ClockChange, policy: SlaPolicy | null, ticket: Ticket, now: number): void {
    switch (change.op) {
      case 'start':
        return this.start(change.target, change.departmentId, policy, ticket, now);
      case 'complete':
      case 'stop':
        return this.replaceLatest(change.target, (d, basis) =>
          isCurrent(d) ? completeDeadline(d, basis, now, change.op === 'stop' ? 'stopped' : 'completed') : d,
        );
      case 'reopen':
        return this.replaceLatest(change.target, (d, basis) => reopenDeadline(d, basis, now));
      case 'pause':
        return this.replaceEach((d, basis) => (d.spec.pauseWhileWaiting ? pauseDeadline(d, basis, now) : d));
      case 'resume':
        return this.replaceEach((d, basis) => resumeDeadline(d, basis, now));
    }
  }

  /**
   * A new policy: running clocks keep the time they used and take the new limit, counted from
   * now on the new target's basis (wall clock or calendar); targets it lacks stop.
   */
  rematch(policy: SlaPolicy | null, ticket: Ticket, facts: ClockFacts, now: number): void {
    this.replaceEach((d, basis) => {
      if (!isCurrent(d)) return d;
      const spec = policy?.targets[d.target];
      if (!policy || !spec) return completeDeadline(d, basis, now, 'stopped');
      // The same policy again (another customer, a priority it also covers) changes nothing, and keeps an approved extension.
      if (policy.id === d.policyId) return d;
      const calendarId = this.calendarFor(spec, policy, d.departmentId);
      const newBasis = this.ref.calendars.compile(calendarId);
      const moved = rebudgetDeadline(moveToBasis(d, basis, calendarId, now), deadlineSpec(spec), targetMinutes(spec, d.departmentId) * MINUTE, newBasis, now);
      return { ...moved, policyId: policy.id };
    });
    // Targets the new policy adds start now, with their full limit: the ticket was not measured against them before.
    for (const target of targetsRunningIn(facts)) {
      if (!policy?.targets[target] || this.rows.some((d) => d.target === target && isCurrent(d))) continue;
      this.start(target, target === 'step' ? facts.departmentId : null, policy, ticket, now);
      if (facts.status === 'waiting') this.replaceLatest(target, (d, basis) => (d.spec.pauseWhileWaiting ? pauseDeadline(d, basis, now) : d));
    }
  }

  /**
   * Stops the current clocks a re-classification took the reason from (the reply once the service
   * item needs none), as a policy lacking their target would: neither met nor breached.
   */
  stopUncalledFor(facts: ClockFacts, now: number): void {
    this.replaceEach((d, basis) => (isCurrent(d) && !stillRunsIn(d.target, facts) ? completeDeadline(d, basis, now, 'stopped') : d));
  }

  private start(target: SlaTarget, departmentId: string | null, policy: SlaPolicy | null, ticket: Ticket, now: number): void {
    const spec = policy?.targets[target];
    if (!policy || !spec) return;
    // A clock restarting (a reply after an objection, a new step) ends the one before it.
    this.replaceLatest(target, (d, basis) => (isCurrent(d) ? completeDeadline(d, basis, now) : d));
    const calendarId = this.calendarFor(spec, policy, departmentId);
    const deadline = startDeadline(
      {
        id: newId(),
        ticketId: ticket.id,
        target,
        policyId: policy.id,
        calendarId,
        departmentId,
        spec: deadlineSpec(spec),
        budgetMs: targetMinutes(spec, departmentId) * MINUTE,
      },
      this.ref.calendars.compile(calendarId),
      now,
    );
    this.rows.push(deadline);
    this.fresh.add(deadline.id);
  }

  /** Business targets count on the department's calendar for its step, else on the policy's. */
  private calendarFor(spec: TargetSpec, policy: SlaPolicy, departmentId: string | null): string | null {
    if (!spec.businessTime) return null;
    const departmentCalendar = departmentId ? this.ref.departments.find(departmentId)?.calendarId ?? null : null;
    return this.ref.calendars.effectiveId(departmentCalendar ?? policy.calendarId);
  }

  private replaceLatest(target: SlaTarget, change: (d: Deadline, basis: TimeBasis) => Deadline): void {
    const index = this.rows.findLastIndex((d) => d.target === target);
    if (index >= 0) this.replaceAt(index, change);
  }

  private replaceEach(change: (d: Deadline, basis: TimeBasis) => Deadline): void {
    for (let i = 0; i < this.rows.length; i++) this.replaceAt(i, change);
  }

  private replaceAt(index: number, change: (d: Deadline, basis: TimeBasis) => Deadline): void {
    const d = this.rows[index]!;
    const next = change(d, this.ref.calendars.compile(d.calendarId));
    if (next !== d) {
      this.rows[index] = next;
      this.changed.add(next.id);
    }
  }
}
