/**
 * The life of one admin list (pause reasons, templates, criteria…): search
 * and paging, create, edit, delete refused while in use, CSV import of all
 * rows or none, and an audit entry (who, when, before, after) for every
 * write. Each list brings its rules; everything else is the same for all.
 */
import { AppError, type ImportResult, type SettingProblem } from '@edgecall/contracts';
import type { Clock } from '../../core/ports.ts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';
import { readCsvTable, type CsvLineError, type CsvRow } from '../../lib/csv.ts';
import { searchWords } from '../../lib/search-text.ts';
import type { AdminItems, AdminKind, AdminQueries, AdminStore } from './ports.ts';

export interface CatalogDeps {
  store: AdminStore;
  clock: Clock;
  ids: () => string;
  audit: AuditRecorder;
}

export interface ListQuery {
  search?: string;
  offset: number;
  limit: number;
  filter?: Record<string, string | boolean>;
}

export interface ListRules<K extends AdminKind, I, P> {
  kind: K;
  /** Singular, for messages: “pause reason”. */
  label: string;
  make(input: I, ctx: { id: string; now: string }): AdminItems[K];
  merge(before: AdminItems[K], patch: P, now: string): AdminItems[K];
  /** Problems with the item as it would be stored; conflicts (same name…) throw AppError. */
  check(tx: AdminQueries, next: AdminItems[K], prev: AdminItems[K] | null): Promise<SettingProblem[]>;
  /** What refers to the item, as non-zero counts; deletion is refused while any. */
  usage(tx: AdminQueries, item: AdminItems[K]): Promise<{ what: string; count: number }[]>;
  nameOf(item: AdminItems[K]): string;
  /** Advice appended to an in-use refusal. */
  inUseAdvice?: string;
  /** Last say over an item before it is checked and written (approvals keep an unapproved item inactive). */
  adjust?(tx: AdminQueries, next: AdminItems[K], prev: AdminItems[K] | null): Promise<AdminItems[K]>;
}

export function invalid(problems: SettingProblem[], lead = ''): AppError {
  return new AppError('validation_failed', lead + problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);

/** An import's outcome, planned without writes: the rows to write, or every bad line. */
export interface ImportPlan<T> {
  create: T[];
  update: { before: T; after: T }[];
  unchanged: number;
  errors: CsvLineError[];
  /** The file line that wrote each item id. */
  lines?: Map<string, number>;
}

export function createCatalog<K extends AdminKind, I, P>(deps: CatalogDeps, rules: ListRules<K, I, P>) {
  const { store, audit } = deps;
  const now = () => new Date(deps.clock.now()).toISOString();
  const action = (what: string) => `settings.${rules.kind}.${what}`;

  async function validate(tx: AdminQueries, next: AdminItems[K], prev: AdminItems[K] | null) {
    const problems = await rules.check(tx, next, prev);
    if (problems.length) throw invalid(problems);
  }

  async function list(q: ListQuery) {
    const { items, total } = await store.page(rules.kind, searchWords(q.search), q.offset, q.limit, q.filter);
    return { items, total, offset: q.offset, limit: q.limit };
  }

  async function get(id: string): Promise<AdminItems[K]> {
    const item = await store.get(rules.kind, id);
    if (!item) throw new AppError('not_found', `No ${rules.label} ${id}`);
    return item;
  }

  const adjust = (tx: AdminQueries, next: AdminItems[K], prev: AdminItems[K] | null) => (rules.adjust ? rules.adjust(tx, next, prev) : Promise.resolve(next));

  async function create(input: I, actor: Actor, opts: { id?: string } = {}) {
    const made = rules.make(input, { id: opts.id ?? deps.ids(), now: now() });
    const item = await store.transaction(async (tx) => {
      if (await tx.get(rules.kind, made.id)) throw new AppError('conflict', `A ${rules.label} ${made.id} already exists`, { id: made.id });
      const item = await adjust(tx, made, null);
      await validate(tx, item, null);
      await tx.insert(rules.kind, item);
      return item;
    });
    await audit.record({ ...actor, action: action('create'), targetType: rules.kind, targetId: item.id, after: item });
    return item;
  }

  async function update(id: string, patch: P, actor: Actor) {
    const { before, after } = await store.transaction(async (tx) => {
      const before = await tx.get(rules.kind, id);
      if (!before) throw new AppError('not_found', `No ${rules.label} ${id}`);
      const after = await adjust(tx, rules.merge(before, patch, now()), before);
      await validate(tx, after, before);
      await tx.update(rules.kind, after);
      return { before, after };
    });
    await audit.record({ ...actor, action: action('update'), targetType: rules.kind, targetId: id, before, after });
    return after;
  }

  async function remove(id: string, actor: Actor) {
    const before = await store.transaction(async (tx) => {
      const before = await tx.get(rules.kind, id);
      if (!before) throw new AppError('not_found', `No ${rules.label} ${id}`);
      const usage = await rules.usage(tx, before);
      if (usage.length) {
        const uses = usage.map((u) => `${u.count} ${u.what}`).join(', ');
        throw new AppError('in_use', `${capital(rules.label)} “${rules.nameOf(before)}” is in use (${uses}); ${rules.inUseAdvice ?? 'remove those first'}`, usage);
      }
      await tx.remove(rules.kind, id);
      return before;
    });
    await audit.record({ ...actor, action: action('delete'), targetType: rules.kind, targetId: id, before });
  }

  /**
   * Imports a CSV: `plan` checks every row against the current list and the
   * rows above it; any bad row and nothing is written. Each planned item
   * still passes the list's own checks, reported with its line.
   */
  async function importCsv(csv: string, actor: Actor, required: string[], plan: (rows: CsvRow[], existing: AdminItems[K][], ctx: { id: () => string; now: string }) => ImportPlan<AdminItems[K]>): Promise<ImportResult> {
    const table = readCsvTable(csv, { required });
    if (table.errors.length) throw new AppError('validation_failed', 'The file is not valid; nothing was imported', table.errors.slice(0, 200));
    const done = await store.transaction(async (tx) => {
      const planned = plan(table.rows, await tx.all(rules.kind), { id: deps.ids, now: now() });
      const p = rules.adjust
        ? {
            ...planned,
            create: await Promise.all(planned.create.map((i) => adjust(tx, i, null))),
            update: await Promise.all(planned.update.map(async (u) => ({ before: u.before, after: await adjust(tx, u.after, u.before) }))),
          }
        : planned;
      const fail = (errors: CsvLineError[]) => {
        const n = errors.length;
        return new AppError('validation_failed', `${n} row${n === 1 ? '' : 's'} of the file ${n === 1 ? 'is' : 'are'} not valid; nothing was imported`, errors.slice(0, 200));
      };
      if (p.errors.length) throw fail(p.errors);
      const lineOf = p.lines ?? new Map<string, number>();
      const later: CsvLineError[] = [];
      for (const item of p.create) await tx.insert(rules.kind, item);
      for (const u of p.update) await tx.update(rules.kind, u.after);
      // Checks run after every row is written, so rows may refer to each other.
      for (const item of [...p.create, ...p.update.map((u) => u.after)]) {
        const prev = p.update.find((u) => u.after === item)?.before ?? null;
        const problems = await rules.check(tx, item, prev);
        if (problems.length) later.push({ line: lineOf.get(item.id) ?? 0, message: problems.map((x) => `${x.field}: ${x.message}`).join('; ') });
      }
      if (later.length) throw fail(later.sort((a, b) => a.line - b.line));
      return p;
    });
    const result = { created: done.create.length, updated: done.update.length, unchanged: done.unchanged };
    await audit.record({
      ...actor,
      action: action('import'),
      targetType: rules.kind,
      targetId: null,
      before: done.update.map((u) => u.before),
      after: { ...result, created: done.create, updated: done.update.map((u) => u.after) },
    });
    return result;
  }

  return { rules, list, get, create, update, remove, importCsv, all: () => store.all(rules.kind) };
}

export type Catalog<K extends AdminKind, I, P> = ReturnType<typeof createCatalog<K, I, P>>;

/**
 * Bookkeeping of an import plan: rows match existing items by `keyOf`, a key
 * claimed twice is an error naming the first line, and `lines` remembers
 * which line wrote which item (for checks that run after the writes).
 */
export function importPlanner<T extends { id: string }>(existing: T[], keyOf: (item: T) => string) {
  const byKey = new Map(existing.map((i) => [keyOf(i), i]));
  const claimed = new Map<string, number>();
  const plan: ImportPlan<T> & { lines: Map<string, number> } = { create: [], update: [], unchanged: 0, errors: [], lines: new Map() };
  return {
    plan,
    byKey,
    fail(line: number, messages: string[]) {
      plan.errors.push({ line, message: messages.join('; ') });
    },
    put(line: number, key: string, make: (before: T | undefined) => T, changed: (before: T, after: T) => boolean) {
      const first = claimed.get(key);
      if (first !== undefined) return void plan.errors.push({ line, message: `repeats line ${first}` });
      claimed.set(key, line);
      const before = byKey.get(key);
      const after = make(before);
      plan.lines.set(after.id, line);
      if (!before) plan.create.push(after);
      else if (changed(before, after)) plan.update.push({ before, after });
      else plan.unchanged++;
      byKey.set(key, after);
    },
  };
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'bəli', 'beli', 'да']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'xeyr', 'нет']);

/** A yes/no cell: undefined when empty (keep or default), a message for nonsense. */
export function parseFlag(column: string, cell: string): boolean | undefined | string {
  if (cell === '') return undefined;
  const v = cell.trim().toLocaleLowerCase('az');
  return TRUE.has(v) || v === column.toLowerCase() ? true : FALSE.has(v) ? false : `${column}: “${cell}” is not true or false`;
}

/** A whole-number cell within bounds: undefined when empty, a message otherwise. */
export function parseInteger(column: string, cell: string, min: number, max: number): number | undefined | string {
  if (cell === '') return undefined;
  const n = Number(cell);
  return Number.isInteger(n) && n >= min && n <= max ? n : `${column}: “${cell}” is not a whole number from ${min} to ${max}`;
}

export const zodMessages = (issues: { path: PropertyKey[]; message: string }[]) => issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
