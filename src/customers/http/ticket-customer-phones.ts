import type { UseCaseContext } from '../../app/context.js';
import type { HttpApp } from '../../platform/http/types.js';
import { seesInFull } from '../domain/privacy.js';
import { sealedPhoneOf } from '../persistence/sealed-phone.js';
import { openTicketCustomerPhones } from '../use-cases/reveal-identity.js';

/** Deep enough for a ticket in a list inside a result (`results[].ticket.customer`), shallow enough to stay cheap. */
const MAX_DEPTH = 6;

/**
 * Ticket reads show their customer's primary phone masked (the view carries the mask); for a
 * reader whose role sees phone numbers in full (domain/privacy), this hook puts the number in
 * before the answer is serialised. Every route answering ticket views is covered, present or
 * future: a view this hook does not reach stays masked, never the other way round.
 */
export function registerTicketCustomerPhones(app: HttpApp, ctx: UseCaseContext): void {
  app.addHook('preSerialization', async (request, _reply, payload: unknown) => {
    const actor = request.auth?.actor;
    if (!actor || !seesInFull(actor.role, 'phone') || payload === null || typeof payload !== 'object') return payload;
    const customers: Array<{ phone: string | null }> = [];
    collectSealed(payload, 0, customers);
    if (customers.length === 0) return payload;
    try {
      const phones = await openTicketCustomerPhones(ctx, customers.map((c) => sealedPhoneOf(c)!));
      customers.forEach((customer, i) => {
        customer.phone = phones[i]!;
      });
    } catch (error) {
      // A ciphertext that does not decrypt leaves the mask in place; the read still answers.
      request.log.error({ err: error }, 'a ticket customer phone number could not be decrypted');
    }
    return payload;
  });
}

function collectSealed(value: unknown, depth: number, found: Array<{ phone: string | null }>): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectSealed(item, depth + 1, found);
    return;
  }
  if (sealedPhoneOf(value) !== undefined) {
    found.push(value as { phone: string | null });
    return;
  }
  for (const key of Object.keys(value)) collectSealed((value as Record<string, unknown>)[key], depth + 1, found);
}
