import type { UseCaseContext } from '../../app/context.js';
import { ROLES, type Actor } from '../../auth/domain/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { IdentityKind } from '../domain/customer.js';
import { mayUnmask, unmasksOnlyForOwnTickets, vouchesForTicketCustomer } from '../domain/privacy.js';
import type { Repositories } from '../../app/repositories.js';
import { visibilityScope } from '../../tickets/domain/ticket-access.js';
import { auditEntry, findCustomer } from './customer-records.js';

export interface RevealedIdentity {
  identityId: string;
  kind: IdentityKind;
  scheme: string | null;
  value: string;
}

/**
 * Unmasks one phone number, email, external id or ID number for a role allowed to (see
 * domain/privacy; a handler needs a ticket of the customer's, see `hasVouchedTicket`), and records it in the audit trail in the same transaction: no unmasking
 * without its record.
 */
export async function revealIdentity(ctx: UseCaseContext, actor: Actor, customerId: string, identityId: string): Promise<RevealedIdentity> {
  return ctx.uow.write(async (repos) => {
    const at = ctx.clock.now().toISOString();
    const customer = await findCustomer(repos, customerId);
    const identity = await repos.customers.findIdentity(customer.id, identityId);
    if (!identity) throw notFound('Identity', identityId);
    if (!mayUnmask(actor.role, identity.kind)) {
      throw forbidden('reveal_forbidden', `A user with the role ${actor.role} may not unmask a customer's ${identity.kind.replace('_', ' ')}.`);
    }
    if (unmasksOnlyForOwnTickets(actor.role) && !(await hasVouchedTicket(repos, actor, customer.id))) {
      throw forbidden(
        'reveal_forbidden',
        `A user with the role ${actor.role} may unmask only the customers of tickets they may see that the call centre, a supervisor or an administrator opened.`,
      );
    }
    const value = await repos.customers.reveal(identity.id);
    await repos.audit.record([
      auditEntry(actor, 'customer.identity_revealed', 'customer', customer.id, { identityId, kind: identity.kind, scheme: identity.scheme, hint: identity.hint }, at),
    ]);
    return { identityId, kind: identity.kind, scheme: identity.scheme, value: value! };
  });
}

/**
 * A handler's reason to unmask: a ticket of the customer that they may see and that someone who
 * sees the numbers in full opened (domain/privacy, `vouchesForTicketCustomer`). A ticket a handler
 * opened does not count, whoever of them it was: handlers may name any customer on a new ticket,
 * so such a ticket could be opened for no other purpose than the unmasking.
 */
async function hasVouchedTicket(repos: Repositories, actor: Actor, customerId: string): Promise<boolean> {
  const oneOfTheirs = {
    customerIds: [customerId],
    creatorRoles: ROLES.filter(vouchesForTicketCustomer),
    sort: { key: 'createdAt', direction: 'desc' } as const,
    limit: 1,
  };
  return (await repos.tickets.count(oneOfTheirs, visibilityScope(actor), 1)).count > 0;
}

/**
 * Decrypts the primary phone numbers that ticket views carry sealed, for a reader who sees phone
 * numbers in full (the HTTP layer asks; see customers/http/ticket-customer-phones).
 */
export async function openTicketCustomerPhones(ctx: UseCaseContext, sealed: readonly string[]): Promise<string[]> {
  return ctx.uow.read(async (repos) => repos.customers.openPhones(sealed));
}

/** Whether this actor may unmask the customer's phone numbers and emails, as `revealIdentity` decides: for the console's 显示. */
export async function mayRevealContacts(repos: Repositories, actor: Actor, customerId: string): Promise<boolean> {
  if (!mayUnmask(actor.role, 'phone')) return false;
  return !unmasksOnlyForOwnTickets(actor.role) || hasVouchedTicket(repos, actor, customerId);
}
