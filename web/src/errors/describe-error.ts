import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';
import { FIELD_ISSUE_CODES, type FieldIssue, type FieldIssueCode } from '../api/domain';
import { isKnownErrorCode } from './codes';

/** What to tell the user about a failed request, in their language; the server's `detail` when the code is not one the catalogues explain. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (!isKnownErrorCode(error.code)) return error.detail || t('errorMessages.unknown');
    // A refusal naming a setting says where that setting is changed (`errors.<code>_<setting>`, i18next's context).
    const setting = typeof error.problem.setting === 'string' ? error.problem.setting.split('.')[0] : undefined;
    return t(`errors.${error.code}`, { context: setting });
  }
  if (error instanceof NetworkError) return t('errorMessages.network');
  return t('errorMessages.unknown');
}

/** Refusals whose words under the field the console has for the refusal itself (`fieldErrors`), more telling than its field issue's. */
const FIELD_TEXT_CODES = [
  'code_taken',
  'username_taken',
  'name_taken',
  'cannot_deactivate_self',
  'catalog_cycle',
  'current_password_required',
  'current_password_incorrect',
] as const;

const isFieldTextCode = (code: string): code is (typeof FIELD_TEXT_CODES)[number] => (FIELD_TEXT_CODES as readonly string[]).includes(code);
const isFieldIssueCode = (code: string): code is FieldIssueCode => (FIELD_ISSUE_CODES as readonly string[]).includes(code);

/**
 * What is wrong with one field, in the user's language: the console's words for the refusal
 * (`problemCode`) when it has its own, else for the field issue's code with its limit or format
 * filled in, else (a code newer than this console) the server's English.
 */
export function describeFieldIssue(issue: FieldIssue, t: TFunction, problemCode?: string): string {
  if (problemCode && isFieldTextCode(problemCode)) return t(`fieldErrors.${problemCode}`);
  if (!isFieldIssueCode(issue.code)) return issue.message;
  const params = issue.params ?? {};
  // A format, the unit of a limit or an exclusive bound picks the more precise text (`invalid_format_phone`,
  // `too_far_days`, `too_small_above`): i18next's context.
  const context = params.format !== undefined ? String(params.format) : (['days', 'minutes', 'above', 'below'] as const).find((key) => params[key] !== undefined);
  return t(`fieldIssues.${issue.code}`, { ...params, context, message: issue.message });
}
