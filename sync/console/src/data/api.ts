/** JSON over fetch with the session cookie; a refusal becomes an ApiError with the server's stable id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Fired on any 401 so the shell can return to the login screen. */
export const SESSION_LOST_EVENT = 'ec-hq-session-lost';

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: { id: string; message: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && !path.endsWith('/auth/login')) window.dispatchEvent(new CustomEvent(SESSION_LOST_EVENT));
    throw new ApiError(res.status, err?.id ?? 'internal_error', err?.message ?? res.statusText, err?.details);
  }
  return json as T;
}

export const qs = (params: Record<string, string | number | undefined | null>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
