/** QA criteria (weight, maximum score) and the forms that group them. */
import { AppError, CriterionInput, EvaluationFormInput, formProblems, type EvaluationCriterion, type SettingProblem } from '@edgecall/contracts';
import type { CsvRow } from '../../lib/csv.ts';
import { fold } from '../../lib/search-text.ts';
import { createCatalog, importPlanner, parseFlag, parseInteger, zodMessages, type CatalogDeps, type ImportPlan } from './catalog.ts';
import type { AdminQueries } from './ports.ts';
import { defined } from './pause-reasons.ts';
import type { ApprovalGate } from './templates.ts';

async function sameName<K extends 'criterion' | 'evaluation_form'>(tx: AdminQueries, kind: K, item: { id: string; name: string }, label: string) {
  const other = (await tx.all(kind)).find((x) => x.id !== item.id && fold(x.name) === fold(item.name));
  if (other) throw new AppError('conflict', `A ${label} named “${other.name}” already exists`, { id: other.id });
}

export function createEvaluation(deps: CatalogDeps, approvals?: ApprovalGate) {
  const criteria = createCatalog<'criterion', CriterionInput, Partial<CriterionInput>>(deps, {
    kind: 'criterion',
    label: 'evaluation criterion',
    make: (input, ctx) => ({ ...input, id: ctx.id, updatedAt: ctx.now }),
    merge: (before, patch, now) => ({ ...before, ...defined(patch), id: before.id, updatedAt: now }),
    async check(tx, next, prev) {
      await sameName(tx, 'criterion', next, 'criterion');
      const problems: SettingProblem[] = [];
      // Deactivating the last active criterion of an active form would leave it empty.
      if (prev?.active && !next.active) {
        const all = new Map((await tx.all('criterion')).map((c) => [c.id, c.id === next.id ? next : c]));
        for (const form of await tx.all('evaluation_form')) {
          if (form.active && form.criteria.includes(next.id) && formProblems(form, all).length) {
            problems.push({ field: 'active', message: `the active form “${form.name}” would be left without an active criterion` });
          }
        }
      }
      return problems;
    },
    async usage(tx, item) {
      const forms = (await tx.all('evaluation_form')).filter((f) => f.criteria.includes(item.id));
      return forms.length ? [{ what: `form${forms.length === 1 ? '' : 's'} (${forms.map((f) => `“${f.name}”`).join(', ')})`, count: forms.length }] : [];
    },
    nameOf: (c) => c.name,
    inUseAdvice: 'take it out of those forms first, or deactivate it',
  });

  const forms = createCatalog<'evaluation_form', EvaluationFormInput, Partial<EvaluationFormInput>>(deps, {
    kind: 'evaluation_form',
    label: 'evaluation form',
    make: (input, ctx) => ({ ...input, id: ctx.id, updatedAt: ctx.now }),
    merge: (before, patch, now) => ({ ...before, ...defined(patch), id: before.id, updatedAt: now }),
    async check(tx, next) {
      await sameName(tx, 'evaluation_form', next, 'form');
      return [...formProblems(next, new Map((await tx.all('criterion')).map((c) => [c.id, c]))), ...(approvals ? await approvals.gateProblems(tx, 'evaluation_form', next) : [])];
    },
    // Evaluations (a later issue) will keep their form: counted then. An open approval request holds it now.
    usage: async (tx, item) => (approvals ? approvals.usage(tx, 'evaluation_form', item.id) : []),
    nameOf: (f) => f.name,
    ...(approvals ? { adjust: (tx, next, prev) => approvals.gate(tx, 'evaluation_form', next, prev) } : {}),
  });

  const CSV_COLUMNS = ['name', 'description', 'weight', 'maxScore', 'active'];
  const exportRows = (items: EvaluationCriterion[]) => ({ header: [...CSV_COLUMNS, 'id'], rows: items.map((c) => [c.name, c.description, c.weight, c.maxScore, c.active, c.id]) });

  /** Criteria rows match by name. */
  function plan(rows: CsvRow[], existing: EvaluationCriterion[], ctx: { id: () => string; now: string }): ImportPlan<EvaluationCriterion> {
    const p = importPlanner(existing, (c) => fold(c.name));
    for (const row of rows) {
      const errs: string[] = [];
      const before = p.byKey.get(fold(row.get('name')));
      const weight = parseInteger('weight', row.get('weight'), 1, 100);
      const maxScore = parseInteger('maxScore', row.get('maxScore'), 1, 100);
      const active = parseFlag('active', row.get('active'));
      for (const v of [weight, maxScore, active]) if (typeof v === 'string') errs.push(v);
      const input = CriterionInput.safeParse({
        name: row.get('name'),
        description: row.get('description') || before?.description || '',
        weight: typeof weight === 'number' ? weight : (before?.weight ?? 1),
        maxScore: typeof maxScore === 'number' ? maxScore : (before?.maxScore ?? 5),
        active: typeof active === 'boolean' ? active : (before?.active ?? true),
      });
      if (!input.success) errs.push(...zodMessages(input.error.issues));
      if (errs.length || !input.success) {
        p.fail(row.line, errs);
        continue;
      }
      const v = input.data;
      p.put(
        row.line,
        fold(v.name),
        (b) => (b ? { ...b, ...v, updatedAt: ctx.now } : { ...v, id: ctx.id(), updatedAt: ctx.now }),
        (a, b) => JSON.stringify([a.name, a.description, a.weight, a.maxScore, a.active]) !== JSON.stringify([b.name, b.description, b.weight, b.maxScore, b.active]),
      );
    }
    return p.plan;
  }

  return {
    criteria: { ...criteria, exportRows, importCsv: (csv: string, actor: Parameters<typeof criteria.importCsv>[1]) => criteria.importCsv(csv, actor, ['name'], plan) },
    forms,
  };
}

export type Evaluation = ReturnType<typeof createEvaluation>;
