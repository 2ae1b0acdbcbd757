// Checks every outgoing WebSocket event against the models of the served events.json.
//
// ari-client looks up the model of each incoming `type` and crashes the whole process on a
// type it does not know (NOTES.md §2.5 #3), so a simulator bug that invents an event name
// or forgets a required field must be caught here, before it reaches a socket.
import type { AriSpec, ModelSpec } from './spec.ts';

const PRIMITIVES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  Date: (v) => typeof v === 'string',
  int: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  double: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

export class EventGuard {
  private readonly eventTypes: Set<string>;

  constructor(private readonly spec: AriSpec) {
    this.eventTypes = new Set(spec.eventTypes());
  }

  /** Returns the problems found; an empty list means the event may be sent. */
  check(event: Record<string, unknown>): string[] {
    const type = event.type;
    if (typeof type !== 'string') return ['missing string "type"'];
    const model = this.spec.models.get(type);
    if (!model || !this.eventTypes.has(type)) return [`event type "${type}" is not declared in events.json`];
    const props = {
      ...this.spec.models.get('Message')?.properties,
      ...this.spec.models.get('Event')?.properties,
      ...model.properties,
    };
    return this.checkObject(event, props, type, 0);
  }

  private checkObject(
    value: Record<string, unknown>,
    props: ModelSpec['properties'],
    where: string,
    depth: number,
  ): string[] {
    const problems: string[] = [];
    for (const [name, prop] of Object.entries(props)) {
      const v = value[name];
      if (v === undefined) {
        if (prop.required) problems.push(`${where}.${name} is required`);
        continue;
      }
      problems.push(...this.checkValue(v, prop.type, `${where}.${name}`, depth));
      const list = prop.allowableValues?.valueType === 'LIST' ? prop.allowableValues.values : undefined;
      if (list && typeof v === 'string' && !list.includes(v)) {
        problems.push(`${where}.${name} "${v}" is not one of ${list.join('|')}`);
      }
    }
    for (const name of Object.keys(value)) {
      if (!(name in props)) problems.push(`${where}.${name} is not declared`);
    }
    return problems;
  }

  private checkValue(v: unknown, type: string, where: string, depth: number): string[] {
    const list = /^List\[(.+)\]$/.exec(type);
    if (list) {
      if (!Array.isArray(v)) return [`${where} must be a list`];
      return v.flatMap((item, i) => this.checkValue(item, list[1], `${where}[${i}]`, depth));
    }
    const primitive = PRIMITIVES[type];
    if (primitive) return primitive(v) ? [] : [`${where} must be ${type}`];
    const model = this.spec.models.get(type);
    if (!model) return [];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return [`${where} must be a ${type} object`];
    // Nested models (Channel inside StasisStart, CallerID inside Channel) are checked a few
    // levels deep; that covers every shape the simulator builds.
    return depth < 3 ? this.checkObject(v as Record<string, unknown>, model.properties, where, depth + 1) : [];
  }
}
