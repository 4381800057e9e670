export const CUSTOMER_TYPES = ['individual', 'enterprise'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** A custom attribute's stored value; the definitions say which keys and types are allowed. */
export type AttributeValue = string | number | boolean;

/**
 * The person or organisation a ticket is for. An enterprise (政企) customer may have contacts:
 * individual customers whose `parentId` is the enterprise. A merged customer keeps its row with
 * `mergedIntoId` naming the survivor; its identities, tickets and contacts moved there.
 */
export interface Customer {
  id: string;
  name: string;
  tier: string | null;
  type: CustomerType;
  parentId: string | null;
  mergedIntoId: string | null;
  /** Deleting erases the identities and tags; the row stays, because tickets point at it. */
  deletedAt: string | null;
  attributes: Record<string, AttributeValue>;
  createdAt: string;
  updatedAt: string;
}

/**
 * How a customer is reached or recognised: phone numbers, emails, external ids (a WeChat openid,
 * an account number …) and the ID-card number. Values are personal data: stored encrypted, found
 * by a keyed hash of the normalised value, shown masked to roles that may not see them.
 */
export const IDENTITY_KINDS = ['phone', 'email', 'external', 'id_card'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Kinds of which a customer has a primary one (the number a ticket shows, the address to write to). */
export const KINDS_WITH_PRIMARY: readonly IdentityKind[] = ['phone', 'email'];

export interface Identity {
  id: string;
  customerId: string;
  kind: IdentityKind;
  /** External ids only: which system the value belongs to, e.g. `wechat_openid`, `account_no`. */
  scheme: string | null;
  label: string | null;
  primary: boolean;
  /** The masked form, e.g. 138****8000; stored, so lists need no decryption. */
  hint: string;
  createdAt: string;
}

/**
 * Reduces a phone number to the digits that identify the line, so that +86 138 0013 8000,
 * 8613800138000 and 138-0013-8000 find the same customer. The country code goes; a landline
 * written with it (+86 10 1234 5678) gets the trunk 0 it has when dialled at home (010…).
 * A mobile number dialled with a leading 0 (013800138000) loses it. With a default area code,
 * a local landline number written without one (8 digits not starting with 0, or 7 not starting
 * with 0 or 1) gets it, so `12345678` and `010-12345678` are the same line in Beijing. Mobile
 * (11 digits) and service numbers (95598, 10086, 400…) are never local numbers.
 */
export function normalisePhone(written: string, defaultAreaCode?: string | null): string {
  const input = halfWidth(written);
  let digits = input.replace(/\D/g, '');
  const withCountryCode = /^\s*(\+|00)\s*86/.test(input);
  if (withCountryCode) digits = digits.replace(/^(00)?86/, '');
  else if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
  if (/^01[3-9]\d{9}$/.test(digits)) digits = digits.slice(1);
  const mobile = /^1[3-9]\d{9}$/.test(digits);
  if (withCountryCode && !mobile && !digits.startsWith('0')) digits = `0${digits}`;
  if (defaultAreaCode && !withCountryCode && /^([1-9]\d{7}|[2-9]\d{6})$/.test(digits)) digits = `${defaultAreaCode}${digits}`;
  return digits;
}

/** A Chinese input method's full-width digits and punctuation (（０１０）６６００－１００２) as the ASCII ones. */
function halfWidth(text: string): string {
  return text.normalize('NFKC');
}

/** What is wrong with a phone number as written, or null; only digits, spaces, + - ( ) . and 3–20 digits. */
export function phoneProblem(input: string, normalised: string): string | null {
  if (!/^[\d\s+\-().]+$/.test(halfWidth(input).trim())) return 'may contain only digits, spaces and + - ( ) .';
  if (normalised.length < 3 || normalised.length > 20) return 'must have 3 to 20 digits';
  return null;
}

/** Emails match whatever the case they were written in. */
export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function emailProblem(normalised: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised) && normalised.length <= 254 ? null : 'must be an email address';
}

/** PRC resident ID numbers: 18 characters (the last may be X) or the old 15 digits; spaces go, x becomes X. */
export function normaliseIdNumber(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Checks the format and, for 18-character numbers, the GB 11643 check character. */
export function idNumberProblem(normalised: string): string | null {
  if (/^\d{15}$/.test(normalised)) return null;
  if (!/^\d{17}[\dX]$/.test(normalised)) return 'must be a resident ID number: 18 characters (digits, the last may be X) or 15 digits';
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(normalised[i]), 0);
  return ID_CHECK[sum % 11] === normalised[17] ? null : 'has a wrong check character (the last one)';
}

/** External ids are case-sensitive (WeChat openids are); only surrounding spaces go. */
export function normaliseExternalId(input: string): string {
  return input.trim();
}

/** The normalised value that identifies a line, an address or an id, ready for the lookup hash. */
export function lookupValue(kind: IdentityKind, scheme: string | null, normalised: string): string {
  return kind === 'external' ? `${scheme}:${normalised}` : normalised;
}

/**
 * Masks a value for display to someone who may not see it: 138****8000, z***@example.com,
 * 110***********123X, wx****ab. What stays visible is enough to tell two numbers apart on the phone.
 */
export function maskIdentity(kind: IdentityKind, value: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'email':
      return maskEmail(value);
    case 'id_card':
      return value.length > 7 ? `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}` : '*'.repeat(value.length);
    case 'external':
      return value.length > 6 ? `${value.slice(0, 2)}****${value.slice(-2)}` : '****';
  }
}

export function maskPhone(digits: string): string {
  if (digits.length >= 11) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  if (digits.length >= 8) return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 5)}${digits.slice(-3)}`;
  if (digits.length >= 4) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return '*'.repeat(digits.length);
}

export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** Case-insensitive key for name search and ordering. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** Tags compare without surrounding spaces; duplicates collapse, first spelling kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag && !seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}
