import { html } from 'lit';
import { requestTypesApi, type RequestType } from '../../../data/reference-lists.ts';
import type { MessageKey } from '../../../i18n/translator.ts';
import type { FieldDefinitionValue } from '../../../components/ec-field-definitions.ts';
import { numberOr, text, textOrNull, yesNo, type CatalogScreen } from '../catalog-screen.ts';
import { fetchAcdSettings } from '../../../data/acd-settings.ts';
import { templatesApi } from '../../../data/templates.ts';
import '../../../components/ec-field-definitions.ts';

/** Request types with the fields the call-handling window asks for each. */
/** Choices of the ticket policy: the groups that can execute requests and the `request` templates. */
interface PolicyChoices {
  groups: { id: string; name: string }[];
  templates: { id: string; name: string }[];
}

const MOVERS = ['anyone', 'group', 'supervisors'] as const;

export const requestTypesScreen: CatalogScreen<RequestType, PolicyChoices> = {
  key: 'request-types',
  title: 'admin.rt.title',
  newLabel: 'admin.rt.new',
  emptyText: 'admin.rt.empty',
  intro: 'admin.rt.intro',
  api: requestTypesApi,
  async context(api) {
    const [acd, templates] = await Promise.all([fetchAcdSettings(api), templatesApi.fetch(api, { offset: 0, limit: 500 })]);
    return {
      groups: acd.queues.map((q) => ({ id: q.id, name: q.name })),
      templates: templates.items.filter((x) => x.channel === 'request').map((x) => ({ id: x.id, name: x.name })),
    };
  },
  columns: (t) => [
    { key: 'name', label: t.t('admin.name'), render: (r) => r.name },
    {
      key: 'fields',
      label: t.t('admin.rt.fields'),
      render: (r) =>
        r.fields.length
          ? r.fields.map((f) => `${f.label} (${t.t(`admin.rt.type.${f.type}` as MessageKey)}${f.required ? `, ${t.t('admin.rt.required').toLocaleLowerCase()}` : ''})`).join('; ')
          : t.t('common.none'),
    },
    { key: 'active', label: t.t('admin.active'), render: (r) => yesNo(t, r.active) },
  ],
  fields: (t, ctx) => [
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
    // How requests (tickets) of this type are worked: SLA in working hours, executing group, pre-fill, who moves them.
    { name: 'responseHours', label: t.t('admin.rt.responseHours'), type: 'number', min: 0.25, max: 8760, step: 0.25, hint: t.t('admin.rt.hoursHint'), paths: ['ticket.responseHours'] },
    { name: 'resolutionHours', label: t.t('admin.rt.resolutionHours'), type: 'number', min: 0.25, max: 8760, step: 0.25, hint: t.t('admin.rt.hoursHint'), paths: ['ticket.resolutionHours'] },
    {
      name: 'group',
      label: t.t('admin.rt.group'),
      type: 'select',
      options: [{ value: '', label: t.t('common.none') }, ...ctx.groups.map((g) => ({ value: g.id, label: g.name }))],
      paths: ['ticket.group'],
    },
    {
      name: 'templateId',
      label: t.t('admin.rt.template'),
      type: 'select',
      options: [{ value: '', label: t.t('common.none') }, ...ctx.templates.map((x) => ({ value: x.id, label: x.name }))],
      paths: ['ticket.templateId'],
    },
    {
      name: 'movers',
      label: t.t('admin.rt.movers'),
      type: 'select',
      options: MOVERS.map((m) => ({ value: m, label: t.t(`admin.rt.movers.${m}` as MessageKey) })),
      paths: ['ticket.movers'],
    },
    {
      name: 'fields',
      label: t.t('admin.rt.fields'),
      type: 'custom',
      render: (v, set, issues) =>
        html`<ec-field-definitions .i18n=${t} .value=${(v as FieldDefinitionValue[] | undefined) ?? []} .issues=${issues} @ec-change=${(e: CustomEvent<{ value: unknown }>) => set(e.detail.value)}></ec-field-definitions>`,
    },
  ],
  toForm: (r) => ({
    name: r?.name ?? '',
    active: r?.active ?? true,
    fields: r?.fields ?? [],
    responseHours: r?.ticket?.responseHours ?? undefined,
    resolutionHours: r?.ticket?.resolutionHours ?? undefined,
    group: r?.ticket?.group ?? '',
    templateId: r?.ticket?.templateId ?? '',
    movers: r?.ticket?.movers ?? 'anyone',
  }),
  toBody: (v, editing) => ({
    // The policy is replaced whole; the lifecycle statuses it names are kept as they were.
    ticket: {
      responseHours: numberOr(v.responseHours) ?? null,
      resolutionHours: numberOr(v.resolutionHours) ?? null,
      group: textOrNull(v.group),
      templateId: textOrNull(v.templateId),
      movers: MOVERS.includes(v.movers as (typeof MOVERS)[number]) ? v.movers : 'anyone',
      statuses: editing?.ticket?.statuses ?? [],
    },
    name: text(v.name),
    active: v.active === true,
    // Options belong to choice fields only.
    fields: ((v.fields as FieldDefinitionValue[]) ?? []).map(({ options, ...f }) => (f.type === 'choice' ? { ...f, options: options ?? [] } : f)),
  }),
  nameOf: (r) => r.name,
  inactive: (r) => !r.active,
};
