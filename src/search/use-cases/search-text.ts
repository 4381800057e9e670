import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { customerIdByPhone } from '../../customers/use-cases/find-by-phone.js';
import { parseQuery, type QueryTerm } from '../domain/tokenize.js';

/** A search box resolved for a query: the text terms left, and the customers a phone number named. */
export interface ResolvedSearchText {
  terms: QueryTerm[];
  /** The customers whose tickets the search is limited to (a full phone number of theirs was typed), or null. */
  customerIds: string[] | null;
}

/**
 * Parses the search box and resolves the terms that look like a full phone number. A number that
 * belongs to a customer stands for that customer's tickets: phones are not in the search index
 * (they are stored encrypted), so the customers module's keyed lookup finds the owner. A number
 * nobody owns stays a text term (it may be an order, ticket or waybill number).
 *
 * The ranked search (`searchTickets`) and the list condition of views, counts, exports and
 * batches (`withSearchText`) both resolve through here, with the organisation's default area
 * code, so a local landline (12345678) names the same customer in each. For roles that see phone
 * numbers masked a number stays text (`customerIdByPhone`).
 */
export async function resolveSearchText(repos: Repositories, actor: Actor, text: string, defaultAreaCode: string | undefined): Promise<ResolvedSearchText> {
  let customerIds: string[] | null = null;
  const terms: QueryTerm[] = [];
  for (const term of parseQuery(text).terms) {
    const customerId = term.phone ? await customerIdByPhone(repos, actor, term.phone, defaultAreaCode) : null;
    if (customerId) customerIds = intersect(customerIds ?? undefined, [customerId]);
    else terms.push(term);
  }
  return { terms, customerIds };
}

/** The ids in both; `current` undefined means no restriction yet. */
export function intersect(current: readonly string[] | undefined, ids: readonly string[]): string[] {
  return current ? current.filter((id) => ids.includes(id)) : [...ids];
}
