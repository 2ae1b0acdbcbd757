/**
 * Pause reasons: the agents' pause menu, the check of every pause request,
 * and the billable flag of the agent-time figures.
 */
import { AppError, PauseReasonInput, SYSTEM_PAUSE_REASONS, type PauseMenu, type PauseReason, type SettingProblem } from '@edgecall/contracts';
import type { z } from 'zod';
import type { CsvRow } from '../../lib/csv.ts';
import { createCatalog, importPlanner, parseFlag, parseInteger, zodMessages, type CatalogDeps, type ImportPlan } from './catalog.ts';

type Patch = Partial<Omit<PauseReasonInput, 'code'>>;

export function createPauseReasons(deps: CatalogDeps) {
  const catalog = createCatalog<'pause_reason', PauseReasonInput, Patch>(deps, {
    kind: 'pause_reason',
    label: 'pause reason',
    make: (input, ctx) => ({ ...input, id: input.code, updatedAt: ctx.now }),
    merge: (before, patch, now) => ({ ...before, ...defined(patch), name: patch.name ?? before.name, id: before.id, code: before.code, updatedAt: now }),
    async check(_tx, next) {
      const problems: SettingProblem[] = [];
      if (next.code in SYSTEM_PAUSE_REASONS) problems.push({ field: 'code', message: `${next.code} is a reason the system sets by itself` });
      return problems;
    },
    async usage(tx, item) {
      const use = await tx.pauseReasonUse(item.code);
      return [
        ['agents paused with it now', use.now],
        ['pauses in the agent history', use.history],
      ]
        .filter(([, n]) => Number(n) > 0)
        .map(([what, count]) => ({ what: String(what), count: Number(count) }));
    },
    nameOf: (item) => item.name.az,
    inUseAdvice: 'deactivate it instead: its history keeps counting in the agent-time figures',
  });

  /**
   * Refuses a pause whose reason is not an active reason of the list or a
   * system reason. Throws validation_failed naming the reasons on offer.
   */
  async function check(reason: string): Promise<void> {
    if (reason in SYSTEM_PAUSE_REASONS) return;
    const found = await deps.store.get('pause_reason', reason);
    if (found?.active) return;
    const offered = (await deps.store.all('pause_reason')).filter((r) => r.active).map((r) => r.code);
    const message = found ? `Pause reason “${reason}” is no longer offered` : `Unknown pause reason “${reason}”`;
    throw new AppError('validation_failed', `${message}; choose one of: ${offered.join(', ')}`, [{ path: 'reason', message }]);
  }

  async function menu(): Promise<PauseMenu> {
    const items = (await deps.store.all('pause_reason')).filter((r) => r.active).map(({ code, name, billable }) => ({ code, name, billable }));
    return { items, system: Object.entries(SYSTEM_PAUSE_REASONS).map(([code, r]) => ({ code, ...r })) };
  }

  /** Every reason (inactive too) with its name and billable flag, for reports. */
  async function classification(): Promise<Map<string, Pick<PauseReason, 'name' | 'billable'>>> {
    return new Map((await deps.store.all('pause_reason')).map((r) => [r.code, { name: r.name, billable: r.billable }]));
  }

  const CSV_COLUMNS = ['code', 'nameAz', 'nameEn', 'nameRu', 'billable', 'active', 'sort'];
  const exportRows = (items: PauseReason[]) => ({
    header: CSV_COLUMNS,
    rows: items.map((r) => [r.code, r.name.az, r.name.en ?? '', r.name.ru ?? '', r.billable, r.active, r.sort]),
  });

  /** Rows match by code: an export imports back as updates. */
  function plan(rows: CsvRow[], existing: PauseReason[], ctx: { now: string }): ImportPlan<PauseReason> {
    const p = importPlanner(existing, (r) => r.code);
    for (const row of rows) {
      const errs: string[] = [];
      const billable = parseFlag('billable', row.get('billable'));
      const active = parseFlag('active', row.get('active'));
      const sort = parseInteger('sort', row.get('sort'), 0, 10_000);
      for (const v of [billable, active, sort]) if (typeof v === 'string') errs.push(v);
      const before = p.byKey.get(row.get('code'));
      const input = PauseReasonInput.safeParse({
        code: row.get('code'),
        name: { az: row.get('nameAz') || before?.name.az || '', en: row.get('nameEn') || undefined, ru: row.get('nameRu') || undefined },
        billable: typeof billable === 'boolean' ? billable : (before?.billable ?? false),
        active: typeof active === 'boolean' ? active : (before?.active ?? true),
        sort: typeof sort === 'number' ? sort : (before?.sort ?? 100),
      });
      if (!input.success) errs.push(...zodMessages(input.error.issues).map((m) => m.replace(/^name\.az/, 'nameAz').replace(/^name\.en/, 'nameEn').replace(/^name\.ru/, 'nameRu')));
      else if (input.data.code in SYSTEM_PAUSE_REASONS) errs.push(`code: ${input.data.code} is a reason the system sets by itself`);
      if (errs.length || !input.success) {
        p.fail(row.line, errs);
        continue;
      }
      const v: z.output<typeof PauseReasonInput> = input.data;
      p.put(
        row.line,
        v.code,
        (b) => ({ ...v, id: v.code, updatedAt: b && same(b, v) ? b.updatedAt : ctx.now }),
        (a, b) => !same(a, b),
      );
    }
    return p.plan;
  }

  return {
    ...catalog,
    check,
    menu,
    classification,
    exportRows,
    importCsv: (csv: string, actor: Parameters<typeof catalog.importCsv>[1]) => catalog.importCsv(csv, actor, ['code', 'nameAz|nameEn|nameRu|billable|active|sort'], plan),
  };
}

const same = (a: PauseReasonInput, b: PauseReasonInput) => JSON.stringify([a.name, a.billable, a.active, a.sort]) === JSON.stringify([b.name, b.billable, b.active, b.sort]);

/** Patch fields that were sent (a PATCH leaves the others alone). */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type PauseReasons = ReturnType<typeof createPauseReasons>;
