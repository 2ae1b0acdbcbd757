/**
 * What the CA page answers on both ports. Plain HTTP: the page at / and /ca,
 * the downloads, and a 308 to the same host and path over HTTPS for
 * everything else. HTTPS: the page and downloads under /ca*, the rest goes
 * to the app.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { commonName, lanAddresses, pemToDer, sha256Fingerprint } from './certificates.ts';
import { caFileName, mobileconfig, renderCaPage } from './ca-page.ts';
import { pickLanguage } from './ca-texts.ts';

export interface CaSiteOptions {
  site: string;
  operator: boolean;
  caPem(): string;
  ports(): { https: number; http: number };
  /** Security headers for plain-HTTP answers; `httpsHeaders` adds HSTS. */
  headers: Record<string, string>;
  httpsHeaders: Record<string, string>;
  /** Used when a request carries no usable Host header. */
  defaultHost(): string;
}

export type CaSite = ReturnType<typeof createCaSite>;

interface Answer {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const DOWNLOADS = new Set(['/ca.crt', '/ca.der', '/ca.mobileconfig']);

/** Host part of a Host header ("[::1]" stays bracketed), or null when it is not a plain host. */
function hostOf(header: string | undefined): string | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec((header ?? '').trim());
  return m ? m[1].toLowerCase() : null;
}

function urlFor(scheme: 'http' | 'https', host: string, port: number, path: string) {
  const bare = isIP(host) === 6 ? `[${host}]` : host;
  const standard = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${bare}${standard ? '' : `:${port}`}${path}`;
}

const isLoopback = (host: string) => {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || bare.startsWith('127.');
};

export function createCaSite(o: CaSiteOptions) {
  let derived: { pem: string; der: Buffer; fingerprint: string; name: string } | null = null;
  const ca = () => {
    const pem = o.caPem();
    if (derived?.pem !== pem) {
      const der = pemToDer(pem);
      derived = { pem, der, fingerprint: sha256Fingerprint(pem), name: commonName(pem) ?? `EdgeCall ${o.site}` };
    }
    return derived;
  };

  async function answer(req: IncomingMessage, path: string, secure: boolean): Promise<Answer | null> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    const host = hostOf(req.headers.host) ?? o.defaultHost();
    const { https, http } = o.ports();
    const c = ca();
    if (path === '/ca' || (!secure && path === '/')) {
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      const lang = pickLanguage(query.get('lang'), req.headers['accept-language']);
      // The QR code is for a tablet on the LAN: a LAN address works where a name may not resolve.
      const qrHost = isIP(host.replace(/^\[|\]$/g, '')) && !isLoopback(host) ? host.replace(/^\[|\]$/g, '') : (lanAddresses()[0] ?? host);
      const html = await renderCaPage({
        lang,
        site: o.site,
        caName: c.name,
        fingerprint: c.fingerprint,
        appUrl: urlFor('https', host.replace(/^\[|\]$/g, ''), https, '/'),
        pageUrl: urlFor('http', qrHost, http, '/ca'),
        selfPath: path,
        operator: o.operator,
      });
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: html,
        headers: { 'Content-Language': lang, Vary: 'Accept-Language', 'Cache-Control': 'no-cache' },
      };
    }
    const attachment = (name: string) => ({ 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-cache' });
    if (path === '/ca.crt') return { status: 200, type: 'application/x-x509-ca-cert', body: c.pem, headers: attachment(caFileName(o.site, 'crt')) };
    if (path === '/ca.der') return { status: 200, type: 'application/x-x509-ca-cert', body: c.der, headers: attachment(caFileName(o.site, 'cer')) };
    if (path === '/ca.mobileconfig') {
      return { status: 200, type: 'application/x-apple-aspen-config', body: mobileconfig(o.site, c.name, c.der), headers: attachment(`edgecall-${o.site}.mobileconfig`) };
    }
    return null;
  }

  function send(req: IncomingMessage, res: ServerResponse, a: Answer, base: Record<string, string>) {
    const body = typeof a.body === 'string' ? Buffer.from(a.body) : a.body;
    res.writeHead(a.status, { ...base, ...a.headers, 'Content-Type': a.type, 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function fail(res: ServerResponse, base: Record<string, string>) {
    if (res.headersSent) return void res.destroy();
    res.writeHead(500, { ...base, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('internal error\n');
  }

  const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0];

  return {
    handleHttps(req: IncomingMessage, res: ServerResponse, app: RequestListener) {
      const path = pathOf(req);
      if (path !== '/ca' && !DOWNLOADS.has(path)) return void app(req, res);
      answer(req, path, true).then(
        (a) => (a ? send(req, res, a, o.httpsHeaders) : app(req, res)),
        () => fail(res, o.httpsHeaders),
      );
    },

    createHttpServer() {
      return createServer((req, res) => {
        const path = pathOf(req);
        answer(req, path, false).then(
          (a) => {
            if (a) return send(req, res, a, o.headers);
            // Same host and path over HTTPS; 308 keeps the method and body.
            const host = hostOf(req.headers.host) ?? o.defaultHost();
            const target = (req.url ?? '/').startsWith('/') ? req.url! : '/';
            const location = urlFor('https', host.replace(/^\[|\]$/g, ''), o.ports().https, target);
            send(req, res, { status: 308, type: 'text/plain; charset=utf-8', body: `Moved to ${location}\n`, headers: { Location: location, 'Cache-Control': 'no-store' } }, o.headers);
          },
          () => fail(res, o.headers),
        );
      });
    },
  };
}
