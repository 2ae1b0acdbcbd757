import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gzipSync } from 'node:zlib';
import { RefPage, RefSnapshot, SyncAck, type SyncBatch } from '@edgecall/contracts';
import type { z } from 'zod';
import type { CentralPort, CentralReply } from './ports.ts';

const GZIP_ABOVE = 16 * 1024;
const MAX_REPLY = 64 * 1024 * 1024;

/** Retry-After is seconds or an HTTP date; anything else counts as absent. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The central server over HTTP(S). Each request opens its own connection
 * (no keep-alive): at one batch in flight the handshake is cheap, and a pooled
 * socket silently killed by a NAT or a WAN cut would otherwise cost a full
 * timeout before the next attempt. Every request has an overall deadline, so
 * a half-open connection can never stall the uploader.
 */
export function createCentralClient(opts: { centralUrl: string; credential: string; requestTimeoutMs: number; userAgent: string }): CentralPort {
  const base = new URL(opts.centralUrl);

  function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body: unknown, signal: AbortSignal): Promise<CentralReply<T>> {
    // Keeps a path prefix in the central URL (HQ behind a reverse proxy at /edgecall/).
    const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
    const headers: Record<string, string> = { authorization: `Bearer ${opts.credential}`, accept: 'application/json', 'user-agent': opts.userAgent };
    let payload: Buffer | null = null;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      if (payload.length > GZIP_ABOVE) {
        payload = gzipSync(payload);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(payload.length);
    }
    const network = (message: string): CentralReply<T> => ({ ok: false, status: 0, id: 'network', message, retryAfterMs: null });
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(network('stopped'));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, agent: false });
      let settled = false;
      const done = (r: CentralReply<T>) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal.removeEventListener('abort', onAbort);
        req.destroy();
        resolve(r);
      };
      const deadline = setTimeout(() => done(network(`no answer within ${opts.requestTimeoutMs} ms`)), opts.requestTimeoutMs);
      const onAbort = () => done(network('stopped'));
      signal.addEventListener('abort', onAbort);
      req.on('error', (e) => done(network(e.message)));
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_REPLY) done(network('reply too large'));
          else chunks.push(c);
        });
        res.on('error', (e) => done(network(e.message)));
        res.on('aborted', () => done(network('reply cut off')));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          let json: unknown;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            return done({ ok: false, status, id: status >= 500 ? 'server_error' : 'bad_reply', message: `HTTP ${status} without JSON`, retryAfterMs: null });
          }
          if (status >= 200 && status < 300) {
            const parsed = schema.safeParse(json);
            return done(parsed.success ? { ok: true, status, body: parsed.data } : { ok: false, status, id: 'bad_reply', message: 'HQ sent a reply this appliance cannot read', retryAfterMs: null });
          }
          const err = (json as { error?: { id?: unknown; message?: unknown; details?: unknown } } | null)?.error;
          done({
            ok: false,
            status,
            id: typeof err?.id === 'string' ? err.id : `http_${status}`,
            message: typeof err?.message === 'string' ? err.message : `HTTP ${status}`,
            details: err?.details,
            retryAfterMs: retryAfterMs(res.headers['retry-after'], Date.now()),
          });
        });
      });
      req.end(payload ?? undefined);
    });
  }

  return {
    sendBatch: (batch: SyncBatch, signal) => call('POST', '/sync/v1/batches', SyncAck, batch, signal),
    pullRef: (since, limit, signal) => call('GET', `/sync/v1/ref?since=${since}&limit=${limit}`, RefPage, undefined, signal),
    refSnapshot: (signal) => call('GET', '/sync/v1/ref/snapshot', RefSnapshot, undefined, signal),
  };
}
