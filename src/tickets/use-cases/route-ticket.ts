import type { Repositories } from '../../app/repositories.js';
import { findRoute, type RoutingRule } from '../../routing/domain/routing-rules.js';
import type { Ticket } from '../domain/ticket.js';
import { serviceItemPath } from '../../app/resolve-references.js';

/**
 * Finds the routing rule that sends this ticket to a department, or null when no rule matches.
 * A caller that has the customer at hand passes its tier, which saves reading it again.
 */
export async function routeFor(repos: Repositories, ticket: Ticket, known: { customerTier?: string | null } = {}): Promise<RoutingRule | null> {
  const rules = (await repos.reference()).routingRules;
  if (rules.length === 0) return null;
  const customerTier =
    known.customerTier !== undefined ? known.customerTier : ticket.customerId ? ((await repos.customers.findById(ticket.customerId))?.tier ?? null) : null;
  return findRoute(rules, {
    categoryId: ticket.categoryId,
    serviceItemPath: await serviceItemPath(repos, ticket.serviceItemId),
    priorityId: ticket.priorityId,
    channel: ticket.channel,
    customerTier,
    text: `${ticket.title}\n${ticket.description}`,
  });
}
