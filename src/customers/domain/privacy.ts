import type { Role } from '../../auth/domain/actor.js';
import type { IdentityKind } from './customer.js';

/**
 * Who sees customers' personal data, and who may unmask it.
 *
 * - Seen in full wherever it appears (customer reads, the lookup, ticket reads): phone numbers,
 *   emails and external ids, for admin, supervisor and agent. Agents call customers back and
 *   supervisors listen in, so for them a masked number would only be an obstacle.
 * - Masked for handler and auditor. Department staff work on the problem, not on the caller's
 *   contact details; auditors check the process and read the audit trail.
 * - ID-card numbers are masked for everyone; nobody needs them to handle a ticket.
 * - Unmasking one value (`POST /customers/{id}/reveal`) is allowed where there is a reason:
 *   admin, supervisor and agent for any kind (an agent verifying the caller's identity), a handler
 *   for phone numbers and emails of the customer of a ticket they may see (to call or write back
 *   about it) that someone who sees the numbers in full opened (`vouchesForTicketCustomer`), an
 *   auditor never.
 *   Every unmasking is written to the audit trail.
 *
 * Customer lists show the stored mask (the hint) to everyone, so a list never decrypts.
 */
const SEEN_IN_FULL: Record<Role, readonly IdentityKind[]> = {
  admin: ['phone', 'email', 'external'],
  supervisor: ['phone', 'email', 'external'],
  agent: ['phone', 'email', 'external'],
  handler: [],
  auditor: [],
};

const MAY_UNMASK: Record<Role, readonly IdentityKind[]> = {
  admin: ['phone', 'email', 'external', 'id_card'],
  supervisor: ['phone', 'email', 'external', 'id_card'],
  agent: ['phone', 'email', 'external', 'id_card'],
  handler: ['phone', 'email'],
  auditor: [],
};

/** Whether this role sees values of this kind in full in ordinary reads. */
export function seesInFull(role: Role, kind: IdentityKind): boolean {
  return SEEN_IN_FULL[role].includes(kind);
}

/**
 * Whether a full phone number this role types finds the customer who has it (the lookup, the
 * customer list, ticket search). Only for roles that see numbers in full: for the others each
 * match would confirm what a mask hides, and ten thousand tries uncover any `138****4444`.
 */
export function mayFindByPhone(role: Role): boolean {
  return seesInFull(role, 'phone');
}

/** Whether this role may unmask one value of this kind on request (recorded in the audit trail). */
export function mayUnmask(role: Role, kind: IdentityKind): boolean {
  return MAY_UNMASK[role].includes(kind);
}

/** Whether this role unmasks only the customers of tickets it may see (a handler's reason is the ticket). */
export function unmasksOnlyForOwnTickets(role: Role): boolean {
  return role === 'handler';
}

/**
 * Whether a ticket opened by someone of this role gives a handler a reason to unmask its customer.
 * Handlers may name any customer of the list (masked) on a new ticket; were their own tickets a
 * reason, anyone in a department could unmask anyone by opening a throw-away ticket first (or
 * having a colleague open one). So only tickets opened by a role that sees the numbers in full
 * anyway (the call centre, supervisors, administrators, and their imports and API tokens) count:
 * their naming of the customer hands nobody a number they could not have read themselves.
 */
export function vouchesForTicketCustomer(role: Role): boolean {
  return seesInFull(role, 'phone') && seesInFull(role, 'email');
}

/** Creating and editing customers: the people who talk to them and their supervisors. */
export function mayEditCustomers(role: Role): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'agent';
}

/** Merging moves tickets between customers: supervisors and admins. */
export function mayMergeCustomers(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}

/** Deleting erases a customer's personal data: admins only. */
export function mayDeleteCustomers(role: Role): boolean {
  return role === 'admin';
}

/** The audit trail: admins and auditors. */
export function mayReadAuditLog(role: Role): boolean {
  return role === 'admin' || role === 'auditor';
}

/**
 * A CSV export carries personal data out of the system in bulk, where a screen shows one
 * customer at a time. Only administrators export phone numbers, emails and external ids in full
 * (and each such export is written to the audit trail); everyone else's files carry the masks,
 * whatever their screens show. ID numbers are never exported in full.
 */
export function exportsInFull(role: Role, kind: IdentityKind): boolean {
  return role === 'admin' && kind !== 'id_card';
}
