/**
 * Pure rules of the reference lists: what a request type's fields, a
 * classification, a location and a call record's choices must satisfy.
 * Each returns every problem found (empty = fine), so a form or an import
 * line can show them all at once; the service turns them into AppErrors.
 */
import type { Classification, FieldDefinition, Location, RequestType } from '@edgecall/contracts';

export interface Problem {
  /** The input field at fault (`classificationId`, `fields.amount`, `fields.2.options`). */
  field: string;
  message: string;
}

export function fieldDefinitionProblems(fields: readonly FieldDefinition[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) out.push({ field: `fields.${i}.key`, message: `field key “${f.key}” is used twice` });
    seen.add(f.key);
    if (f.type === 'choice') {
      if (!f.options?.length) out.push({ field: `fields.${i}.options`, message: `choice field “${f.key}” needs at least one option` });
      else if (new Set(f.options).size !== f.options.length) out.push({ field: `fields.${i}.options`, message: `choice field “${f.key}” lists an option twice` });
    }
  });
  return out;
}

/** `next` is the classification as it would be stored; `childCount` its current sub-classifications (0 for a new one). */
export function classificationProblems(
  next: Pick<Classification, 'requestTypeId' | 'parentId'> & { id?: string },
  ctx: { requestType: Pick<RequestType, 'id'> | null; parent: Classification | null; childCount: number; previousRequestTypeId?: string },
): Problem[] {
  const out: Problem[] = [];
  if (!ctx.requestType) out.push({ field: 'requestTypeId', message: `no request type ${next.requestTypeId}` });
  if (next.parentId !== null) {
    const p = ctx.parent;
    if (!p) out.push({ field: 'parentId', message: `no classification ${next.parentId}` });
    else if (p.id === next.id) out.push({ field: 'parentId', message: 'a classification cannot be its own parent' });
    else if (p.parentId !== null) out.push({ field: 'parentId', message: `“${p.name}” is a sub-classification: sub-classifications cannot have their own` });
    else if (p.requestTypeId !== next.requestTypeId) out.push({ field: 'parentId', message: `“${p.name}” belongs to another request type` });
    if (ctx.childCount > 0) out.push({ field: 'parentId', message: `this classification has ${ctx.childCount} sub-classification(s), so it cannot become one itself` });
  }
  if (ctx.childCount > 0 && ctx.previousRequestTypeId !== undefined && ctx.previousRequestTypeId !== next.requestTypeId) {
    out.push({ field: 'requestTypeId', message: `this classification has ${ctx.childCount} sub-classification(s) of its request type; move them first` });
  }
  return out;
}

export function locationProblems(next: Pick<Location, 'cityId'> & { id?: string }, ctx: { city: Location | null; districtCount: number }): Problem[] {
  const out: Problem[] = [];
  if (next.cityId === null) return out;
  const c = ctx.city;
  if (!c) out.push({ field: 'cityId', message: `no city ${next.cityId}` });
  else if (c.id === next.id) out.push({ field: 'cityId', message: 'a city cannot be its own district' });
  else if (c.cityId !== null) out.push({ field: 'cityId', message: `“${c.name}” is a district, not a city: districts have no districts` });
  if (ctx.districtCount > 0) out.push({ field: 'cityId', message: `this city has ${ctx.districtCount} district(s), so it cannot become a district` });
  return out;
}

/** What a call record (and later a ticket) picks from the reference lists. */
export interface RecordChoices {
  requestTypeId: string;
  classificationId: string;
  subClassificationId?: string | null;
  cityId?: string | null;
  districtId?: string | null;
  fields?: Record<string, string | number | boolean | null>;
}

export interface RecordLookup {
  requestType: RequestType | null;
  classification: Classification | null;
  subClassification: Classification | null;
  city: Location | null;
  district: Location | null;
}

const missing = (field: string, what: string, id: string): Problem => ({ field, message: `${field}: no active ${what} ${id}` });
const usable = <T extends { active: boolean }>(item: T | null): item is T => !!item && item.active;

export function recordProblems(input: RecordChoices, found: RecordLookup): Problem[] {
  const out: Problem[] = [];
  const { requestType: rt, classification: cl, subClassification: sub, city, district } = found;
  if (!usable(rt)) out.push(missing('requestTypeId', 'request type', input.requestTypeId));
  if (!usable(cl)) out.push(missing('classificationId', 'classification', input.classificationId));
  else if (cl.parentId !== null) out.push({ field: 'classificationId', message: `classificationId: “${cl.name}” is a sub-classification; choose its classification` });
  else if (cl.requestTypeId !== input.requestTypeId) out.push({ field: 'classificationId', message: `classificationId: “${cl.name}” is not a classification of ${rt ? `“${rt.name}”` : 'this request type'}` });
  if (input.subClassificationId) {
    if (!usable(sub)) out.push(missing('subClassificationId', 'sub-classification', input.subClassificationId));
    else if (sub.parentId !== input.classificationId) out.push({ field: 'subClassificationId', message: `subClassificationId: “${sub.name}” is not under ${cl ? `“${cl.name}”` : 'this classification'}` });
  }
  if (input.cityId) {
    if (!usable(city)) out.push(missing('cityId', 'city', input.cityId));
    else if (city.cityId !== null) out.push({ field: 'cityId', message: `cityId: “${city.name}” is a district, not a city` });
  }
  if (input.districtId) {
    if (!usable(district)) out.push(missing('districtId', 'district', input.districtId));
    else if (district.cityId === null) out.push({ field: 'districtId', message: `districtId: “${district.name}” is a city, not a district` });
    else if (district.cityId !== (input.cityId ?? null)) out.push({ field: 'districtId', message: `districtId: “${district.name}” is not in ${city ? `“${city.name}”` : 'the chosen city'}` });
  }
  if (usable(rt)) out.push(...fieldValueProblems(rt.fields, input.fields ?? {}));
  return out;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Values against the type's field definitions. Keys the type does not
 * define are let through: an offline record saved before an admin removed
 * a field must still be accepted when the outbox replays.
 */
export function fieldValueProblems(defs: readonly FieldDefinition[], values: Record<string, unknown>): Problem[] {
  const out: Problem[] = [];
  for (const def of defs) {
    const v = values[def.key];
    const field = `fields.${def.key}`;
    const label = `“${def.label}”`;
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (def.required) out.push({ field, message: `${label} is required` });
      continue;
    }
    switch (def.type) {
      case 'text':
        if (typeof v !== 'string') out.push({ field, message: `${label} must be text` });
        break;
      case 'number':
        if (!(typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && /^-?\d+([.,]\d+)?$/.test(v.trim()))) out.push({ field, message: `${label} must be a number` });
        break;
      case 'boolean':
        if (typeof v !== 'boolean') out.push({ field, message: `${label} must be yes or no (true/false)` });
        break;
      case 'date': {
        const m = typeof v === 'string' ? DATE.exec(v.trim()) : null;
        const day = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
        if (!m || !day || day.getUTCDate() !== +m[3] || day.getUTCMonth() !== +m[2] - 1) out.push({ field, message: `${label} must be a date (YYYY-MM-DD)` });
        break;
      }
      case 'choice':
        if (typeof v !== 'string' || !(def.options ?? []).includes(v)) out.push({ field, message: `${label} must be one of: ${(def.options ?? []).join(', ')}` });
        break;
    }
  }
  return out;
}
