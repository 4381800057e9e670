import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { AppError, conflict, fieldIssue, notFound, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { SlaSummaryState } from '../../sla/domain/deadline.js';
import { canSeeTicket, visibilityScope } from '../../tickets/domain/ticket-access.js';
import { TICKET_STATUSES, isOpen, type TicketStatus } from '../../tickets/domain/ticket-state-machine.js';
import type { CustomerTicketRow } from '../persistence/customer-tickets-repository.js';
import type { AuditAction, AuditEntry, AuditSubjectType } from '../domain/audit.js';
import {
  emailProblem,
  idNumberProblem,
  normaliseEmail,
  normaliseExternalId,
  normaliseIdNumber,
  normalisePhone,
  phoneProblem,
  KINDS_WITH_PRIMARY,
  type Customer,
  type IdentityKind,
} from '../domain/customer.js';
import { seesInFull } from '../domain/privacy.js';

/** An identity as the reader may see it: the value in full, or its mask with `masked: true`. */
export interface PresentedIdentity {
  id: string;
  kind: IdentityKind;
  scheme: string | null;
  label: string | null;
  primary: boolean;
  value: string;
  masked: boolean;
}

/** A customer with everything its record page shows about the customer itself. */
export interface CustomerRecord {
  customer: Customer;
  tags: string[];
  parent: { id: string; name: string } | null;
  identities: PresentedIdentity[];
}

/** A ticket in a customer's history, with its reference data named. */
export interface CustomerTicket {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  channel: string;
  category: RefName;
  serviceItem: RefName;
  priority: RefName;
  department: RefName | null;
  assignee: { id: string; username: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  sla: { state: SlaSummaryState | null; dueAt: string | null };
}

export interface RefName {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

/** A customer's tickets as far as the reader may see them: the open ones and the latest ten. */
export interface CustomerTickets {
  open: CustomerTicket[];
  recent: CustomerTicket[];
}

export const OPEN_STATUSES = TICKET_STATUSES.filter(isOpen);
const RECENT_TICKETS = 10;
const OPEN_TICKETS = 50;

/** Loads the customer's record, decrypting only the values the reader's role sees in full. */
export async function loadRecord(repos: Repositories, actor: Actor, customer: Customer): Promise<CustomerRecord> {
  const [identities, tags, parent] = await Promise.all([
    repos.customers.identitiesOf(customer.id, (identity) => seesInFull(actor.role, identity.kind)),
    repos.customers.tagsOf([customer.id]),
    customer.parentId ? repos.customers.findById(customer.parentId) : Promise.resolve(null),
  ]);
  return {
    customer,
    tags: tags.get(customer.id) ?? [],
    parent: parent ? { id: parent.id, name: parent.name } : null,
    identities: identities.map(({ value, hint, customerId: _c, createdAt: _at, ...identity }) => ({
      ...identity,
      value: value ?? hint,
      masked: value === null,
    })),
  };
}

/** The customer's open and recent tickets, each checked with the same visibility rule as a single-ticket read. */
export async function ticketsOf(repos: Repositories, actor: Actor, customerId: string): Promise<CustomerTickets> {
  // Most callers have a handful of tickets: one page then holds the whole history, open ones included.
  const [reference, rows] = await Promise.all([repos.reference(), historyPage(repos, actor, customerId, {})]);
  const visible = visibleRows(actor, rows);
  const whole = rows.length < HISTORY_PAGE;
  const recent = whole || visible.length >= RECENT_TICKETS ? visible.slice(0, RECENT_TICKETS) : await visibleHistory(repos, actor, customerId, RECENT_TICKETS);
  const open = whole
    ? visible.filter((row) => isOpen(row.status)).slice(0, OPEN_TICKETS)
    : await visibleHistory(repos, actor, customerId, OPEN_TICKETS, OPEN_STATUSES);
  const name = <T extends RefName>(lookup: { find(ref: string): T | undefined }, id: string): RefName => {
    const found = lookup.find(id);
    return found ? { id: found.id, code: found.code, name: found.name, nameEn: found.nameEn } : { id, code: id, name: id, nameEn: null };
  };
  const present = (row: CustomerTicketRow): CustomerTicket => ({
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    channel: row.channel,
    category: name(reference.categories, row.categoryId),
    serviceItem: name(reference.serviceItems, row.serviceItemId),
    priority: name(reference.priorities, row.priorityId),
    department: row.departmentId ? name(reference.departments, row.departmentId) : null,
    assignee: row.assignee,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    sla: { state: row.slaState, dueAt: row.slaDueAt },
  });
  return { open: open.map(present), recent: recent.map(present) };
}

/** Tickets read per page of a customer's history. */
const HISTORY_PAGE = 50;
/** Pages of the history scanned for tickets the reader may see, at most: a bound on the work of one screen pop. */
const MAX_HISTORY_PAGES = 5;

/** Reads a page of the customer's history with what the visibility rule needs to know about the actor. */
function historyPage(repos: Repositories, actor: Actor, customerId: string, options: { statuses?: readonly TicketStatus[]; before?: readonly [string, string] }) {
  const participant = visibilityScope(actor).everything ? undefined : actor.id;
  return repos.customerTickets.history(customerId, { ...options, limit: HISTORY_PAGE, participant });
}

/** The rows the actor may see, by the rule of a single-ticket read. */
function visibleRows(actor: Actor, rows: readonly CustomerTicketRow[]): CustomerTicketRow[] {
  return rows.filter((row) =>
    canSeeTicket(actor, { status: row.status, departmentId: row.departmentId, assigneeId: row.assignee?.id ?? null, createdBy: row.createdBy, isParticipant: row.participated }),
  );
}

/** The newest `want` tickets of the customer (of these statuses) the actor may see, page by page. */
async function visibleHistory(
  repos: Repositories,
  actor: Actor,
  customerId: string,
  want: number,
  statuses?: readonly TicketStatus[],
): Promise<CustomerTicketRow[]> {
  const visible: CustomerTicketRow[] = [];
  let before: readonly [string, string] | undefined;
  for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
    const rows = await historyPage(repos, actor, customerId, { statuses, before });
    visible.push(...visibleRows(actor, rows));
    const last = rows.at(-1);
    if (visible.length >= want || rows.length < HISTORY_PAGE || !last) break;
    before = [last.createdAt, last.id];
  }
  return visible.slice(0, want);
}

/** A customer that exists and is not deleted (a merged one is returned; callers decide). */
export async function findCustomer(repos: Repositories, id: string, lock = false): Promise<Customer> {
  const customer = await repos.customers.findById(id, lock);
  if (!customer || customer.deletedAt !== null) throw notFound('Customer', id);
  return customer;
}

/**
 * A customer that may be changed, locked for the change (PostgreSQL): a merged one answers 409
 * naming the survivor. Only for writes.
 */
export async function findLiveCustomer(repos: Repositories, id: string): Promise<Customer> {
  const customer = await findCustomer(repos, id, true);
  if (customer.mergedIntoId) {
    throw conflict('customer_merged', `Customer ${id} was merged into ${customer.mergedIntoId}; change that one instead.`, {
      mergedIntoId: customer.mergedIntoId,
    });
  }
  return customer;
}

/** An identity to store, normalised, with the field it came from (for errors). */
export interface IdentityDraft {
  kind: IdentityKind;
  scheme: string | null;
  label: string | null;
  primary: boolean;
  value: string;
  field: string;
}

export type IdentityInput =
  | { kind: 'phone'; number: string; label?: string | null; primary?: boolean }
  | { kind: 'email'; address: string; label?: string | null; primary?: boolean }
  | { kind: 'external'; scheme: string; value: string }
  | { kind: 'id_card'; value: string };

/** Normalises and checks one identity as written; problems go to `issues` under `field` (the body's path to it; '' for a whole body). */
export function draftIdentity(input: IdentityInput, field: string, defaultAreaCode: string | undefined, issues: FieldIssue[]): IdentityDraft | null {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  const base = { scheme: null, label: null, primary: false, field: field || 'value' };
  const refuse = (path: string, message: string, format: IdentityKind) => {
    issues.push(fieldIssue(path, 'invalid_format', message, { format }));
    return null;
  };
  switch (input.kind) {
    case 'phone': {
      const value = normalisePhone(input.number, defaultAreaCode);
      const problem = phoneProblem(input.number, value);
      if (problem) return refuse(at('number'), problem, 'phone');
      return { ...base, kind: 'phone', value, label: input.label ?? null, primary: input.primary ?? false, field: at('number') };
    }
    case 'email': {
      const value = normaliseEmail(input.address);
      const problem = emailProblem(value);
      if (problem) return refuse(at('address'), problem, 'email');
      return { ...base, kind: 'email', value, label: input.label ?? null, primary: input.primary ?? false, field: at('address') };
    }
    case 'external':
      return { ...base, kind: 'external', scheme: input.scheme, value: normaliseExternalId(input.value), field: at('value') };
    case 'id_card': {
      const value = normaliseIdNumber(input.value);
      const problem = idNumberProblem(value);
      if (problem) return refuse(base.field, problem, 'id_card');
      return { ...base, kind: 'id_card', value };
    }
  }
}

/** Refuses the same value given twice in one request, and more than one primary of a kind. */
export function duplicateIssues(drafts: readonly IdentityDraft[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const primaries = new Set<IdentityKind>();
  for (const draft of drafts) {
    const key = `${draft.kind}\u0000${draft.scheme ?? ''}\u0000${draft.value}`;
    if (seen.has(key)) issues.push(fieldIssue(draft.field, 'duplicate', 'is given twice'));
    seen.add(key);
    if (draft.primary && primaries.has(draft.kind)) issues.push(fieldIssue(draft.field, 'conflicts', `only one ${draft.kind} may be primary`));
    if (draft.primary) primaries.add(draft.kind);
  }
  return issues;
}

/**
 * Stores identities for a customer; a value another customer holds is a 409 naming the field and
 * the holder (whom the caller may then merge with). Answers the stored ids, in order.
 */
export async function storeIdentities(repos: Repositories, customerId: string, drafts: readonly IdentityDraft[], at: string): Promise<string[]> {
  const ids: string[] = [];
  for (const draft of drafts) {
    const id = newId();
    const stored = await repos.customers.addIdentity({ id, customerId, kind: draft.kind, scheme: draft.scheme, label: draft.label, primary: draft.primary, value: draft.value, createdAt: at });
    if (!stored.added) throw identityTaken(draft, stored.heldBy, customerId);
    ids.push(id);
  }
  for (const kind of new Set(drafts.map((d) => d.kind).filter((k) => KINDS_WITH_PRIMARY.includes(k)))) {
    const primary = drafts.findIndex((d) => d.kind === kind && d.primary);
    await repos.customers.settlePrimary(customerId, kind, primary >= 0 ? ids[primary]! : null);
  }
  return ids;
}

function identityTaken(draft: IdentityDraft, heldBy: string, customerId: string): AppError {
  const what = { phone: 'phone number', email: 'email address', external: `${draft.scheme} id`, id_card: 'ID number' }[draft.kind];
  const whose = heldBy === customerId ? 'this customer already has it' : `it belongs to customer ${heldBy}`;
  return conflict('identity_taken', `${draft.field}: this ${what} is already recorded; ${whose}. Merge the two customers if they are the same.`, {
    customerId: heldBy,
    errors: [fieldIssue(draft.field, 'taken', `is already recorded (customer ${heldBy})`)],
  });
}

/** An audit entry by this actor, now. */
export function auditEntry(
  actor: Actor | null,
  action: AuditAction,
  subjectType: AuditSubjectType,
  subjectId: string,
  data: Record<string, unknown>,
  at: string,
): AuditEntry {
  return { id: newId(), actorId: actor?.id ?? null, action, subjectType, subjectId, data, at };
}
