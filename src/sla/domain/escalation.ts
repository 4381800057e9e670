import type { TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import type { Deadline, Firing } from './deadline.js';
import type { EscalationAction, Recipient } from './sla-policy.js';

/** What one firing does to the ticket: the timeline entry, the change, and who is told. */
export interface FiringPlan {
  eventType: 'sla.warning' | 'sla.breach' | 'sla.escalation';
  data: Record<string, unknown>;
  /** Moves the ticket (reassign, mark difficult) or changes its priority; empty for a pure notification. */
  change: TicketChange;
  recipients: Recipient[];
}

export interface TicketChange {
  priorityId?: string;
  departmentId?: string;
  assigneeId?: string | null;
}

/** The ticket as escalation sees it. */
export interface EscalationFacts {
  status: TicketStatus;
  departmentId: string | null;
  difficultCaseDepartmentId: string | null;
}

/** Statuses in which escalation may move a ticket to another queue: it is still with dispatch or a department. */
const MOVABLE: readonly TicketStatus[] = ['submitted', 'returned', 'pending', 'in_progress', 'waiting'];

/**
 * Turns a firing into what happens on the ticket. A warning and a breach tell the people the
 * target names; an escalation level runs its actions in order, later actions overriding earlier
 * ones of the same kind. A move is skipped (and the skip recorded) when the ticket is past
 * handling, since the result is already recorded and only a reply remains.
 */
export function planFiring(deadline: Deadline, firing: Firing, facts: EscalationFacts): FiringPlan {
  const base = {
    target: deadline.target,
    deadlineId: deadline.id,
    dueAt: deadline.dueAt,
    firedFor: firing.dueAt,
    ...(deadline.departmentId && { departmentId: deadline.departmentId }),
  };
  if (firing.kind === 'warning') {
    return { eventType: 'sla.warning', data: { ...base, warning: firing.index + 1 }, change: {}, recipients: deadline.spec.notify };
  }
  if (firing.kind === 'breach') {
    return { eventType: 'sla.breach', data: base, change: {}, recipients: deadline.spec.notify };
  }
  const level = deadline.spec.escalation[firing.level]!;
  const change: TicketChange = {};
  const recipients: Recipient[] = [];
  const skipped: string[] = [];
  for (const action of level.actions) applyAction(action, facts, change, recipients, skipped);
  return {
    eventType: 'sla.escalation',
    data: { ...base, level: firing.level + 1, actions: level.actions, ...(skipped.length > 0 && { skipped }) },
    change,
    recipients,
  };
}

function applyAction(action: EscalationAction, facts: EscalationFacts, change: TicketChange, recipients: Recipient[], skipped: string[]): void {
  switch (action.type) {
    case 'notify':
      recipients.push(...action.recipients);
      return;
    case 'setPriority':
      change.priorityId = action.priorityId;
      return;
    case 'reassign':
    case 'markDifficult': {
      const departmentId = action.type === 'markDifficult' ? facts.difficultCaseDepartmentId : action.departmentId;
      if (!MOVABLE.includes(facts.status)) {
        skipped.push(`${action.type}: the ticket is ${facts.status}`);
        return;
      }
      if (action.type === 'markDifficult' && !departmentId) {
        skipped.push('markDifficult: no difficult-case department is configured');
        return;
      }
      const userNamed = action.type === 'reassign' && action.userId !== null;
      if (departmentId === facts.departmentId && !userNamed) {
        // Moving a ticket to the queue it is in would only take it away from whoever works on it.
        skipped.push(`${action.type}: the ticket is already in that department`);
        return;
      }
      if (departmentId) {
        change.departmentId = departmentId;
        change.assigneeId = null;
      }
      if (action.type === 'reassign' && action.userId) change.assigneeId = action.userId;
      return;
    }
  }
}

/** The ticket as the recipient rules see it when a warning, breach or escalation level tells people. */
export interface RecipientFacts {
  assigneeId: string | null;
  /** The department holding the ticket; null while it waits in the dispatch queue (submitted, or returned). */
  departmentId: string | null;
  /** The user who recorded the ticket (the agent who took the call, or the integration that sent it). */
  createdBy: string;
  /** The department that dispatches (派单, `settings.dispatchDepartmentId`): the call centre; null when not set. */
  dispatchDepartmentId: string | null;
  /** Handled, and its reply clock running: only the call centre's reply (答复) is left to do. */
  awaitingReply: boolean;
}

/** Where a recipient leads on one ticket, before anyone is looked up. */
export type Audience =
  | { kind: 'user'; userId: string }
  /** The active supervisors of the department. */
  | { kind: 'supervisorsOf'; departmentId: string }
  /** The active supervisors of every department the user belongs to: their team leaders. */
  | { kind: 'supervisorsOfUser'; userId: string };

/**
 * Who the recipients of a firing are on this ticket, in order. `assignee` and `supervisors` name
 * whoever holds the ticket's next step. Where that is the call centre, they name its people: a
 * ticket no department holds waits in the dispatch queue (never dispatched, or returned), and a
 * handled ticket whose reply clock runs waits for the reply agents (回复座席) to call the customer
 * back; neither the handler who resolved it nor the handling department can do that. There:
 * - `assignee`: the user who recorded the ticket, who answers for it until a department takes it
 *   and again once it is handled (首问负责: the agent who took the call sees it through);
 * - `supervisors`: the supervisors of the dispatch department (the call centre,
 *   `settings.dispatchDepartment`), or, where none is set, those of the departments of the user
 *   who recorded the ticket (the agent's team leaders).
 * In a department's queue an unassigned ticket's `assignee` stays nobody: its supervisors, who
 * hand out the work there, are the ones to tell.
 */
export function audienceOf(recipients: readonly Recipient[], facts: RecipientFacts): Audience[] {
  const withCallCentre = facts.departmentId === null || facts.awaitingReply;
  const audience: Audience[] = [];
  for (const recipient of recipients) {
    switch (recipient.kind) {
      case 'assignee':
        if (withCallCentre) audience.push({ kind: 'user', userId: facts.createdBy });
        else if (facts.assigneeId !== null) audience.push({ kind: 'user', userId: facts.assigneeId });
        break;
      case 'creator':
        audience.push({ kind: 'user', userId: facts.createdBy });
        break;
      case 'user':
        audience.push({ kind: 'user', userId: recipient.userId });
        break;
      case 'departmentSupervisors':
        audience.push({ kind: 'supervisorsOf', departmentId: recipient.departmentId });
        break;
      case 'supervisors':
        if (!withCallCentre && facts.departmentId !== null) audience.push({ kind: 'supervisorsOf', departmentId: facts.departmentId });
        else if (facts.dispatchDepartmentId !== null) audience.push({ kind: 'supervisorsOf', departmentId: facts.dispatchDepartmentId });
        else audience.push({ kind: 'supervisorsOfUser', userId: facts.createdBy });
        break;
    }
  }
  return audience;
}
