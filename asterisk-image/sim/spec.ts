// The served ARI specification (Swagger 1.1/1.2 api-docs of Asterisk 22.10.1).
//
// The simulator is driven by the same files real Asterisk serves: they are served to
// clients (ari-client builds its whole API from them at connect time), the REST router is
// built from their `apis` so every documented path and method exists, allowable values are
// read from them, and the event guard validates outgoing events against their models.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const API_DOC_NAMES = [
  'applications', 'asterisk', 'bridges', 'channels', 'deviceStates', 'endpoints',
  'events', 'mailboxes', 'playbacks', 'recordings', 'sounds',
] as const;

export interface AllowableValues {
  valueType: 'LIST' | 'RANGE';
  values?: string[];
  min?: number;
  max?: number;
}

export interface ParamSpec {
  name: string;
  paramType: 'path' | 'query' | 'body';
  dataType: string;
  required: boolean;
  allowMultiple: boolean;
  allowableValues?: AllowableValues;
  defaultValue?: unknown;
}

export interface OperationSpec {
  resource: string;
  path: string;
  method: string;
  nickname: string;
  responseClass: string;
  params: ParamSpec[];
  upgrade?: string;
}

export interface ModelProperty {
  type: string;
  required?: boolean;
  allowableValues?: AllowableValues;
}

export interface ModelSpec {
  id: string;
  properties: Record<string, ModelProperty>;
  subTypes?: string[];
}

type Json = Record<string, unknown>;

const DEFAULT_DIR = fileURLToPath(new URL('../ari-api-docs/', import.meta.url));

export class AriSpec {
  readonly operations: OperationSpec[] = [];
  /** Every model of every api-docs file, by id (Channel, Bridge, StasisStart, ...). */
  readonly models = new Map<string, ModelSpec>();
  private readonly docs = new Map<string, Json>();
  private readonly rendered = new Map<string, string>();

  constructor(dir: string = DEFAULT_DIR) {
    this.docs.set('resources.json', readJson(`${dir}/resources.json`));
    for (const name of API_DOC_NAMES) {
      const doc = readJson(`${dir}/api-docs/${name}.json`);
      this.docs.set(`${name}.json`, doc);
      this.indexDoc(name, doc);
    }
  }

  hasDoc(file: string): boolean {
    return this.docs.has(file);
  }

  /**
   * The file as Asterisk serves it: `basePath` rewritten to `http://<Host>/ari`, or removed
   * when the request had no Host header (res_ari.c does the same). ari-client issues every
   * REST call against the per-resource basePath, so all files get the rewrite.
   */
  render(file: string, host: string | undefined): string | undefined {
    const doc = this.docs.get(file);
    if (!doc) return undefined;
    const key = `${file}\n${host ?? ''}`;
    let text = this.rendered.get(key);
    if (text === undefined) {
      const copy: Json = { ...doc };
      if (host) copy.basePath = `http://${host}/ari`;
      else delete copy.basePath;
      text = JSON.stringify(copy, null, 2);
      if (this.rendered.size > 200) this.rendered.clear();
      this.rendered.set(key, text);
    }
    return text;
  }

  operation(nickname: string, resource?: string): OperationSpec | undefined {
    return this.operations.find((op) => op.nickname === nickname && (!resource || op.resource === resource));
  }

  /** The LIST allowable values the served spec declares for a parameter, if any. */
  allowed(resource: string, nickname: string, param: string): string[] | undefined {
    const p = this.operation(nickname, resource)?.params.find((x) => x.name === param);
    return p?.allowableValues?.valueType === 'LIST' ? p.allowableValues.values : undefined;
  }

  /** Event type names that events.json declares as subtypes of Event. */
  eventTypes(): string[] {
    return this.models.get('Event')?.subTypes ?? [];
  }

  private indexDoc(resource: string, doc: Json): void {
    const apis = Array.isArray(doc.apis) ? (doc.apis as Json[]) : [];
    for (const api of apis) {
      const ops = Array.isArray(api.operations) ? (api.operations as Json[]) : [];
      for (const op of ops) {
        const params = Array.isArray(op.parameters) ? (op.parameters as Json[]) : [];
        this.operations.push({
          resource,
          path: String(api.path),
          method: String(op.httpMethod).toUpperCase(),
          nickname: String(op.nickname),
          responseClass: String(op.responseClass ?? 'void'),
          upgrade: typeof op.upgrade === 'string' ? op.upgrade : undefined,
          params: params.map((p) => ({
            name: String(p.name),
            paramType: p.paramType as ParamSpec['paramType'],
            dataType: String(p.dataType),
            required: p.required === true,
            allowMultiple: p.allowMultiple === true,
            allowableValues: p.allowableValues as AllowableValues | undefined,
            defaultValue: p.defaultValue,
          })),
        });
      }
    }
    const models = (doc.models ?? {}) as Record<string, ModelSpec>;
    for (const [id, model] of Object.entries(models)) {
      if (!this.models.has(id)) this.models.set(id, model);
    }
  }
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}
