import { i18n } from './i18n';
import { ApiError } from './api';

// A stable code has a translated message; anything else falls back to the server's own detail.
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const key = `errors.${e.code}`;
    return i18n.exists(key) ? i18n.t(key) : e.detail || i18n.t('errors.generic');
  }
  return i18n.t('errors.generic');
}
