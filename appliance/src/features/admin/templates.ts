/** SMS, e-mail and request templates: CRUD, CSV, and previews with sample data. */
import {
  AppError,
  TEMPLATE_PLACEHOLDERS,
  TemplateInput,
  previewTemplate,
  templateProblems,
  type MessageTemplate,
  type TemplateChannel,
  type TemplatePreview,
} from '@edgecall/contracts';
import type { CsvRow } from '../../lib/csv.ts';
import { fold } from '../../lib/search-text.ts';
import { createCatalog, importPlanner, invalid, parseFlag, zodMessages, type CatalogDeps, type ImportPlan } from './catalog.ts';
import { defined } from './pause-reasons.ts';
import type { Approvals } from './approvals.ts';

const keyOf = (t: Pick<MessageTemplate, 'channel' | 'language' | 'name'>) => `${t.channel}|${t.language}|${fold(t.name)}`;

/** How approvals hold back an item (approvals.ts); absent, every item is usable. */
export type ApprovalGate = Pick<Approvals, 'gate' | 'gateProblems' | 'usage'>;

export function createTemplates(deps: CatalogDeps, approvals?: ApprovalGate) {
  const catalog = createCatalog<'template', TemplateInput, Partial<TemplateInput>>(deps, {
    kind: 'template',
    label: 'template',
    make: (input, ctx) => ({ ...input, id: ctx.id, updatedAt: ctx.now }),
    merge: (before, patch, now) => ({ ...before, ...defined(patch), id: before.id, updatedAt: now }),
    async check(tx, next) {
      const problems = [...templateProblems(next), ...(approvals ? await approvals.gateProblems(tx, 'template', next) : [])];
      const other = (await tx.all('template')).find((t) => t.id !== next.id && keyOf(t) === keyOf(next));
      if (!problems.length && other) throw new AppError('conflict', `A ${next.channel} template named “${other.name}” (${other.language}) already exists`, { id: other.id });
      return problems;
    },
    // Texts are copied when sent; only an open approval request holds a template.
    usage: async (tx, item) => (approvals ? approvals.usage(tx, 'template', item.id) : []),
    nameOf: (t) => t.name,
    ...(approvals ? { adjust: (tx, next, prev) => approvals.gate(tx, 'template', next, prev) } : {}),
  });

  function checkValues(values: Record<string, string>) {
    const unknown = Object.keys(values).filter((k) => !(k in TEMPLATE_PLACEHOLDERS));
    if (unknown.length) throw invalid(unknown.map((k) => ({ field: `values.${k}`, message: `unknown placeholder {{${k}}}` })));
  }

  /** A stored template filled with sample data (and the given values). */
  async function preview(id: string, values: Record<string, string>): Promise<TemplatePreview> {
    checkValues(values);
    return previewTemplate(await catalog.get(id), values);
  }

  /** An unsaved text: refused like a save would be when a placeholder is unknown. */
  function previewUnsaved(t: { channel: TemplateChannel; subject: string; body: string }, values: Record<string, string>): TemplatePreview {
    checkValues(values);
    const problems = templateProblems(t);
    if (problems.length) throw invalid(problems);
    return previewTemplate(t, values);
  }

  const CSV_COLUMNS = ['channel', 'language', 'name', 'subject', 'body', 'active'];
  const exportRows = (items: MessageTemplate[]) => ({ header: [...CSV_COLUMNS, 'id'], rows: items.map((t) => [t.channel, t.language, t.name, t.subject, t.body, t.active, t.id]) });

  /** Rows match by channel, language and name. */
  function plan(rows: CsvRow[], existing: MessageTemplate[], ctx: { id: () => string; now: string }): ImportPlan<MessageTemplate> {
    const p = importPlanner(existing, keyOf);
    for (const row of rows) {
      const errs: string[] = [];
      const active = parseFlag('active', row.get('active'));
      if (typeof active === 'string') errs.push(active);
      const input = TemplateInput.safeParse({
        name: row.get('name'),
        channel: row.get('channel'),
        language: row.get('language') || 'az',
        subject: row.get('subject'),
        body: row.get('body'),
        active: typeof active === 'boolean' ? active : true,
      });
      if (!input.success) errs.push(...zodMessages(input.error.issues));
      else errs.push(...templateProblems(input.data).map((x) => `${x.field}: ${x.message}`));
      if (errs.length || !input.success) {
        p.fail(row.line, errs);
        continue;
      }
      const v = input.data;
      p.put(
        row.line,
        keyOf(v),
        (b) => (b ? { ...b, ...v, active: typeof active === 'boolean' ? active : b.active, updatedAt: ctx.now } : { ...v, id: ctx.id(), updatedAt: ctx.now }),
        (a, b) => a.subject !== b.subject || a.body !== b.body || a.active !== b.active || a.name !== b.name,
      );
    }
    return p.plan;
  }

  return {
    ...catalog,
    preview,
    previewUnsaved,
    exportRows,
    importCsv: (csv: string, actor: Parameters<typeof catalog.importCsv>[1]) => catalog.importCsv(csv, actor, ['channel', 'name', 'body'], plan),
  };
}

export type Templates = ReturnType<typeof createTemplates>;
