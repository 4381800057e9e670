import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { fieldIssue, forbidden, invalidField, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { maskPhone, normalisePhone, phoneProblem, type Customer, type CustomerType } from '../domain/customer.js';
import { mayFindByPhone } from '../domain/privacy.js';
import { auditEntry } from './customer-records.js';

/** The caller as an agent records them on a ticket. */
export interface TicketCustomerInput {
  id?: string;
  name?: string;
  phone?: string;
  tier?: string;
  type?: CustomerType;
}

/**
 * The customer of a new ticket: by id (a merged one leads to its survivor), else the holder of the
 * phone number (one probe of the lookup hash), else a new customer with that number. Runs inside
 * the ticket's transaction, so a refused ticket leaves no customer behind.
 */
export async function findOrCreateTicketCustomer(
  repos: Repositories,
  actor: Actor,
  input: TicketCustomerInput,
  at: string,
  defaultAreaCode?: string,
): Promise<Customer> {
  if (input.id) return survivorOf(repos, input.id);
  refuseMaskedRolesPhone(actor, input);
  const phone = checkedPhone(input, defaultAreaCode);
  // The holder comes with its row in one query; only a merged or deleted one needs the walk.
  const holder = phone ? (await repos.customers.findByIdentity('phone', null, phone))?.customer : null;
  if (holder) return holder.mergedIntoId || holder.deletedAt !== null ? survivorOf(repos, holder.id) : holder;
  const customer: Customer = {
    id: newId(),
    // Never the number itself: a name is stored and indexed in plain text.
    name: input.name ?? maskPhone(phone!),
    tier: input.tier ?? null,
    type: input.type ?? 'individual',
    parentId: null,
    mergedIntoId: null,
    deletedAt: null,
    attributes: {},
    createdAt: at,
    updatedAt: at,
  };
  await repos.customers.insert(customer);
  if (phone !== null) {
    const stored = await repos.customers.addIdentity({ id: newId(), customerId: customer.id, kind: 'phone', scheme: null, label: null, primary: true, value: phone, createdAt: at });
    if (!stored.added) {
      // A concurrent ticket for the same new caller created them first: use theirs.
      await repos.customers.discard(customer.id);
      return survivorOf(repos, stored.heldBy);
    }
    await repos.customers.settlePrimary(customer.id, 'phone', null);
  }
  await repos.audit.record([auditEntry(actor, 'customer.created', 'customer', customer.id, { via: 'ticket' }, at)]);
  return customer;
}

/** Refuses, writing nothing, a customer no ticket can be recorded with (checked before a create takes its number). */
export async function checkTicketCustomer(repos: Repositories, actor: Actor, input: TicketCustomerInput, defaultAreaCode?: string): Promise<void> {
  if (input.id) {
    await survivorOf(repos, input.id);
  } else {
    refuseMaskedRolesPhone(actor, input);
    checkedPhone(input, defaultAreaCode);
  }
}

/**
 * A number finds its holder, whose name the new ticket then shows: for a role that sees numbers
 * masked, that would tell whose number it is (mayFindByPhone). They choose the customer by id.
 */
function refuseMaskedRolesPhone(actor: Actor, input: TicketCustomerInput): void {
  if (!input.phone || mayFindByPhone(actor.role)) return;
  const message = `a user with the role ${actor.role} sees phone numbers masked, so may not name a ticket's customer by one; choose the customer (customer.id)`;
  throw forbidden('action_forbidden', `customer.phone: ${message}.`, { errors: [fieldIssue('customer.phone', 'forbidden', message)] });
}

/** The caller's phone number in its stored form; a caller needs a number or at least a name. */
function checkedPhone(input: TicketCustomerInput, defaultAreaCode?: string): string | null {
  const phone = input.phone ? normalisePhone(input.phone, defaultAreaCode) : null;
  // The customers' own rule: keeping only the digits of "1.38001E+10" (Excel's) or "分机abc123"
  // would file unrelated callers under one customer.
  const problem = phone !== null ? phoneProblem(input.phone!, phone) : null;
  if (problem) throw invalidField('customer.phone', 'invalid_format', problem, 'invalid_field', { format: 'phone' });
  if (!input.name && !phone) {
    throw unprocessable('invalid_customer', 'customer: give an id, a phone number or a name.', [
      fieldIssue('customer', 'required', 'needs an id, a phone number or a name'),
    ]);
  }
  return phone;
}

async function survivorOf(repos: Repositories, id: string): Promise<Customer> {
  let customer = await repos.customers.findById(id);
  for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await repos.customers.findById(customer.mergedIntoId);
  if (!customer || customer.deletedAt !== null || customer.mergedIntoId) {
    throw unprocessable('invalid_reference', 'customer.id: no such customer.', [fieldIssue('customer.id', 'unknown_reference', 'no such customer')]);
  }
  return customer;
}
