/**
 * Problem codes the console explains in the user's language (the catalogues have one text for
 * each); any other code falls back to the server's `detail`.
 */
export const KNOWN_ERROR_CODES = [
  'invalid_credentials',
  'unauthenticated',
  'rate_limited',
  'csrf_token_invalid',
  'validation_failed',
  'invalid_reference',
  'invalid_form_fields',
  'classification_required',
  'result_required',
  'action_not_allowed',
  'action_forbidden',
  'not_in_department',
  'assigned_to_someone_else',
  'assignee_not_in_department',
  'version_conflict',
  'not_found',
  'route_not_found',
  'admin_only',
  'payload_too_large',
  'internal_error',
  'database_unreachable',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}
