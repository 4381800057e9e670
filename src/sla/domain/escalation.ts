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
