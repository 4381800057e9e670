import type { TFunction } from 'i18next';
import type { ApiError } from '../../api/client';
import { idNumberProblem, normaliseIdNumber, normalisePhone, phoneProblem } from '../../api/domain';

/** The longest tag the server keeps, and the most tags a customer has. */
export const TAG_LIMIT = 40;
export const TAGS_PER_CUSTOMER = 50;

/** A form rule that refuses what the server would refuse as a phone number (its own rule, customers/domain/customer.ts). */
export function phoneRule(t: TFunction) {
  return {
    validator: async (_: unknown, value?: string) => {
      const text = value?.trim();
      if (text && phoneProblem(text, normalisePhone(text)) !== null) throw new Error(t('customers.form.phoneRule'));
    },
  };
}

/** A form rule that refuses what the server would refuse as a resident ID number, check character included. */
export function idNumberRule(t: TFunction) {
  return {
    validator: async (_: unknown, value?: string) => {
      const text = value?.trim();
      if (text && idNumberProblem(normaliseIdNumber(text)) !== null) throw new Error(t('customers.form.idNumberRule'));
    },
  };
}

/** The systems external ids belong to are codes, as the server's codeSchema has them (wechat_openid, account_no). */
export const SCHEME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** `identity_taken` under its field: this customer has it already, or someone else does (then a merge joins them). */
export function identityTakenText(error: ApiError, customerId: string | undefined, t: TFunction): string | undefined {
  if (error.code !== 'identity_taken') return undefined;
  return error.problem.customerId === customerId ? t('customers.form.ownIdentity') : t('customers.form.otherIdentity');
}
