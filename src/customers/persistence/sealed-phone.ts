/**
 * Ticket views carry their customer's primary phone as the mask (138****8000), which is safe to
 * show anyone, and the ciphertext out of band: kept here against the view's customer object, so it
 * is never serialised. The HTTP layer unmasks it for readers who see phone numbers in full
 * (customers/http/ticket-customer-phones.ts); everything else shows the mask.
 */
const sealedPhones = new WeakMap<object, string>();

export function sealPhone<T extends object>(customer: T, sealed: string | null): T {
  if (sealed) sealedPhones.set(customer, sealed);
  return customer;
}

export function sealedPhoneOf(customer: object): string | undefined {
  return sealedPhones.get(customer);
}
