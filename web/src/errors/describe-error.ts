import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';
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
