/**
 * Reference lists kept by admins (request types with their fields,
 * classifications, cities/districts, FAQ): CRUD with the rules of checks.ts,
 * CSV import/export, the agents' bundle and FAQ search, and `check` — the
 * interface the call-record feature validates its choices with.
 */
import {
  AppError,
  REF_ITEM_SCHEMAS,
  type Classification,
  type FaqEntry,
  type ImportResult,
  type Location,
  type ReferenceBundle,
  type RequestType,
  type TicketPolicy,
} from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';
import { readCsvTable } from '../../lib/csv.ts';
import { fold, searchWords } from '../../lib/search-text.ts';
import { classificationProblems, fieldDefinitionProblems, locationProblems, recordProblems, type Problem, type RecordChoices } from './checks.ts';
import { planClassifications, planFaq, planLocations, type ImportPlan } from './csv-import.ts';

export type BranchFaq = Omit<FaqEntry, 'origin'>;
export interface RefItems {
  request_type: RequestType;
  classification: Classification;
  location: Location;
  faq: BranchFaq;
}
export type RefKind = keyof RefItems;
export type RefItem = RefItems[RefKind];

/** `parentId`/`cityId` null: top-level items only; undefined: any. */
export interface RefFilter {
  words: string[];
  requestTypeId?: string;
  parentId?: string | null;
  cityId?: string | null;
}

export interface ReferenceQueries {
  page<K extends RefKind>(kind: K, filter: RefFilter, offset: number, limit: number): Promise<{ items: RefItems[K][]; total: number }>;
  all<K extends RefKind>(kind: K): Promise<RefItems[K][]>;
  get<K extends RefKind>(kind: K, id: string): Promise<RefItems[K] | null>;
  /** Another item with the same folded name in the same parent, if any. */
  sameName<K extends RefKind>(kind: K, item: RefItems[K]): Promise<RefItems[K] | null>;
  /** Sub-classifications of a classification, districts of a city. */
  childCount(kind: 'classification' | 'location', id: string): Promise<number>;
  /** What refers to the item (other lists, contacts, call records), as non-zero counts. */
  usage(kind: RefKind, id: string): Promise<{ what: string; count: number }[]>;
  insert<K extends RefKind>(kind: K, item: RefItems[K]): Promise<void>;
  update<K extends RefKind>(kind: K, item: RefItems[K]): Promise<void>;
  remove(kind: RefKind, id: string): Promise<void>;
  /** Active branch FAQ matching every word; with a type, that type's entries and the general ones. */
  faqMatches(words: string[], requestTypeId?: string): Promise<BranchFaq[]>;
  /** FAQ payloads from HQ's reference data (table ref_item). */
  hqFaq(): Promise<{ key: string; payload: unknown }[]>;
}
export interface ReferenceStore extends ReferenceQueries {
  transaction<T>(fn: (tx: ReferenceQueries) => Promise<T>): Promise<T>;
}

export const LABEL: Record<RefKind, string> = { request_type: 'request type', classification: 'classification', location: 'location', faq: 'FAQ entry' };
const nameOf = (item: RefItem) => ('title' in item ? item.title : item.name);

export function invalid(problems: Problem[], lead = ''): AppError {
  return new AppError('validation_failed', lead + problems.map((p) => p.message).join('; '), problems);
}

export interface ListOptions {
  search?: string;
  offset: number;
  limit: number;
  requestTypeId?: string;
  parentId?: string;
  cityId?: string;
}

export function createReferenceService(deps: {
  store: ReferenceStore;
  clock: Clock;
  ids: () => string;
  audit: AuditRecorder;
  hash: (text: string) => string;
  /** What the ticket policy of a request type names (group, template, statuses) exists: wired in main.ts from the ACD and admin settings. */
  checkTicketPolicy?: (policy: TicketPolicy) => Promise<Problem[]>;
}) {
  const { store, audit } = deps;
  const now = () => new Date(deps.clock.now()).toISOString();
  const withOrigin = <K extends RefKind>(kind: K, item: RefItems[K]) => (kind === 'faq' ? { ...item, origin: 'branch' as const } : item);

  async function validate<K extends RefKind>(tx: ReferenceQueries, kind: K, next: RefItems[K], prev: RefItems[K] | null) {
    let problems: Problem[] = [];
    if (kind === 'request_type') problems = fieldDefinitionProblems((next as RequestType).fields);
    if (kind === 'classification') {
      const c = next as Classification;
      problems = classificationProblems(c, {
        requestType: await tx.get('request_type', c.requestTypeId),
        parent: c.parentId ? await tx.get('classification', c.parentId) : null,
        childCount: prev ? await tx.childCount('classification', c.id) : 0,
        previousRequestTypeId: (prev as Classification | null)?.requestTypeId,
      });
    }
    if (kind === 'location') {
      const l = next as Location;
      problems = locationProblems(l, { city: l.cityId ? await tx.get('location', l.cityId) : null, districtCount: prev ? await tx.childCount('location', l.id) : 0 });
    }
    if (kind === 'faq') {
      const f = next as BranchFaq;
      if (f.requestTypeId && !(await tx.get('request_type', f.requestTypeId))) problems = [{ field: 'requestTypeId', message: `no request type ${f.requestTypeId}` }];
    }
    if (problems.length) throw invalid(problems);
    const other = await tx.sameName(kind, next);
    if (other && other.id !== next.id) {
      const where = kind === 'classification' ? ' in this place of the request type' : kind === 'location' ? ((next as Location).cityId ? ' in this city' : ' among the cities') : '';
      throw new AppError('conflict', `A ${LABEL[kind]} named “${nameOf(other)}” already exists${where}`, { id: other.id });
    }
  }

  async function list<K extends RefKind>(kind: K, q: ListOptions) {
    const filter: RefFilter = { words: searchWords(q.search), requestTypeId: q.requestTypeId };
    if (q.parentId !== undefined) filter.parentId = q.parentId === 'none' ? null : q.parentId;
    if (q.cityId !== undefined) filter.cityId = q.cityId === 'none' ? null : q.cityId;
    const { items, total } = await store.page(kind, filter, q.offset, q.limit);
    return { items: items.map((i) => withOrigin(kind, i)), total, offset: q.offset, limit: q.limit };
  }

  /**
   * A request type's ticket policy names things other features keep; asked
   * before the transaction opens (the database has one connection). An
   * unchanged policy is not judged again: a group or template removed since
   * must not block renaming the type.
   */
  async function checkPolicy(kind: RefKind, next: Partial<RequestType>, prev: RequestType | null) {
    if (kind !== 'request_type' || !deps.checkTicketPolicy || !next.ticket || JSON.stringify(prev?.ticket) === JSON.stringify(next.ticket)) return;
    const problems = await deps.checkTicketPolicy(next.ticket);
    if (problems.length) throw invalid(problems.map((p) => ({ field: `ticket.${p.field}`, message: p.message })));
  }

  async function create<K extends RefKind>(kind: K, input: Omit<RefItems[K], 'id' | 'updatedAt'>, actor: Actor) {
    const item = { ...input, id: deps.ids(), updatedAt: now() } as RefItems[K];
    await checkPolicy(kind, item as Partial<RequestType>, null);
    await store.transaction(async (tx) => {
      await validate(tx, kind, item, null);
      await tx.insert(kind, item);
    });
    await audit.record({ ...actor, action: `settings.${kind}.create`, targetType: kind, targetId: item.id, after: item });
    return withOrigin(kind, item);
  }

  async function update<K extends RefKind>(kind: K, id: string, patch: Partial<RefItems[K]>, actor: Actor) {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (kind === 'request_type' && 'ticket' in defined) await checkPolicy(kind, defined as Partial<RequestType>, (await store.get('request_type', id)) as RequestType | null);
    const { before, after } = await store.transaction(async (tx) => {
      const before = await tx.get(kind, id);
      if (!before) throw new AppError('not_found', `No ${LABEL[kind]} ${id}`);
      const after = { ...before, ...defined, id, updatedAt: now() } as RefItems[K];
      await validate(tx, kind, after, before);
      await tx.update(kind, after);
      return { before, after };
    });
    await audit.record({ ...actor, action: `settings.${kind}.update`, targetType: kind, targetId: id, before, after });
    return withOrigin(kind, after);
  }

  async function remove(kind: RefKind, id: string, actor: Actor) {
    const before = await store.transaction(async (tx) => {
      const before = await tx.get(kind, id);
      if (!before) throw new AppError('not_found', `No ${LABEL[kind]} ${id}`);
      const usage = await tx.usage(kind, id);
      if (usage.length) {
        const uses = usage.map((u) => `${u.count} ${u.what}`).join(', ');
        throw new AppError('in_use', `${LABEL[kind][0].toUpperCase()}${LABEL[kind].slice(1)} “${nameOf(before)}” is in use (${uses}); deactivate it instead, or remove those first`, usage);
      }
      await tx.remove(kind, id);
      return before;
    });
    await audit.record({ ...actor, action: `settings.${kind}.delete`, targetType: kind, targetId: id, before });
  }

  async function importCsv(kind: 'classification' | 'location' | 'faq', csv: string, actor: Actor): Promise<ImportResult> {
    const required = { classification: ['name', 'requestTypeId|requestType'], location: ['name'], faq: ['title', 'body'] }[kind];
    const table = readCsvTable(csv, { required });
    if (table.errors.length) throw new AppError('validation_failed', `The file is not valid; nothing was imported`, table.errors.slice(0, 200));
    const ctx = { id: deps.ids, now: now() };
    const plan = await store.transaction(async (tx) => {
      let plan: ImportPlan<RefItem>;
      if (kind === 'classification') plan = planClassifications(table.rows, { requestTypes: await tx.all('request_type'), classifications: await tx.all('classification') }, ctx);
      else if (kind === 'location') plan = planLocations(table.rows, { locations: await tx.all('location') }, ctx);
      else plan = planFaq(table.rows, { requestTypes: await tx.all('request_type'), faq: await tx.all('faq') }, { ...ctx, hasTags: table.columns.has('tags') });
      if (plan.errors.length) {
        const n = plan.errors.length;
        throw new AppError('validation_failed', `${n} row${n === 1 ? '' : 's'} of the file ${n === 1 ? 'is' : 'are'} not valid; nothing was imported`, plan.errors.slice(0, 200));
      }
      for (const item of plan.create) await tx.insert(kind, item as never);
      for (const u of plan.update) await tx.update(kind, u.after as never);
      return plan;
    });
    const result = { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
    await audit.record({
      ...actor,
      action: `settings.${kind}.import`,
      targetType: kind,
      targetId: null,
      before: plan.update.map((u) => u.before),
      after: { ...result, created: plan.create, updated: plan.update.map((u) => u.after) },
    });
    return result;
  }

  /** Active items only: a classification of an inactive type or parent, a district of an inactive city drop out too. */
  async function bundle(): Promise<ReferenceBundle> {
    const [types, classes, places] = await Promise.all([store.all('request_type'), store.all('classification'), store.all('location')]);
    const requestTypes = types.filter((t) => t.active);
    const liveTypes = new Set(requestTypes.map((t) => t.id));
    const liveTop = new Set(classes.filter((c) => c.active && c.parentId === null && liveTypes.has(c.requestTypeId)).map((c) => c.id));
    const classifications = classes.filter((c) => c.active && liveTypes.has(c.requestTypeId) && (c.parentId === null || liveTop.has(c.parentId)));
    const liveCities = new Set(places.filter((l) => l.active && l.cityId === null).map((l) => l.id));
    const locations = places.filter((l) => l.active && (l.cityId === null || liveCities.has(l.cityId)));
    const version = deps.hash(JSON.stringify([requestTypes, classifications, locations])).slice(0, 16);
    return { requestTypes, classifications, locations, version };
  }

  /** Branch FAQ and HQ's FAQ (read-only at the branch) in one list, by title. */
  async function searchFaq(q: { search?: string; requestTypeId?: string; offset: number; limit: number }) {
    const words = searchWords(q.search);
    const branch: FaqEntry[] = (await store.faqMatches(words, q.requestTypeId)).map((f) => ({ ...f, origin: 'branch' }));
    const hq: FaqEntry[] = [];
    for (const row of await store.hqFaq()) {
      const p = REF_ITEM_SCHEMAS.faq.safeParse(row.payload);
      if (!p.success) continue;
      const text = fold([p.data.question, p.data.answer, ...p.data.tags].join(' '));
      if (!words.every((w) => text.includes(w))) continue;
      hq.push({ id: `hq:${row.key}`, title: p.data.question, body: p.data.answer, tags: p.data.tags, requestTypeId: null, active: true, updatedAt: new Date(0).toISOString(), origin: 'hq' });
    }
    const all = [...branch, ...hq].sort((a, b) => fold(a.title).localeCompare(fold(b.title), 'az'));
    return { items: all.slice(q.offset, q.offset + q.limit), total: all.length, offset: q.offset, limit: q.limit };
  }

  /**
   * For the call-record feature: the record's choices fit the lists (ids
   * known and active, classification of the type, sub-classification under
   * it, district in the city, field values of the type). Throws
   * validation_failed with details [{field, message}]. Call it before
   * opening a transaction: the database has one connection.
   */
  async function check(input: RecordChoices): Promise<void> {
    const found = {
      requestType: await store.get('request_type', input.requestTypeId),
      classification: await store.get('classification', input.classificationId),
      subClassification: input.subClassificationId ? await store.get('classification', input.subClassificationId) : null,
      city: input.cityId ? await store.get('location', input.cityId) : null,
      district: input.districtId ? await store.get('location', input.districtId) : null,
    };
    const problems = recordProblems(input, found);
    if (problems.length) throw invalid(problems);
  }

  return { list, all: store.all, get: store.get, create, update, remove, importCsv, bundle, searchFaq, check };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
/** The slice of the service other features get (wired in main.ts). */
export type ReferenceCheck = Pick<ReferenceService, 'check'>;
