import type { UseCaseContext } from '../../app/context.js';
import type { Actor } from '../../auth/domain/actor.js';
import { AppError, forbidden, invalidField } from '../../platform/errors.js';
import { maskPhone, normalisePhone, type CustomerType } from '../domain/customer.js';
import { mayFindByPhone } from '../domain/privacy.js';
import { customerIdByPhone } from './find-by-phone.js';
import type { CustomerPosition, CustomerSummary } from '../persistence/customers-repository.js';
import { findCustomer, loadRecord, ticketsOf, type CustomerRecord, type CustomerTickets } from './customer-records.js';
import { mayRevealContacts } from './reveal-identity.js';

export interface CustomerListRequest {
  q?: string;
  match?: 'prefix' | 'contains';
  tags?: string[];
  tiers?: string[];
  types?: CustomerType[];
  parentId?: string;
  limit: number;
  after?: CustomerPosition;
}

export interface CustomerPage {
  items: CustomerSummary[];
  /** [nameKey, id] of the last item when more follow. */
  next: CustomerPosition | null;
}

/** A typed search that looks like a phone number (only phone characters, 5 digits or more) also finds the customer it belongs to. */
const looksLikePhone = (q: string) => /^[\d\s+\-().]+$/.test(q) && q.replace(/\D/g, '').length >= 5;

/** A page of live customers in name order, filtered by name (prefix or contains), tag, tier, type or enterprise. */
export async function listCustomers(ctx: UseCaseContext, actor: Actor, request: CustomerListRequest): Promise<CustomerPage> {
  return ctx.uow.read(async (repos) => {
    const q = request.q?.trim();
    let orIds: string[] | undefined;
    const owner = q && looksLikePhone(q) ? await customerIdByPhone(repos, actor, q, ctx.defaultAreaCode) : null;
    if (owner) orIds = [owner];
    return repos.customers.list({
      ...(q && { name: { text: q, match: request.match ?? 'prefix' }, orIds }),
      tags: request.tags,
      tiers: request.tiers,
      types: request.types,
      parentId: request.parentId,
      limit: request.limit,
      after: request.after,
    });
  });
}

/** The contacts of an enterprise customer, in name order. */
export async function listContacts(ctx: UseCaseContext, actor: Actor, enterpriseId: string, page: { limit: number; after?: CustomerPosition }): Promise<CustomerPage> {
  await ctx.uow.read((repos) => findCustomer(repos, enterpriseId));
  return listCustomers(ctx, actor, { parentId: enterpriseId, ...page });
}

export interface CustomerDetail {
  record: CustomerRecord;
  contacts: CustomerSummary[];
  contactCount: number;
  tickets: CustomerTickets;
  /** The reader may unmask the customer's phone numbers and emails (POST …/reveal would not refuse). */
  mayReveal: boolean;
}

const CONTACTS_SHOWN = 50;

/** One customer with identities, contacts (the first 50) and tickets; a merged one names its survivor. */
export async function getCustomer(ctx: UseCaseContext, actor: Actor, id: string): Promise<CustomerDetail> {
  return ctx.uow.read(async (repos) => {
    const customer = await findCustomer(repos, id);
    const enterprise = customer.type === 'enterprise';
    const [record, contacts, contactCount, tickets, mayReveal] = await Promise.all([
      loadRecord(repos, actor, customer),
      enterprise ? repos.customers.list({ parentId: customer.id, limit: CONTACTS_SHOWN }) : Promise.resolve({ items: [] }),
      enterprise ? repos.customers.countContacts(customer.id) : Promise.resolve(0),
      ticketsOf(repos, actor, customer.id),
      mayRevealContacts(repos, actor, customer.id),
    ]);
    return { record, contacts: contacts.items, contactCount, tickets, mayReveal };
  });
}

export interface CustomerLookup {
  record: CustomerRecord;
  /** The identity the number matched. */
  matchedIdentityId: string;
  tickets: CustomerTickets;
}

/**
 * 来电弹屏: the caller's record, open tickets and last ten tickets from a phone number in any
 * common format. One probe of the unique (kind, hash) index finds the customer; the tickets come
 * from the (customer_id, created_at) index.
 */
export async function lookupCustomerByPhone(ctx: UseCaseContext, actor: Actor, phone: string): Promise<CustomerLookup> {
  if (!mayFindByPhone(actor.role)) {
    throw forbidden('action_forbidden', `A user with the role ${actor.role} sees phone numbers masked, so may not look customers up by one.`);
  }
  const normalised = normalisePhone(phone, ctx.defaultAreaCode);
  if (normalised.length < 3 || normalised.length > 20) throw invalidField('phone', 'invalid_format', 'must contain the 3 to 20 digits of a phone number', 'invalid_field', { format: 'phone' });
  return ctx.uow.read(async (repos) => {
    const found = await repos.customers.findByIdentity('phone', null, normalised);
    if (!found || found.customer.deletedAt !== null) {
      throw new AppError(404, 'not_found', `No customer has the phone number ${maskPhone(normalised)}.`, { resource: 'Customer' });
    }
    const [record, tickets] = await Promise.all([loadRecord(repos, actor, found.customer), ticketsOf(repos, actor, found.customer.id)]);
    return { record, matchedIdentityId: found.identityId, tickets };
  });
}
