// The res_pjsip sorcery objects behind /asterisk/config/dynamic/res_pjsip/{type}/{id}.
//
// Matches what Asterisk 22.10.1 answered in the recordings: PUT returns the object's full
// field list as ConfigTuples (138 for an endpoint, 15 for an aor), booleans normalised to
// true/false, `allow` shown as `(ulaw|alaw)`; DELETE is 204; `identify` objects cannot be
// created this way (500 Allocation failed). Error texts follow res/ari/resource_asterisk.c.
import { AriError, allocationFailed, badRequest, notFound } from './errors.ts';
import { AOR_DEFAULTS, AUTH_DEFAULTS, ENDPOINT_DEFAULTS, type FieldList } from './pjsip-defaults.ts';

export interface ConfigTuple {
  attribute: string;
  value: string;
}

const DEFAULTS: Record<string, FieldList> = {
  endpoint: ENDPOINT_DEFAULTS,
  aor: AOR_DEFAULTS,
  auth: AUTH_DEFAULTS,
};

/** Object types res_pjsip registers that this simulator does not store. */
const KNOWN_TYPES = new Set(['endpoint', 'aor', 'auth', 'identify', 'contact', 'transport', 'domain_alias', 'global', 'system', 'registration', 'outbound-publish', 'inbound-publication', 'phoneprov']);

/** Fields that can be written but are not reported back (they modify another field). */
const WRITE_ONLY: Record<string, string[]> = { endpoint: ['disallow', 'type'], aor: ['type'], auth: ['type'] };

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't', '1', 'on']);
const FALSE_WORDS = new Set(['no', 'false', 'n', 'f', '0', 'off']);

export class PjsipConfig {
  private readonly objects = new Map<string, Map<string, Map<string, string>>>();

  get(configClass: string, type: string, id: string): ConfigTuple[] {
    this.checkType(configClass, type);
    const obj = this.objects.get(type)?.get(id);
    if (!obj) throw notFound(`Object with id '${id}' not found`);
    return toTuples(obj);
  }

  put(configClass: string, type: string, id: string, body: unknown): ConfigTuple[] {
    this.checkType(configClass, type);
    const defaults = DEFAULTS[type];
    if (!defaults) {
      if (type === 'identify') throw allocationFailed();
      throw new AriError(403, `Cannot create sorcery objects of type '${type}'`);
    }
    const existing = this.objects.get(type)?.get(id);
    const fields = (body as { fields?: unknown } | null)?.fields;
    if (fields === undefined && existing) throw badRequest(`Fields must be provided to update object '${id}'`);
    const obj = new Map(existing ?? defaults.map(([a, v]) => [a, v] as [string, string]));
    const list = Array.isArray(fields) ? fields : [];
    for (const f of list) {
      const attribute = (f as ConfigTuple | null)?.attribute;
      const value = (f as ConfigTuple | null)?.value;
      if (typeof attribute !== 'string' || typeof value !== 'string' || !this.apply(type, obj, attribute, value)) {
        throw badRequest(`${existing ? 'Update' : 'Creation'} of object '${id}' failed field value validation`);
      }
    }
    let byId = this.objects.get(type);
    if (!byId) this.objects.set(type, (byId = new Map()));
    byId.set(id, obj);
    return toTuples(obj);
  }

  delete(configClass: string, type: string, id: string): void {
    this.checkType(configClass, type);
    if (!this.objects.get(type)?.delete(id)) throw notFound(`Object with id '${id}' not found`);
  }

  endpoint(id: string): Map<string, string> | undefined {
    return this.objects.get('endpoint')?.get(id);
  }

  endpointIds(): string[] {
    return [...(this.objects.get('endpoint')?.keys() ?? [])];
  }

  /** True when one of the endpoint's aors has a static contact. */
  hasContact(endpointId: string): boolean {
    const aors = (this.endpoint(endpointId)?.get('aors') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return aors.some((a) => !!this.objects.get('aor')?.get(a)?.get('contact'));
  }

  private checkType(configClass: string, type: string): void {
    if (configClass !== 'res_pjsip') throw notFound(`configClass '${configClass}' not found`);
    if (!KNOWN_TYPES.has(type)) throw notFound(`objectType '${type}' not found`);
  }

  private apply(type: string, obj: Map<string, string>, attribute: string, value: string): boolean {
    if (attribute === 'disallow' && type === 'endpoint') {
      obj.set('allow', value.trim() === 'all' ? '(nothing)' : obj.get('allow') ?? '(nothing)');
      return true;
    }
    if (WRITE_ONLY[type]?.includes(attribute)) return true;
    if (!obj.has(attribute)) return false;
    if (attribute === 'allow') {
      const current = (obj.get('allow') ?? '(nothing)').replace(/^\(|\)$/g, '');
      const codecs = current === 'nothing' ? [] : current.split('|');
      for (const c of value.split(',').map((s) => s.trim()).filter(Boolean)) if (!codecs.includes(c)) codecs.push(c);
      obj.set('allow', codecs.length ? `(${codecs.join('|')})` : '(nothing)');
      return true;
    }
    const current = obj.get(attribute);
    if (current === 'true' || current === 'false') {
      const v = value.trim().toLowerCase();
      if (TRUE_WORDS.has(v)) obj.set(attribute, 'true');
      else if (FALSE_WORDS.has(v)) obj.set(attribute, 'false');
      else return false;
      return true;
    }
    obj.set(attribute, value);
    return true;
  }
}

function toTuples(obj: Map<string, string>): ConfigTuple[] {
  return [...obj].map(([attribute, value]) => ({ attribute, value }));
}
