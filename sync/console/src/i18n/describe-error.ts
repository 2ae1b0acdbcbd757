import { ApiError } from '../data/api.ts';
import { t } from './index.ts';

/** A refusal in the user's language, with the server's own message where it says more than the id. */
export function describeError(e: unknown): string {
  if (!(e instanceof ApiError)) return t('error.generic', { message: String((e as Error)?.message ?? e) });
  if (e.id === 'network') return t('error.network');
  if (e.id === 'forbidden') return t('error.forbidden');
  if (e.id === 'validation_failed') {
    const details = Array.isArray(e.details) ? (e.details as { path?: string; message?: string }[]).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ') : '';
    return t('error.validation', { message: details || e.message });
  }
  if (e.id === 'conflict' || e.id === 'in_use') return t('error.conflict', { message: e.message });
  if (e.id === 'not_found') return t('error.not_found', { message: e.message });
  return t('error.generic', { message: e.message });
}
