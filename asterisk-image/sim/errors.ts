// REST errors with Asterisk's own status codes and bodies. Asterisk answers almost every
// error as `{"message": "..."}`, but `ast_ari_response_alloc_failed` uses the key `error`
// (`500 {"error":"Allocation failed"}`, seen for originate to an unknown endpoint), so the
// key is part of the error.

export class AriError extends Error {
  readonly status: number;
  readonly key: 'message' | 'error';

  constructor(status: number, message: string, key: 'message' | 'error' = 'message') {
    super(message);
    this.status = status;
    this.key = key;
  }

  body(): Record<string, string> {
    return { [this.key]: this.message };
  }
}

export const allocationFailed = (): AriError => new AriError(500, 'Allocation failed', 'error');
export const badRequest = (message: string): AriError => new AriError(400, message);
export const notFound = (message: string): AriError => new AriError(404, message);
export const conflict = (message: string): AriError => new AriError(409, message);
export const unprocessable = (message: string): AriError => new AriError(422, message);
export const preconditionFailed = (message = 'Channel in invalid state'): AriError =>
  new AriError(412, message);
export const internal = (message: string): AriError => new AriError(500, message);
export const notImplemented = (what: string): AriError =>
  new AriError(501, `${what} is not implemented by the EdgeCall ARI simulator`);
