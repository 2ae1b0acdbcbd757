import { ApiError, NetworkError } from './errors.ts';

/**
 * What the rest of the app learns from every request, without each caller
 * having to report it: whether the appliance answered, and whether the
 * session is gone (a 401 logs out; a network failure never does).
 */
export interface ApiHooks {
  onReachable(): void;
  onUnreachable(): void;
  onUnauthorized(errorId: string): void;
}

export interface ApiClient {
  /** A Blob body (an uploaded file) is sent as it is, with its own content type; anything else as JSON. */
  request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** A URL for links the browser follows itself (downloads). */
  url(path: string, query?: Record<string, string | number | undefined>): string;
}

const SESSION_GONE = new Set(['not_authenticated', 'session_expired']);

export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function retryAfter(res: Response, details: unknown): number | undefined {
  const header = Number(res.headers.get('Retry-After'));
  if (Number.isFinite(header) && header > 0) return header;
  const fromBody = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof fromBody === 'number' ? fromBody : undefined;
}

export function createApiClient(hooks: ApiHooks, base = ''): ApiClient {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json' },
        body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
      });
    } catch {
      hooks.onUnreachable();
      throw new NetworkError();
    }
    const text = await res.text().catch(() => '');
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const error = (json as { error?: { id?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    if (!res.ok && (typeof error?.id !== 'string') && res.status >= 500) {
      // Not the appliance's own error shape: a proxy (the dev server) could not reach it.
      hooks.onUnreachable();
      throw new NetworkError(`HTTP ${res.status} without an appliance answer`);
    }
    hooks.onReachable();
    if (!res.ok) {
      const id = typeof error?.id === 'string' ? error.id : 'internal_error';
      const message = typeof error?.message === 'string' ? error.message : `HTTP ${res.status}`;
      if (res.status === 401 && SESSION_GONE.has(id)) hooks.onUnauthorized(id);
      throw new ApiError(id, message, res.status, error?.details, res.status === 429 ? retryAfter(res, error?.details) : undefined);
    }
    return json as T;
  }

  return {
    request: request as ApiClient['request'],
    url: (path, params) => base + path + (params ? query(params) : ''),
  };
}
