/**
 * When to look the caller up while the number is being typed. A mobile number (the usual
 * caller) is complete at its 11th digit and is looked up at once; a landline with a Beijing
 * or two-digit area code likewise. Anything else that could be a number (5+ digits: 95598,
 * a local landline, an area code of four digits) is looked up after a short pause, and Enter
 * looks up whatever is there. The server normalises every format (docs/customers.md).
 */
import { normalisePhone, phoneProblem } from '../../api/domain';

export type PhoneReadiness = 'complete' | 'plausible' | 'incomplete';

/** The digits that identify the line: separators, +86 / 0086 and a trunk 0 before a mobile left out. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  const mobile = /^(?:0086|86|0)?(1[3-9]\d{9})$/.exec(digits);
  return mobile ? mobile[1]! : digits;
}

/**
 * Whether the text is a phone number as the server takes it (digits, spaces, + - ( ) .; 3–20
 * digits). Anything else (138 0013 800 转 2) is never looked up: its digits alone are another number.
 */
export function isPhoneNumber(text: string): boolean {
  return phoneProblem(text, normalisePhone(text)) === null;
}

export function phoneReadiness(text: string): PhoneReadiness {
  if (!isPhoneNumber(text)) return 'incomplete';
  const digits = phoneDigits(text);
  if (/^1[3-9]\d{9}$/.test(digits) || /^0(?:10|2\d)\d{8}$/.test(digits)) return 'complete';
  // A mobile number still being typed: a lookup at every digit would only find nobody.
  if (/^1[3-9]\d{0,9}$/.test(digits)) return 'incomplete';
  return digits.length >= 5 ? 'plausible' : 'incomplete';
}

/** The pause after which a plausible, not obviously complete number is looked up. */
export const PLAUSIBLE_LOOKUP_DELAY_MS = 600;

/** Two ways of writing one number (+86 138 0013 8000, 13800138000) are the same number, by the server's own rule. */
export function samePhone(a: string, b: string): boolean {
  return normalisePhone(a) === normalisePhone(b);
}
