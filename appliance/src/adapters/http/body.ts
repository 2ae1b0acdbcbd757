import type { IncomingMessage } from 'node:http';
import { AppError } from '@edgecall/contracts';

export const DEFAULT_MAX_BODY = 1024 * 1024;

/** Reads the whole body, refusing it as soon as it passes the limit. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
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
  });
}

export function parseJson(buffer: Buffer): unknown {
  const text = buffer.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('bad_json', `Malformed JSON: ${(e as Error).message}`);
  }
}
