// Stasis applications and their event WebSockets.
//
// Rules reproduced from Asterisk 22.10.1 (samples/README.md, reconnect.jsonl):
// - an app exists once a WebSocket registered it and stays known after the socket closes;
// - events for an app without a connected socket are dropped: nothing is replayed later;
// - a second socket for the same app takes over; the old one receives one
//   `ApplicationReplaced` and is left open, but gets no further events for that app;
// - every outgoing event carries `timestamp`, `application` and `asterisk_id`, and passes
//   the event guard first.
import type { WebSocket } from 'ws';
import type { SimClock } from './clock.ts';
import type { EventGuard } from './event-guard.ts';
import type { History } from './history.ts';

export interface AppState {
  name: string;
  socket?: AppSocket;
  subscribeAll: boolean;
  /** Filter set by PUT /applications/{app}/eventFilter: lists of `{type}` objects. */
  allowed: Array<{ type?: string }>;
  disallowed: Array<{ type?: string }>;
}

interface AppSocket {
  ws: WebSocket;
  id: number;
  apps: string[];
}

export class EventHub {
  readonly apps = new Map<string, AppState>();
  private readonly sockets = new Set<AppSocket>();
  private socketSeq = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly guard: EventGuard,
    private readonly history: History,
    readonly asteriskId: string,
    private readonly log: (level: 'debug' | 'info' | 'warn' | 'error', msg: string) => void,
  ) {}

  /** Registers a freshly upgraded WebSocket for `apps` (app=a,b in the query). */
  attach(ws: WebSocket, apps: string[], subscribeAll: boolean): void {
    const sock: AppSocket = { ws, id: ++this.socketSeq, apps };
    this.sockets.add(sock);
    for (const name of apps) {
      let app = this.apps.get(name);
      if (!app) {
        app = { name, subscribeAll, allowed: [], disallowed: [] };
        this.apps.set(name, app);
      }
      const previous = app.socket;
      app.socket = sock;
      app.subscribeAll = subscribeAll;
      if (previous && previous !== sock) {
        // The old socket stays open (Asterisk does not close it) and hears only this.
        this.sendRaw(previous, name, { type: 'ApplicationReplaced' });
        this.history.add({ kind: 'ws', at: this.clock.now(), action: 'replaced', apps: [name], socket: previous.id });
      }
    }
    this.history.add({ kind: 'ws', at: this.clock.now(), action: 'connected', apps, socket: sock.id });
    ws.on('close', () => this.detach(sock));
    ws.on('error', () => this.detach(sock));
    // Incoming messages (ARI over WebSocket requests) are not modelled; ignore them quietly.
    ws.on('message', () => {});
  }

  isActive(app: string): boolean {
    const sock = this.apps.get(app)?.socket;
    return !!sock && sock.ws.readyState === sock.ws.OPEN;
  }

  /** Apps that asked for every event with `subscribeAll=true` and are connected. */
  subscribeAllApps(): string[] {
    return [...this.apps.values()].filter((a) => a.subscribeAll && a.socket).map((a) => a.name);
  }

  /** Sends one event to one application, or drops it when the app has no socket. */
  send(app: string, type: string, payload: Record<string, unknown>): void {
    const state = this.apps.get(app);
    const sock = state?.socket;
    const event = this.build(app, type, payload);
    if (!this.passesGuard(app, event)) return;
    const filtered = state ? !this.passesFilter(state, type) : false;
    const delivered = !!sock && !filtered && sock.ws.readyState === sock.ws.OPEN;
    if (delivered) this.write(sock, event);
    this.history.add({ kind: 'event', at: this.clock.now(), app, event, delivered });
  }

  /** Test hook: pushes a hand-made event through the guard to an app's socket. */
  inject(app: string, event: Record<string, unknown>): boolean {
    const full = { timestamp: this.clock.timestamp(), ...event, asterisk_id: this.asteriskId, application: app };
    if (!this.passesGuard(app, full)) return false;
    const sock = this.apps.get(app)?.socket;
    if (sock) this.write(sock, full);
    this.history.add({ kind: 'event', at: this.clock.now(), app, event: full, delivered: !!sock });
    return true;
  }

  /** Abruptly terminates every event socket (the client sees a 1006 close and reconnects). */
  dropAll(): number {
    const count = this.sockets.size;
    for (const sock of [...this.sockets]) {
      sock.ws.terminate();
      this.detach(sock);
    }
    return count;
  }

  closeAll(): void {
    for (const sock of [...this.sockets]) {
      try {
        sock.ws.close(1001, 'Asterisk shutting down');
      } catch {
        sock.ws.terminate();
      }
      this.detach(sock);
    }
  }

  private detach(sock: AppSocket): void {
    if (!this.sockets.delete(sock)) return;
    for (const name of sock.apps) {
      const app = this.apps.get(name);
      if (app?.socket === sock) app.socket = undefined;
    }
    this.history.add({ kind: 'ws', at: this.clock.now(), action: 'closed', apps: sock.apps, socket: sock.id });
  }

  private build(app: string, type: string, payload: Record<string, unknown>): Record<string, unknown> {
    return { type, timestamp: this.clock.timestamp(), ...payload, asterisk_id: this.asteriskId, application: app };
  }

  private sendRaw(sock: AppSocket, app: string, payload: Record<string, unknown>): void {
    const event = this.build(app, String(payload.type), payload);
    if (this.passesGuard(app, event)) this.write(sock, event);
  }

  private passesGuard(app: string, event: Record<string, unknown>): boolean {
    const problems = this.guard.check(event);
    if (problems.length === 0) return true;
    this.log('error', `event guard refused ${String(event.type)} for ${app}: ${problems.join('; ')}`);
    this.history.add({ kind: 'guard', at: this.clock.now(), app, event, problems });
    return false;
  }

  private passesFilter(app: AppState, type: string): boolean {
    if (app.allowed.length > 0 && !app.allowed.some((f) => f.type === type)) return false;
    return !app.disallowed.some((f) => f.type === type);
  }

  private write(sock: AppSocket, event: Record<string, unknown>): void {
    if (sock.ws.readyState !== sock.ws.OPEN) return;
    try {
      sock.ws.send(JSON.stringify(event));
    } catch (err) {
      this.log('warn', `could not send event: ${String(err)}`);
    }
  }
}
