import type { Repositories } from '../../app/repositories.js';
import type { Actor } from '../../auth/domain/actor.js';
import { normalisePhone } from '../domain/customer.js';
import { mayFindByPhone } from '../domain/privacy.js';

/**
 * The id of the customer who has a typed phone number (any common format), as the customer list,
 * ticket search and the similar-ticket probe find them: one probe of the lookup hash. Null when
 * nobody has it, and always for a role that sees numbers masked (a match would confirm a mask).
 */
export async function customerIdByPhone(repos: Repositories, actor: Actor, typed: string, defaultAreaCode: string | undefined): Promise<string | null> {
  if (!mayFindByPhone(actor.role)) return null;
  return (await repos.customers.findOwner('phone', null, normalisePhone(typed, defaultAreaCode)))?.customerId ?? null;
}
