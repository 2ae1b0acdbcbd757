/**
 * CSV imports of classifications, locations and FAQ, planned without I/O:
 * every row is checked against the current lists plus the rows above it
 * (a sub-classification may follow its new parent in the same file), and
 * the plan is either a set of writes or the full list of bad lines.
 * Rows match existing items by name within their parent, so re-importing
 * an export updates instead of duplicating.
 */
import { ClassificationInput, FaqInput, LocationInput, type Classification, type Location, type RequestType } from '@edgecall/contracts';
import type { z } from 'zod';
import type { CsvLineError, CsvRow } from '../../lib/csv.ts';
import { fold } from '../../lib/search-text.ts';
import { classificationProblems, locationProblems } from './checks.ts';
import type { BranchFaq } from './service.ts';

export interface ImportPlan<T> {
  create: T[];
  update: { before: T; after: T }[];
  unchanged: number;
  errors: CsvLineError[];
}

export interface ImportContext {
  id(): string;
  /** updatedAt of written items (ISO). */
  now: string;
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'bəli', 'beli', 'да', 'active']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'xeyr', 'нет', 'inactive']);

/** `undefined` for an empty cell (keep / default), an Error message for nonsense. */
export function parseActive(cell: string): boolean | undefined | string {
  if (cell === '') return undefined;
  const v = fold(cell);
  return TRUE.has(v) ? true : FALSE.has(v) ? false : `active: “${cell}” is not true or false`;
}

const zodMessages = (r: z.ZodSafeParseResult<unknown>) =>
  r.success ? [] : r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));

/** Shared bookkeeping: items by id and by "scope|folded name", and which line claimed which key. */
function planner<T extends { id: string }>(existing: T[], keyOf: (item: T) => string) {
  const byKey = new Map(existing.map((i) => [keyOf(i), i]));
  const byId = new Map(existing.map((i) => [i.id, i]));
  const claimed = new Map<string, number>();
  const plan: ImportPlan<T> = { create: [], update: [], unchanged: 0, errors: [] };
  return {
    plan,
    byKey,
    byId,
    /** Records the row's outcome; `make` builds the new or changed item. */
    put(line: number, key: string, make: (before: T | undefined) => T, changed: (before: T, after: T) => boolean) {
      const first = claimed.get(key);
      if (first !== undefined) return plan.errors.push({ line, message: `repeats line ${first}` });
      claimed.set(key, line);
      const before = byKey.get(key);
      const after = make(before);
      if (!before) plan.create.push(after);
      else if (changed(before, after)) plan.update.push({ before, after });
      else plan.unchanged++;
      byKey.set(key, after);
      byId.set(after.id, after);
    },
  };
}

/** An id column first, then a name column: an export from another appliance (other ids) still imports by name. */
const refsOf = (row: CsvRow, idColumn: string, nameColumn: string) => [row.get(idColumn), row.get(nameColumn)].filter(Boolean);
const firstFound = <T>(refs: string[], find: (ref: string) => T | null | undefined): T | null => {
  for (const ref of refs) {
    const hit = find(ref);
    if (hit) return hit;
  }
  return null;
};

const requestTypeFinder = (types: RequestType[]) => {
  const byName = new Map(types.map((t) => [fold(t.name), t]));
  return (ref: string) => types.find((t) => t.id === ref) ?? byName.get(fold(ref)) ?? null;
};

export function planClassifications(rows: CsvRow[], state: { requestTypes: RequestType[]; classifications: Classification[] }, ctx: ImportContext): ImportPlan<Classification> {
  const keyOf = (c: Pick<Classification, 'requestTypeId' | 'parentId' | 'name'>) => `${c.requestTypeId}|${c.parentId ?? ''}|${fold(c.name)}`;
  const p = planner(state.classifications, keyOf);
  const findType = requestTypeFinder(state.requestTypes);
  for (const row of rows) {
    const errs: string[] = [];
    const typeRefs = refsOf(row, 'requestTypeId', 'requestType');
    const type = firstFound(typeRefs, findType);
    if (!typeRefs.length) errs.push('requestType: empty');
    else if (!type) errs.push(`requestType: no request type “${typeRefs.at(-1)}”`);
    const parentRefs = refsOf(row, 'parentId', 'parent');
    let parent: Classification | null = null;
    if (parentRefs.length && type) {
      parent = firstFound(parentRefs, (ref) => p.byId.get(ref) ?? p.byKey.get(`${type.id}||${fold(ref)}`));
      if (!parent) errs.push(`parent: no classification “${parentRefs.at(-1)}” in “${type.name}” (a parent must exist or come on an earlier line)`);
    }
    const active = parseActive(row.get('active'));
    if (typeof active === 'string') errs.push(active);
    const input = ClassificationInput.safeParse({ requestTypeId: type?.id ?? 'x', parentId: parent?.id ?? null, name: row.get('name'), active: typeof active === 'boolean' ? active : true });
    errs.push(...zodMessages(input));
    if (!errs.length && input.success && !p.byKey.has(keyOf(input.data))) {
      errs.push(...classificationProblems(input.data, { requestType: type, parent, childCount: 0 }).map((x) => `${x.field}: ${x.message}`));
    }
    if (errs.length || !input.success) {
      p.plan.errors.push({ line: row.line, message: errs.join('; ') });
      continue;
    }
    const v = input.data;
    p.put(
      row.line,
      keyOf(v),
      (before) => (before ? { ...before, name: v.name, active: typeof active === 'boolean' ? active : before.active, updatedAt: ctx.now } : { ...v, id: ctx.id(), updatedAt: ctx.now }),
      (a, b) => a.name !== b.name || a.active !== b.active,
    );
  }
  return p.plan;
}

export function planLocations(rows: CsvRow[], state: { locations: Location[] }, ctx: ImportContext): ImportPlan<Location> {
  const keyOf = (l: Pick<Location, 'cityId' | 'name'>) => `${l.cityId ?? ''}|${fold(l.name)}`;
  const p = planner(state.locations, keyOf);
  for (const row of rows) {
    const errs: string[] = [];
    const cityRefs = refsOf(row, 'cityId', 'city');
    let city: Location | null = null;
    if (cityRefs.length) {
      city = firstFound(cityRefs, (ref) => p.byId.get(ref) ?? p.byKey.get(`|${fold(ref)}`));
      if (!city) errs.push(`city: no city “${cityRefs.at(-1)}” (a city must exist or come on an earlier line)`);
    }
    const active = parseActive(row.get('active'));
    if (typeof active === 'string') errs.push(active);
    const input = LocationInput.safeParse({ name: row.get('name'), cityId: city?.id ?? null, active: typeof active === 'boolean' ? active : true });
    errs.push(...zodMessages(input));
    if (!errs.length && input.success) errs.push(...locationProblems(input.data, { city, districtCount: 0 }).map((x) => `${x.field}: ${x.message}`));
    if (errs.length || !input.success) {
      p.plan.errors.push({ line: row.line, message: errs.join('; ') });
      continue;
    }
    const v = input.data;
    p.put(
      row.line,
      keyOf(v),
      (before) => (before ? { ...before, name: v.name, active: typeof active === 'boolean' ? active : before.active, updatedAt: ctx.now } : { ...v, id: ctx.id(), updatedAt: ctx.now }),
      (a, b) => a.name !== b.name || a.active !== b.active,
    );
  }
  return p.plan;
}

export function planFaq(rows: CsvRow[], state: { requestTypes: RequestType[]; faq: BranchFaq[] }, ctx: ImportContext & { hasTags: boolean }): ImportPlan<BranchFaq> {
  const keyOf = (f: Pick<BranchFaq, 'requestTypeId' | 'title'>) => `${f.requestTypeId ?? ''}|${fold(f.title)}`;
  const p = planner(state.faq, keyOf);
  const findType = requestTypeFinder(state.requestTypes);
  for (const row of rows) {
    const errs: string[] = [];
    const typeRefs = refsOf(row, 'requestTypeId', 'requestType');
    const type = firstFound(typeRefs, findType);
    if (typeRefs.length && !type) errs.push(`requestType: no request type “${typeRefs.at(-1)}”`);
    const active = parseActive(row.get('active'));
    if (typeof active === 'string') errs.push(active);
    const tags = row.get('tags').split(';').map((t) => t.trim()).filter(Boolean);
    const input = FaqInput.safeParse({ title: row.get('title'), body: row.get('body'), tags, requestTypeId: type?.id ?? null, active: typeof active === 'boolean' ? active : true });
    errs.push(...zodMessages(input));
    if (errs.length || !input.success) {
      p.plan.errors.push({ line: row.line, message: errs.join('; ') });
      continue;
    }
    const v = input.data;
    p.put(
      row.line,
      keyOf(v),
      (before) =>
        before
          ? { ...before, title: v.title, body: v.body, tags: ctx.hasTags ? v.tags : before.tags, active: typeof active === 'boolean' ? active : before.active, updatedAt: ctx.now }
          : { ...v, id: ctx.id(), updatedAt: ctx.now },
      (a, b) => a.title !== b.title || a.body !== b.body || a.active !== b.active || JSON.stringify(a.tags) !== JSON.stringify(b.tags),
    );
  }
  return p.plan;
}
