import type { IncomingMessage } from 'node:http';
import { gunzip } from 'node:zlib';
import { AppError } from '@edgecall/contracts';

export const DEFAULT_MAX_BODY = 256 * 1024;

/** Reads the whole body, refusing it as soon as it passes the limit. */
function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new AppError('payload_too_large', `Body over ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new AppError('payload_too_large', `Body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (e) => reject(new AppError('bad_json', `Body could not be read: ${e.message}`)));
    req.on('aborted', () => reject(new AppError('bad_json', 'The client went away mid-body')));
  });
}

/**
 * The JSON body, gunzipped when the client says so. The decompressed size is
 * capped too, so a small gzip bomb cannot inflate into the heap.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new AppError('unsupported_media_type', `Content-Encoding ${encoding} is not supported`);
  let buf = await readRaw(req, limit);
  if (encoding === 'gzip') {
    buf = await new Promise<Buffer>((resolve, reject) =>
      gunzip(buf, { maxOutputLength: limit * 4 }, (err, out) =>
        err
          ? reject(
              (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
                ? new AppError('payload_too_large', 'Body too large once decompressed')
                : new AppError('bad_json', `Body is not valid gzip: ${err.message}`),
            )
          : resolve(out),
      ),
    );
  }
  if (buf.length === 0) throw new AppError('bad_json', 'The body is empty');
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new AppError('bad_json', `Malformed JSON: ${(e as Error).message}`);
  }
}

export async function assertNoBody(req: IncomingMessage): Promise<void> {
  const hasBody = Number(req.headers['content-length'] || 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  const buf = await readRaw(req, DEFAULT_MAX_BODY);
  if (buf.length > 0) throw new AppError('validation_failed', 'This endpoint takes no body');
}
