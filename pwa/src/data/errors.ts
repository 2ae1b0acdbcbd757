/**
 * The two ways a call to the appliance fails. Views tell them apart: an
 * ApiError is the appliance's answer (show its id's message), a NetworkError
 * means it could not be reached (fall back to the last saved data).
 */
export class ApiError extends Error {
  constructor(
    readonly id: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    /** From the Retry-After header of a 429, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class NetworkError extends Error {
  constructor(message = 'The appliance cannot be reached') {
    super(message);
    this.name = 'NetworkError';
  }
}

export function isNetworkError(e: unknown): e is NetworkError {
  return e instanceof NetworkError;
}

export function isApiError(e: unknown, id?: string): e is ApiError {
  return e instanceof ApiError && (id === undefined || e.id === id);
}

/** One problem with one field, as the appliance reports validation_failed. */
export interface FieldIssue {
  /** The input field (`classificationId`, `fields.amount`), or `line N` of an import. */
  path: string;
  message: string;
}

/**
 * The appliance names the field as zod does (`path`), as its own rules do
 * (`field`), or, for a CSV import, by `line`.
 */
export function fieldIssues(e: unknown): FieldIssue[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return e.details
    // Other details (an in_use refusal's counts) carry no message: the error's own sentence says it.
    .filter((d): d is { path?: unknown; field?: unknown; line?: unknown; message: unknown } => typeof d === 'object' && d !== null && typeof d.message === 'string')
    .map((d) => ({ path: String(d.path ?? d.field ?? (d.line !== undefined ? `line ${d.line}` : '')), message: String(d.message ?? '') }));
}
