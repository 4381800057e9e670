import type { TFunction } from 'i18next';
import type { ApiError } from '../../api/client';

/** What the server takes as a phone number as written: digits, spaces, + - ( ) . with 3–20 digits (customers/domain/customer.ts). */
export const PHONE_RULE = /^(?=(?:\D*\d){3,20}\D*$)[\d\s+\-().]{3,40}$/;

/** The longest tag the server keeps. */
export const TAG_LIMIT = 40;

/** `identity_taken` under its field: this customer has it already, or someone else does (then only a supervisor's merge joins them). */
export function identityTakenText(error: ApiError, customerId: string | undefined, t: TFunction): string | undefined {
  if (error.code !== 'identity_taken') return undefined;
  return error.problem.customerId === customerId ? t('customers.form.ownIdentity') : t('customers.form.otherIdentity');
}
