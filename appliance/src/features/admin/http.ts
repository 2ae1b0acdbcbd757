/**
 * Routes of the admin settings (issue 6). Every list: GET with search and
 * paging (?format=csv|xlsx exports the long ones), POST, PATCH, DELETE
 * (refused with in_use), POST …/import for CSV. All need settings:manage
 * except the pause menu agents read.
 */
import { z } from 'zod';
import {
  AppError,
  CriterionInput,
  CriterionPatch,
  CsvImport,
  EvaluationFormInput,
  EvaluationFormPatch,
  ListQuery,
  NewTicketStatus,
  OPERATOR_MODES,
  AGENT_NUMBER,
  OperatorModeInput,
  PauseReasonInput,
  PauseReasonPatch,
  SOUND_MAX_BYTES,
  SOUND_NAME,
  SOUND_UPLOAD_TYPES,
  SoundPatch,
  SoundUploadQuery,
  TEMPLATE_CHANNELS,
  TEMPLATE_LANGUAGES,
  TemplateInput,
  TemplatePatch,
  TemplatePreviewRequest,
  TicketStatusPatch,
  TicketTransitionInput,
  TicketWorkflowInput,
  UnsavedTemplatePreview,
  WorkingHours,
} from '@edgecall/contracts';
import { actorOf } from '../../lib/audit.ts';
import { created, noContent, raw, type RouteSpec, type UploadBody } from '../../lib/http-route.ts';
import { tableExport } from '../../lib/table-export.ts';
import type { XlsxWriter } from '../../lib/xlsx.ts';
import type { ListQuery as CatalogQuery } from './catalog.ts';
import type { AdminSettings } from './service.ts';
import { approvalRoutes } from './approvals-http.ts';

/** CSV uploads are JSON-wrapped (CsvImport: up to 2 MB of text). */
const IMPORT_MAX_BODY = 5 * 1024 * 1024;
const EXPORT_MAX = 100_000;
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const PauseReasonsQuery = ListQuery.extend({ active: flag.optional(), billable: flag.optional() });
const APPROVAL = z.enum(['approved', 'draft', 'pending', 'rejected']);
const TemplatesQuery = ListQuery.extend({ channel: z.enum(TEMPLATE_CHANNELS).optional(), language: z.enum(TEMPLATE_LANGUAGES).optional(), active: flag.optional(), approval: APPROVAL.optional() });
const ActiveQuery = ListQuery.extend({ active: flag.optional() });
const FormsQuery = ListQuery.omit({ format: true }).extend({ active: flag.optional(), approval: z.enum(['approved', 'draft', 'pending', 'rejected']).optional() });
const StatusesQuery = ListQuery.omit({ format: true }).extend({ kind: z.enum(['open', 'waiting_customer', 'closed']).optional(), active: flag.optional() });
const TransitionsQuery = ListQuery.omit({ format: true }).extend({ from: z.string().max(32).optional(), to: z.string().max(32).optional() });
const ModesQuery = ListQuery.omit({ format: true }).extend({ mode: z.enum(OPERATOR_MODES).optional() });
const SoundsQuery = ListQuery.omit({ format: true });
const YearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

type Q = z.output<typeof ListQuery> & Record<string, unknown>;
/** The list query without paging/format keys: what remains are the kind's filters. */
function catalogQuery(q: Q, offset = q.offset, limit = q.limit): CatalogQuery {
  const { search, format: _f, offset: _o, limit: _l, ...rest } = q;
  const filter = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string | boolean>;
  return { search, offset, limit, filter };
}

export function adminRoutes(d: { admin: AdminSettings; xlsx?: XlsxWriter }): RouteSpec[] {
  const { pauseReasons, templates, evaluation, tickets, sounds, hours, operatorModes } = d.admin;
  const base = '/api/v1/settings';

  /** GET (with exports when `exportRows`), POST, PATCH, DELETE and optionally import, for one catalog. */
  function crud(path: string, label: string, c: any, o: { input: z.ZodType; patch?: z.ZodType; query: z.ZodType; exportRows?: (items: any[]) => { header: string[]; rows: unknown[][] }; importable?: boolean; create?: (body: any, ctx: any) => Promise<unknown> }): RouteSpec[] {
    const routes: RouteSpec[] = [
      {
        method: 'GET',
        path: `${base}/${path}`,
        access: 'settings:manage',
        summary: `List ${label} (search, paging${o.exportRows ? '; ?format=csv|xlsx exports' : ''})`,
        query: o.query,
        handler: async (ctx) => {
          const q = ctx.query as Q;
          if (!o.exportRows || q.format === 'json' || q.format === undefined) return c.list(catalogQuery(q));
          const all = await c.list(catalogQuery(q, 0, EXPORT_MAX));
          const t = o.exportRows(all.items);
          return tableExport(q.format as 'csv' | 'xlsx', path, t.header, t.rows, d.xlsx);
        },
      },
      {
        method: 'POST',
        path: `${base}/${path}`,
        access: 'settings:manage',
        summary: `Add to ${label}`,
        body: o.input,
        handler: async (ctx) => created(o.create ? await o.create(ctx.body, ctx) : await c.create(ctx.body, actorOf(ctx))),
      },
      {
        method: 'DELETE',
        path: `${base}/${path}/:id`,
        access: 'settings:manage',
        summary: `Remove one of the ${label} (refused with in_use while anything uses it)`,
        handler: async (ctx) => {
          await c.remove(ctx.params.id, actorOf(ctx));
          return noContent();
        },
      },
    ];
    if (o.patch) {
      routes.push({ method: 'PATCH', path: `${base}/${path}/:id`, access: 'settings:manage', summary: `Change one of the ${label}`, body: o.patch, handler: (ctx) => c.update(ctx.params.id, ctx.body, actorOf(ctx)) });
    }
    if (o.importable) {
      routes.push({
        method: 'POST',
        path: `${base}/${path}/import`,
        access: 'settings:manage',
        summary: `Import ${label} from CSV: all rows or none`,
        body: CsvImport,
        maxBodyBytes: IMPORT_MAX_BODY,
        handler: (ctx) => c.importCsv((ctx.body as z.output<typeof CsvImport>).csv, actorOf(ctx)),
      });
    }
    return routes;
  }

  return [
    // ── pause reasons ──
    ...crud('pause-reasons', 'pause reasons', pauseReasons, { input: PauseReasonInput, patch: PauseReasonPatch, query: PauseReasonsQuery, exportRows: pauseReasons.exportRows, importable: true }),
    {
      method: 'GET',
      path: '/api/v1/pause-reasons',
      access: 'authenticated',
      summary: "The agents' pause menu: active reasons in order, and the reasons the system sets",
      handler: () => pauseReasons.menu(),
    },
    // ── operator modes ──
    {
      method: 'GET',
      path: `${base}/operator-modes`,
      access: 'settings:manage',
      summary: 'Agents and their operator mode (inbound, outbound, blended; default blended)',
      query: ModesQuery,
      handler: (ctx) => operatorModes.list(ctx.query as z.output<typeof ModesQuery>),
    },
    {
      method: 'PUT',
      path: `${base}/operator-modes/:agent`,
      access: 'settings:manage',
      summary: "Set an agent's operator mode; the next call and callback decisions follow it",
      body: OperatorModeInput,
      handler: (ctx) => {
        const agent = AGENT_NUMBER.safeParse(ctx.params.agent);
        if (!agent.success) throw invalidAgent(ctx.params.agent);
        return operatorModes.set(agent.data, (ctx.body as z.output<typeof OperatorModeInput>).mode, actorOf(ctx));
      },
    },
    {
      method: 'DELETE',
      path: `${base}/operator-modes/:agent`,
      access: 'settings:manage',
      summary: 'Put an agent back to the default mode (blended)',
      handler: (ctx) => {
        if (!AGENT_NUMBER.safeParse(ctx.params.agent).success) throw invalidAgent(ctx.params.agent);
        return operatorModes.reset(ctx.params.agent, actorOf(ctx));
      },
    },
    // ── IVR sounds ──
    {
      method: 'GET',
      path: `${base}/sounds`,
      access: 'settings:manage',
      summary: 'Uploaded IVR sounds (search, paging)',
      query: SoundsQuery,
      handler: (ctx) => sounds.list(catalogQuery(ctx.query as Q)),
    },
    {
      method: 'POST',
      path: `${base}/sounds`,
      access: 'settings:manage',
      summary: 'Upload a sound (raw WAV, MP3 or OGG body; ?name=&title=&replace=true): converted to 8 kHz mono WAV for the IVR',
      query: SoundUploadQuery,
      upload: { types: Object.keys(SOUND_UPLOAD_TYPES) },
      maxBodyBytes: SOUND_MAX_BYTES,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof SoundUploadQuery>;
        const file = ctx.body as UploadBody;
        return created(await sounds.upload({ name: q.name, title: q.title, replace: q.replace === 'true', type: SOUND_UPLOAD_TYPES[file.contentType], bytes: file.bytes }, actorOf(ctx)));
      },
    },
    {
      method: 'PATCH',
      path: `${base}/sounds/:id`,
      access: 'settings:manage',
      summary: "Change a sound's title",
      body: SoundPatch,
      handler: (ctx) => sounds.update(ctx.params.id, ctx.body as z.output<typeof SoundPatch>, actorOf(ctx)),
    },
    {
      method: 'DELETE',
      path: `${base}/sounds/:id`,
      access: 'settings:manage',
      summary: 'Remove a sound (refused with in_use while an IVR menu or message plays it)',
      handler: async (ctx) => {
        await sounds.remove(ctx.params.id, actorOf(ctx));
        return noContent();
      },
    },
    {
      method: 'GET',
      path: `${base}/sounds/:id/audio`,
      access: 'settings:manage',
      summary: 'The converted WAV, to listen to in the browser',
      handler: async (ctx) => {
        if (!SOUND_NAME.safeParse(ctx.params.id).success) throw invalidSound(ctx.params.id);
        const file = await sounds.audio(ctx.params.id);
        return raw('audio/wav', file.body, { 'Content-Length': String(file.size), 'Content-Disposition': `inline; filename="${ctx.params.id}.wav"` });
      },
    },
    // ── working hours and holidays ──
    {
      method: 'GET',
      path: `${base}/hours`,
      access: 'settings:manage',
      summary: 'Weekly working hours, holidays and special days (the IVR closed branch, SLA clocks)',
      handler: () => hours.get(),
    },
    {
      method: 'PUT',
      path: `${base}/hours`,
      access: 'settings:manage',
      summary: 'Replace the working hours, holidays and special days; the next call follows them',
      body: WorkingHours,
      maxBodyBytes: 256 * 1024,
      handler: (ctx) => hours.save(ctx.body as z.output<typeof WorkingHours>, actorOf(ctx)),
    },
    {
      method: 'GET',
      path: `${base}/hours/holidays/preset`,
      access: 'settings:manage',
      summary: "Azerbaijan's public holidays of a year (with the days off they move to), as the preset would add them",
      query: YearQuery,
      handler: (ctx) => hours.preset((ctx.query as z.output<typeof YearQuery>).year),
    },
    {
      method: 'POST',
      path: `${base}/hours/holidays/preset`,
      access: 'settings:manage',
      summary: "Add Azerbaijan's public holidays of a year to the holidays",
      query: YearQuery,
      handler: (ctx) => hours.addPreset((ctx.query as z.output<typeof YearQuery>).year, actorOf(ctx)),
    },
    // ── templates ──
    ...crud('templates', 'templates', templates, { input: TemplateInput, patch: TemplatePatch, query: TemplatesQuery, exportRows: templates.exportRows, importable: true }),
    {
      method: 'POST',
      path: `${base}/templates/preview`,
      access: 'settings:manage',
      summary: 'Preview an unsaved template with sample data (unknown placeholders refused by name)',
      body: UnsavedTemplatePreview,
      handler: (ctx) => {
        const b = ctx.body as z.output<typeof UnsavedTemplatePreview>;
        return templates.previewUnsaved(b, b.values);
      },
    },
    {
      method: 'POST',
      path: `${base}/templates/:id/preview`,
      access: 'settings:manage',
      summary: 'Preview a template with sample data, optionally overriding some values',
      body: TemplatePreviewRequest,
      handler: (ctx) => templates.preview(ctx.params.id, (ctx.body as z.output<typeof TemplatePreviewRequest>).values),
    },
    // ── evaluation criteria and forms ──
    ...crud('evaluation-criteria', 'evaluation criteria', evaluation.criteria, { input: CriterionInput, patch: CriterionPatch, query: ActiveQuery, exportRows: evaluation.criteria.exportRows, importable: true }),
    ...crud('evaluation-forms', 'evaluation forms', evaluation.forms, { input: EvaluationFormInput, patch: EvaluationFormPatch, query: FormsQuery }),
    // ── execution (ticket) statuses ──
    ...crud('ticket-statuses', 'ticket statuses', tickets.statuses, {
      input: NewTicketStatus,
      patch: TicketStatusPatch,
      query: StatusesQuery,
      create: (body, ctx) => tickets.statuses.createStatus(body, actorOf(ctx)),
    }),
    ...crud('ticket-transitions', 'ticket transitions', tickets.transitions, { input: TicketTransitionInput, query: TransitionsQuery }),
    {
      method: 'GET',
      path: `${base}/ticket-workflow`,
      access: 'settings:manage',
      summary: 'The ticket lifecycle: statuses, transitions, and any problem with them',
      handler: () => tickets.workflow(),
    },
    {
      method: 'PUT',
      path: `${base}/ticket-workflow`,
      access: 'settings:manage',
      summary: 'Replace the ticket lifecycle at once (validated as a whole)',
      body: TicketWorkflowInput,
      maxBodyBytes: 256 * 1024,
      handler: (ctx) => tickets.replace(ctx.body as z.output<typeof TicketWorkflowInput>, actorOf(ctx)),
    },
    // ── approvals of templates and evaluation forms ──
    ...approvalRoutes(d.admin.approvals),
  ];
}

const invalidAgent = (agent: string) => new AppError('validation_failed', `“${agent}” is not an agent number (2–8 digits)`, [{ path: 'agent', message: '2–8 digits' }]);
const invalidSound = (name: string) => new AppError('not_found', `No sound ${name}`);
