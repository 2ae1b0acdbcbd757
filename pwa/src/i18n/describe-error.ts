import { ApiError, NetworkError, fieldIssues, type FieldIssue } from '../data/errors.ts';
import type { MessageKey, Translator } from './translator.ts';

export interface ErrorView {
  /** The localised sentence for the error id. */
  message: string;
  /** The appliance's own wording, when it adds something (a name, a reason). */
  detail?: string;
  fields: FieldIssue[];
}

const GENERIC_REJECTIONS = new Set(['bad_json', 'unsupported_media_type', 'payload_too_large', 'method_not_allowed', 'bad_response']);

/** Turns any failure into words for the user; the error id picks the sentence. */
export function describeError(t: Translator, e: unknown): ErrorView {
  if (e instanceof NetworkError) return { message: t.t('error.network'), fields: [] };
  if (!(e instanceof ApiError)) return { message: t.t('error.unexpected'), fields: [] };
  if (e.id === 'rate_limited') {
    const message = e.retryAfterSeconds
      ? t.t('error.rate_limited', { wait: t.duration(e.retryAfterSeconds) })
      : t.t('error.rate_limited_soon');
    return { message, fields: [] };
  }
  const key = `error.${GENERIC_REJECTIONS.has(e.id) ? 'rejected' : e.id}`;
  const message = t.has(key) ? t.t(key as MessageKey) : t.t('error.unexpected');
  // Ids whose sentence is complete on its own need no server wording; the others name the thing.
  const selfExplained = ['invalid_credentials', 'not_authenticated', 'session_expired', 'forbidden', 'validation_failed'];
  const detail = selfExplained.includes(e.id) ? undefined : e.message;
  return { message, detail, fields: fieldIssues(e) };
}
