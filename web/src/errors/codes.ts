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
  'no_route',
  'reply_required',
  'extension_pending',
  'extension_limit_reached',
  'extension_too_long',
  'extension_not_later',
  'extension_expired',
  'extension_decided',
  'extension_forbidden',
  'self_approval',
  'deadline_breached',
  'no_running_deadline',
  'view_change_forbidden',
  'batch_too_large',
  'routing_rules_changed',
  'holiday_year_unknown',
  'merge_target_not_found',
  'customer_merged',
  'identity_taken',
  'invalid_customer',
  'customer_has_contacts',
  'invalid_merge',
  'merge_type_conflict',
  'conflicting_id_numbers',
  'reveal_forbidden',
  'invalid_identity',
] as const;
export type KnownErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return (KNOWN_ERROR_CODES as readonly string[]).includes(code);
}
