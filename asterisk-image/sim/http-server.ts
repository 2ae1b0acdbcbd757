// The HTTP side of the simulator: authentication, api-docs, REST dispatch and the
// /ari/events WebSocket, behaving like Asterisk 22.10.1's res_ari / res_http_websocket:
// - every /ari URL needs HTTP Basic or `?api_key=user:pass`, else 401
//   `{"message":"Authentication required"}` (the first, unauthenticated api-docs GET that
//   ari-client makes gets this too, as on real Asterisk);
// - api-docs are GET only (405 "Unsupported method"), basePath rewritten per Host header;
// - a documented path with the wrong method is 405 "Invalid method", an unknown path 404
//   "Resource not found"; a plain GET of /ari/events is 426 with Asterisk's HTML page;
// - JSON bodies with Content-Type application/json, empty 204 for void operations.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { AriError } from './errors.ts';
import { Args, type Handler, type RestResult, type Router } from './router.ts';
import type { AriSpec } from './spec.ts';
import type { World } from './world.ts';
import type { EventHub } from './event-hub.ts';
import type { History } from './history.ts';

const UPGRADE_REQUIRED_BODY =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>426 Upgrade Required</title>\r\n</head><body>\r\n<h1>Upgrade Required</h1>\r\n<p></p>\r\n<hr />\r\n<address>Asterisk/22.10.1</address>\r\n</body></html>\r\n';

const MAX_BODY = 1024 * 1024;

export interface HttpDeps {
  world: World;
  hub: EventHub;
  spec: AriSpec;
  router: Router;
  history: History;
  handlers: Record<string, Handler>;
  username: string;
  password: string;
  log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void;
}

export class AriHttpServer {
  readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<Socket>();
  private refusing = false;
  /** Until this time (ms since epoch) event WebSocket upgrades are answered 503. */
  private refuseUpgradesUntil = 0;
  private address?: { host: string; port: number };

  constructor(private readonly d: HttpDeps) {
    // Asterisk serves api-docs without a Host header (it then drops basePath); Node would 400.
    this.server = createServer({ requireHostHeader: false }, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        d.log('error', `request failed: ${String(err)}`);
        if (!res.headersSent) this.json(res, 500, { message: 'Internal Server Error' });
        else res.destroy();
      });
    });
    this.server.on('connection', (sock: Socket) => {
      this.sockets.add(sock);
      sock.on('close', () => this.sockets.delete(sock));
    });
    this.server.on('upgrade', (req, sock: Socket, head: Buffer) => this.upgrade(req, sock, head));
    this.server.on('clientError', (_err, sock: Socket) => sock.destroy());
  }

  listen(host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const addr = this.server.address() as AddressInfo;
        this.address = { host, port: addr.port };
        resolve(addr);
      });
    });
  }

  /** Refuses event WebSocket upgrades (503) for `ms` real milliseconds. */
  refuseUpgrades(ms: number): void {
    this.refuseUpgradesUntil = Date.now() + Math.max(0, ms);
  }

  /** Drops every connection and refuses new ones (ECONNREFUSED) for `ms` real milliseconds. */
  async refuse(ms: number): Promise<void> {
    if (!this.address || this.refusing) return;
    this.refusing = true;
    this.d.hub.dropAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.d.history.add({ kind: 'ws', at: this.d.world.clock.now(), action: 'refused', apps: [], socket: 0 });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    this.refusing = false;
    await this.listen(this.address.host, this.address.port);
  }

  async close(): Promise<void> {
    this.d.hub.closeAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.wss.close();
    if (this.server.listening) await closed;
  }

  private authorized(req: IncomingMessage, url: URL): boolean {
    const { username, password } = this.d;
    const apiKey = url.searchParams.get('api_key');
    if (apiKey !== null) return apiKey === `${username}:${password}`;
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+(.+)$/i.exec(header);
    if (!m) return false;
    return Buffer.from(m[1], 'base64').toString('utf8') === `${username}:${password}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith('/ari/') && url.pathname !== '/ari') {
      res.writeHead(404, { 'Content-Type': 'text/html', Server: 'Asterisk/22.10.1' });
      res.end('<html><body><h1>Not Found</h1></body></html>');
      return;
    }
    const body = await this.readBody(req);
    const query = Object.fromEntries([...url.searchParams.keys()].filter((k) => k !== 'api_key').map((k) => [k, url.searchParams.getAll(k).join(',')]));
    const result = this.dispatch(req, url, method, body);
    this.respond(res, result);
    let logged: unknown = result.body ?? null;
    if (result.raw) logged = `<${result.raw.length} bytes>`;
    if (typeof result.body === 'string') logged = result.body;
    let parsedBody: unknown = null;
    try {
      parsedBody = body.length ? JSON.parse(body.toString('utf8')) : null;
    } catch {
      parsedBody = body.toString('utf8');
    }
    this.d.history.add({ kind: 'rest', at: this.d.world.clock.now(), method, path: url.pathname, query, body: parsedBody, status: result.status, response: logged });
  }

  private dispatch(req: IncomingMessage, url: URL, method: string, body: Buffer): RestResult {
    if (!this.authorized(req, url)) return { status: 401, body: { message: 'Authentication required' } };
    const rest = url.pathname.slice('/ari'.length);
    const docs = /^\/api-docs\/([^/]+)$/.exec(rest);
    if (docs) {
      if (method !== 'GET') return { status: 405, body: { message: 'Unsupported method' } };
      const text = this.d.spec.render(decodeURIComponent(docs[1]), req.headers.host);
      if (text === undefined) return { status: 404, body: { message: 'Resource not found' } };
      return { status: 200, body: text, contentType: 'application/json' };
    }
    if (rest === '/events' && method === 'GET') {
      return { status: 426, body: UPGRADE_REQUIRED_BODY, contentType: 'text/html' };
    }
    let segments: string[];
    try {
      segments = rest.split('/').filter((s, i) => i > 0 || s !== '').map((s) => decodeURIComponent(s));
    } catch {
      return { status: 404, body: { message: 'Resource not found' } };
    }
    if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
    const match = this.d.router.match(method, segments);
    if (match.kind === 'none') return { status: 404, body: { message: 'Resource not found' } };
    if (match.kind === 'method') return { status: 405, body: { message: 'Invalid method' } };
    const handler = this.d.handlers[`${match.op.resource}.${match.op.nickname}`];
    // The mailboxes module was not loaded on the recorded Asterisk: its URLs do not exist.
    if (!handler) return { status: 404, body: { message: 'Resource not found' } };
    let parsed: unknown = undefined;
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return { status: 400, body: { message: 'Error parsing request body' } };
      }
    }
    const args = new Args(match.op, match.pathParams, url.searchParams, parsed);
    try {
      return handler({ world: this.d.world, hub: this.d.hub, spec: this.d.spec, history: this.d.history, args });
    } catch (err) {
      if (err instanceof AriError) return { status: err.status, body: err.body() };
      this.d.log('error', `handler ${match.op.nickname} failed: ${err instanceof Error ? err.stack : String(err)}`);
      return { status: 500, body: { message: 'Internal Server Error' } };
    }
  }

  private respond(res: ServerResponse, r: RestResult): void {
    const headers: Record<string, string> = { Server: 'Asterisk/22.10.1', 'Cache-Control': 'no-cache, no-store' };
    if (r.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Asterisk REST Interface"';
    if (r.location) headers.Location = r.location;
    if (r.status === 204 || (r.body === undefined && !r.raw)) {
      res.writeHead(r.status, headers);
      res.end();
      return;
    }
    let payload: Buffer;
    if (r.raw) payload = r.raw;
    else if (typeof r.body === 'string') payload = Buffer.from(r.body, 'utf8');
    else payload = Buffer.from(JSON.stringify(r.body), 'utf8');
    headers['Content-Type'] = r.contentType ?? 'application/json';
    headers['Content-Length'] = String(payload.length);
    res.writeHead(r.status, headers);
    res.end(payload);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    this.respond(res, { status, body });
  }

  private readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', () => resolve(Buffer.alloc(0)));
    });
  }

  private upgrade(req: IncomingMessage, sock: Socket, head: Buffer): void {
    const fail = (status: number, text: string, body: unknown): void => {
      const payload = JSON.stringify(body);
      sock.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`);
    };
    if (this.refusing) {
      sock.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (Date.now() < this.refuseUpgradesUntil) return fail(503, 'Service Unavailable', { message: 'Service Unavailable' });
    if (url.pathname !== '/ari/events') return fail(404, 'Not Found', { message: 'Resource not found' });
    if (!this.authorized(req, url)) return fail(401, 'Unauthorized', { message: 'Authentication required' });
    const apps = url.searchParams.getAll('app').flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
    if (apps.length === 0) return fail(400, 'Bad Request', { message: "Missing param 'app'" });
    const subscribeAll = ['yes', 'true', '1', 'on', 'y', 't'].includes((url.searchParams.get('subscribeAll') ?? '').toLowerCase());
    this.wss.handleUpgrade(req, sock, head, (ws) => this.d.hub.attach(ws, apps, subscribeAll));
  }
}
