import type { Role } from '../../auth/domain/actor.js';

export const TICKET_STATUSES = [
  'submitted',
  'pending',
  'in_progress',
  'waiting',
  'handled',
  'replied',
  'closed',
  'returned',
  'cancelled',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_ACTIONS = [
  'dispatch',
  'assign',
  'claim',
  'accept',
  'note',
  'transfer',
  'return',
  'wait',
  'resume',
  'resolve',
  'reply',
  'close',
  'reopen',
  'cancel',
  'merge',
  'update',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const OPEN: readonly TicketStatus[] = ['submitted', 'pending', 'in_progress', 'waiting', 'returned'];
const IN_DEPARTMENT: readonly TicketStatus[] = ['pending', 'in_progress'];
const HANDLERS: readonly Role[] = ['admin', 'supervisor', 'handler'];
const CALL_CENTRE: readonly Role[] = ['admin', 'supervisor', 'agent'];

/**
 * How the outcome of an action depends on its input. Most actions lead to one status; a few
 * depend on what the user chose (a reply's objection) or on the ticket (where a reopen goes).
 */
export type Outcome =
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'unchanged' }
  | { kind: 'reply' }
  | { kind: 'reopen' };

interface Transition {
  from: readonly TicketStatus[];
  roles: readonly Role[];
  outcome: Outcome;
}

const to = (status: TicketStatus): Outcome => ({ kind: 'status', status });
const unchanged: Outcome = { kind: 'unchanged' };

/** The whole lifecycle in one table: for each action, the statuses it starts from and the roles that may take it. */
export const TRANSITIONS: Readonly<Record<TicketAction, Transition>> = {
  dispatch: { from: ['submitted', 'returned'], roles: CALL_CENTRE, outcome: to('pending') },
  assign: { from: IN_DEPARTMENT, roles: ['admin', 'supervisor'], outcome: to('pending') },
  claim: { from: ['pending'], roles: HANDLERS, outcome: to('pending') },
  accept: { from: ['pending'], roles: HANDLERS, outcome: to('in_progress') },
  note: {
    from: TICKET_STATUSES.filter((s) => s !== 'merged'),
    roles: ['admin', 'supervisor', 'agent', 'handler'],
    outcome: unchanged,
  },
  transfer: { from: IN_DEPARTMENT, roles: HANDLERS, outcome: to('pending') },
  return: { from: IN_DEPARTMENT, roles: HANDLERS, outcome: to('returned') },
  wait: { from: ['in_progress'], roles: HANDLERS, outcome: to('waiting') },
  resume: { from: ['waiting'], roles: HANDLERS, outcome: to('in_progress') },
  resolve: { from: ['in_progress'], roles: HANDLERS, outcome: to('handled') },
  reply: { from: ['handled', 'replied'], roles: CALL_CENTRE, outcome: { kind: 'reply' } },
  close: { from: ['handled', 'replied'], roles: ['admin', 'supervisor', 'agent', 'handler'], outcome: to('closed') },
  reopen: { from: ['closed'], roles: CALL_CENTRE, outcome: { kind: 'reopen' } },
  cancel: { from: OPEN, roles: CALL_CENTRE, outcome: to('cancelled') },
  merge: { from: OPEN, roles: CALL_CENTRE, outcome: to('merged') },
  update: {
    from: [...OPEN, 'handled', 'replied'],
    roles: ['admin', 'supervisor', 'agent', 'handler'],
    outcome: unchanged,
  },
};

/** Who may record a new ticket: everyone but the read-only auditor. */
export function mayCreateTickets(role: Role): boolean {
  return role !== 'auditor';
}

export type Decision =
  | { allowed: true; transition: Transition }
  | { allowed: false; reason: 'role' | 'status'; allowedActions: TicketAction[] };

/** Decides whether a role may take an action on a ticket in a status, by the table alone. */
export function decide(status: TicketStatus, action: TicketAction, role: Role): Decision {
  const transition = TRANSITIONS[action];
  if (!transition.roles.includes(role)) {
    return { allowed: false, reason: 'role', allowedActions: actionsFor(status, role) };
  }
  if (!transition.from.includes(status)) {
    return { allowed: false, reason: 'status', allowedActions: actionsFor(status, role) };
  }
  return { allowed: true, transition };
}

/** Every action the table lets a role take on a ticket in this status. */
export function actionsFor(status: TicketStatus, role: Role): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => {
    const t = TRANSITIONS[action];
    return t.roles.includes(role) && t.from.includes(status);
  });
}

/** The status a reply leads to: an objection reopens handling, acceptance closes, no answer yet stays replied. */
export function statusAfterReply(objection: boolean | undefined): TicketStatus {
  if (objection === true) return 'pending';
  if (objection === false) return 'closed';
  return 'replied';
}

/** A reopened ticket goes back to the department that last had it, or to dispatch when it never reached one. */
export function statusAfterReopen(lastDepartmentId: string | null): TicketStatus {
  return lastDepartmentId ? 'pending' : 'submitted';
}

/** Whether a ticket in this status is still being worked on. */
export function isOpen(status: TicketStatus): boolean {
  return OPEN.includes(status) || status === 'handled' || status === 'replied';
}
