// REST routing built from the served api-docs, and request argument access with Asterisk's
// parsing rules (ints parsed like atoi, booleans like ast_true, multi-valued parameters
// comma separated, body keys usable in place of query parameters as res_ari allows).
import type { AriSpec, OperationSpec } from './spec.ts';
import type { World } from './world.ts';
import type { History } from './history.ts';
import type { EventHub } from './event-hub.ts';
import { conflict, notFound, preconditionFailed } from './errors.ts';
import type { SimBridge, SimChannel } from './model.ts';

interface RouteNode {
  literal: Map<string, RouteNode>;
  param?: { name: string; node: RouteNode };
  ops: Map<string, OperationSpec>;
}

export type RouteMatch =
  | { kind: 'ok'; op: OperationSpec; pathParams: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

const newNode = (): RouteNode => ({ literal: new Map(), ops: new Map() });

export class Router {
  private readonly root = newNode();

  constructor(spec: AriSpec) {
    for (const op of spec.operations) {
      let node = this.root;
      for (const seg of op.path.split('/').filter(Boolean)) {
        const param = /^\{(.+)\}$/.exec(seg);
        if (param) {
          node.param ??= { name: param[1], node: newNode() };
          node = node.param.node;
        } else {
          let next = node.literal.get(seg);
          if (!next) node.literal.set(seg, (next = newNode()));
          node = next;
        }
      }
      node.ops.set(op.method, op);
    }
  }

  /** Matches `segments` (already URL-decoded), preferring literal path segments. */
  match(method: string, segments: string[]): RouteMatch {
    const found = this.walk(this.root, segments, 0, {});
    if (!found) return { kind: 'none' };
    const op = found.node.ops.get(method);
    if (op) return { kind: 'ok', op, pathParams: found.params };
    return { kind: 'method', allowed: [...found.node.ops.keys()] };
  }

  private walk(node: RouteNode, segs: string[], i: number, params: Record<string, string>): { node: RouteNode; params: Record<string, string> } | undefined {
    if (i === segs.length) return node.ops.size > 0 ? { node, params } : undefined;
    const lit = node.literal.get(segs[i]);
    if (lit) {
      const r = this.walk(lit, segs, i + 1, params);
      if (r) return r;
    }
    if (node.param && segs[i] !== '') {
      return this.walk(node.param.node, segs, i + 1, { ...params, [node.param.name]: segs[i] });
    }
    return undefined;
  }
}

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1', 'on']);

export class Args {
  constructor(
    readonly op: OperationSpec,
    private readonly pathParams: Record<string, string>,
    private readonly query: URLSearchParams,
    readonly body: unknown,
  ) {}

  /** A parameter from the path, the query string, or (as Asterisk allows) the JSON body. */
  str(name: string): string | undefined {
    if (name in this.pathParams) return this.pathParams[name];
    const all = this.query.getAll(name);
    if (all.length > 0) return all.join(',');
    const fromBody = this.bodyObject()?.[name];
    if (typeof fromBody === 'string') return fromBody;
    if (typeof fromBody === 'number' || typeof fromBody === 'boolean') return String(fromBody);
    if (Array.isArray(fromBody)) return fromBody.map(String).join(',');
    return undefined;
  }

  /** Empty strings count as absent, like ast_strlen_zero in the C handlers. */
  text(name: string): string | undefined {
    const v = this.str(name);
    return v === undefined || v === '' ? undefined : v;
  }

  list(name: string): string[] {
    const v = this.str(name);
    return v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  }

  int(name: string, def: number): number {
    const v = this.str(name);
    if (v === undefined || v === '') return def;
    const n = Number.parseInt(v, 10);
    return Number.isNaN(n) ? 0 : n;
  }

  bool(name: string, def: boolean): boolean {
    const v = this.str(name);
    if (v === undefined || v === '') return def;
    return TRUE_WORDS.has(v.trim().toLowerCase());
  }

  /** `{"variables": {...}}` style body containers, values stringified. */
  container(key: string): Record<string, string> {
    const raw = this.bodyObject()?.[key];
    const out: Record<string, string> = {};
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    return out;
  }

  bodyObject(): Record<string, unknown> | undefined {
    return this.body && typeof this.body === 'object' && !Array.isArray(this.body) ? (this.body as Record<string, unknown>) : undefined;
  }
}

export interface RestResult {
  status: number;
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
  location?: string;
}

export interface HandlerContext {
  world: World;
  hub: EventHub;
  spec: AriSpec;
  history: History;
  args: Args;
}

export type Handler = (ctx: HandlerContext) => RestResult;

export const ok = (body: unknown): RestResult => ({ status: 200, body });
export const noContent = (): RestResult => ({ status: 204 });
export const created = (location: string, body: unknown): RestResult => ({ status: 201, body, location });

/** find_control() of resource_channels.c: 404 unknown, 409 not in Stasis. */
export function findControl(world: World, id: string | undefined): SimChannel {
  const ch = id ? world.channel(id) : undefined;
  if (!ch) throw notFound('Channel not found');
  if (!ch.stasis || ch.hangingUp) throw conflict('Channel not in Stasis application');
  return ch;
}

/** channel_state_invalid(): outbound channels that are Down or Ringing cannot be driven. */
export function requireValidState(ch: SimChannel): void {
  if (ch.state === 'Down' || ch.state === 'Rsrved' || ch.state === 'Ringing') throw preconditionFailed();
}

export function findBridge(world: World, id: string | undefined): SimBridge {
  const b = id ? world.bridges.get(id) : undefined;
  if (!b) throw notFound('Bridge not found');
  return b;
}
