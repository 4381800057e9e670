import { overseesAllDepartments, type Actor } from '../../auth/domain/actor.js';
import { actionsFor, type TicketAction, type TicketStatus } from './ticket-state-machine.js';

/** What access rules need to know about a ticket. */
export interface TicketAccessFacts {
  status: TicketStatus;
  departmentId: string | null;
  assigneeId: string | null;
  createdBy: string;
  /** The actor has acted on this ticket before. */
  isParticipant: boolean;
}

/**
 * Which tickets a user may read, as data, so that the single-ticket check and the SQL of
 * every list apply one rule. A ticket is visible when any clause holds.
 */
export type VisibilityScope =
  | { everything: true }
  | {
      everything: false;
      userId: string;
      departmentIds: readonly string[];
      includeCreatedByMe: boolean;
      statuses: readonly TicketStatus[];
    };

/**
 * The call centre dispatches submitted and returned tickets and replies to handled ones, whoever
 * opened them. Supervisors may dispatch and reply too, so they see these queues as agents do.
 */
const CALL_CENTRE_QUEUES: readonly TicketStatus[] = ['submitted', 'returned', 'handled', 'replied'];

/** The visibility scope of a user's role. */
export function visibilityScope(actor: Actor): VisibilityScope {
  if (overseesAllDepartments(actor.role)) return { everything: true };
  return {
    everything: false,
    userId: actor.id,
    departmentIds: actor.departmentIds,
    includeCreatedByMe: actor.role !== 'handler',
    statuses: actor.role === 'agent' || actor.role === 'supervisor' ? CALL_CENTRE_QUEUES : [],
  };
}

/** Whether the actor may read the ticket at all; an invisible ticket answers 404, as if it did not exist. */
export function canSeeTicket(actor: Actor, ticket: TicketAccessFacts): boolean {
  const scope = visibilityScope(actor);
  if (scope.everything) return true;
  return (
    ticket.isParticipant ||
    ticket.assigneeId === actor.id ||
    (ticket.departmentId !== null && scope.departmentIds.includes(ticket.departmentId)) ||
    (scope.includeCreatedByMe && ticket.createdBy === actor.id) ||
    scope.statuses.includes(ticket.status)
  );
}

/** Actions that only people of the department holding the ticket may take. */
const DEPARTMENT_ACTIONS: readonly TicketAction[] = [
  'assign',
  'claim',
  'accept',
  'transfer',
  'return',
  'wait',
  'resume',
  'resolve',
];

/** Actions on work someone has taken: a handler may not take them over a colleague's head. */
const ASSIGNEE_ACTIONS: readonly TicketAction[] = ['accept', 'transfer', 'return', 'wait', 'resume', 'resolve'];

export interface ScopeRefusal {
  code: 'not_in_department' | 'assigned_to_someone_else';
  message: string;
}

/**
 * Refuses an action the role table allows when the ticket is not the actor's to act on:
 * another department's ticket, or a ticket a colleague holds. Returns null when it may go ahead.
 */
export function scopeRefusal(actor: Actor, action: TicketAction, ticket: TicketAccessFacts): ScopeRefusal | null {
  if (actor.role === 'admin') return null;
  const inDepartment = ticket.departmentId !== null && actor.departmentIds.includes(ticket.departmentId);
  const departmentBound =
    DEPARTMENT_ACTIONS.includes(action) ||
    (actor.role === 'handler' && (action === 'close' || action === 'update'));
  if (departmentBound && !inDepartment) {
    return { code: 'not_in_department', message: `Only members of the ticket's department may ${action} it.` };
  }
  const heldByColleague = ticket.assigneeId !== null && ticket.assigneeId !== actor.id;
  if (actor.role === 'handler' && heldByColleague && ASSIGNEE_ACTIONS.includes(action)) {
    return {
      code: 'assigned_to_someone_else',
      message: `The ticket is assigned to someone else; only they or a supervisor may ${action} it.`,
    };
  }
  return null;
}

/** What the actions offered on a ticket also depend on, beyond who may see it. */
export interface TicketActionFacts extends TicketAccessFacts {
  /** Its service item needs a reply to the customer: a handled ticket cannot close before one. */
  needsReply: boolean;
}

/**
 * The actions this actor may take on this ticket right now: the role table narrowed by
 * department and assignee, by the reply a handled ticket still owes its customer, and by the
 * queue a claim takes from (only unassigned tickets are in it).
 */
export function availableActions(actor: Actor, ticket: TicketActionFacts): TicketAction[] {
  const owesReply = ticket.status === 'handled' && ticket.needsReply;
  return actionsFor(ticket.status, actor.role).filter(
    (action) =>
      scopeRefusal(actor, action, ticket) === null && !(action === 'close' && owesReply) && !(action === 'claim' && ticket.assigneeId !== null),
  );
}
