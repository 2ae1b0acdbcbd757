/**
 * Stable error ids: clients, tests and docs rely on them, so an id is never
 * renamed or reused. The HTTP status lives beside the id so every edge maps a
 * failure the same way.
 */
export const ERROR_STATUS = {
  bad_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  not_authenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  in_use: 409,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorId = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: { id: ErrorId; message: string; details?: unknown };
}

/** A failure with a stable id; the HTTP adapter turns it into `{error:{id,message,details}}`. */
export class AppError extends Error {
  readonly id: ErrorId;
  readonly details?: unknown;
  readonly status: number;
  constructor(id: ErrorId, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.id = id;
    this.details = details;
    this.status = ERROR_STATUS[id];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
