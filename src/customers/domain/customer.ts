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
 * 8613800138000 and 138-0013-8000 find the same customer. The country code goes; a landline
 * written with it (+86 10 1234 5678) gets the trunk 0 it has when dialled at home (010…).
 */
export function normalisePhone(input: string): string {
  let digits = input.replace(/\D/g, '');
  const withCountryCode = /^\s*(\+|00)\s*86/.test(input);
  if (withCountryCode) digits = digits.replace(/^(00)?86/, '');
  else if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
  const mobile = /^1[3-9]\d{9}$/.test(digits);
  if (withCountryCode && !mobile && !digits.startsWith('0')) digits = `0${digits}`;
  return digits;
}
