export const CUSTOMER_TYPES = ['individual', 'enterprise'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** The person or organisation a ticket is for. */
export interface Customer {
  id: string;
  name: string;
  phone: string | null;
  tier: string | null;
  type: CustomerType;
}

/**
 * Reduces a phone number to the digits that identify the line, so that +86 138 0013 8000,
 * 8613800138000 and 138-0013-8000 find the same customer. Mainland mobile numbers lose the
 * country code; landlines keep their area code as typed.
 */
export function normalisePhone(input: string): string {
  const digits = input.replace(/\D/g, '');
  const withoutCountry = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  return withoutCountry.startsWith('0086') ? withoutCountry.slice(4) : withoutCountry;
}
