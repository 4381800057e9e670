import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from '../api/client';
import { isKnownErrorCode } from './codes';

/** What to tell the user about a failed request, in their language; the server's `detail` when the code is not one the catalogues explain. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    return isKnownErrorCode(error.code) ? t(`errors.${error.code}`) : error.detail || t('errorMessages.unknown');
  }
  if (error instanceof NetworkError) return t('errorMessages.network');
  return t('errorMessages.unknown');
}
