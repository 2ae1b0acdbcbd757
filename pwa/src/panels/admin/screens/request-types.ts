import { html } from 'lit';
import { requestTypesApi, type RequestType } from '../../../data/reference-lists.ts';
import type { MessageKey } from '../../../i18n/translator.ts';
import type { FieldDefinitionValue } from '../../../components/ec-field-definitions.ts';
import { text, yesNo, type CatalogScreen } from '../catalog-screen.ts';
import '../../../components/ec-field-definitions.ts';

/** Request types with the fields the call-handling window asks for each. */
export const requestTypesScreen: CatalogScreen<RequestType> = {
  key: 'request-types',
  title: 'admin.rt.title',
  newLabel: 'admin.rt.new',
  emptyText: 'admin.rt.empty',
  intro: 'admin.rt.intro',
  api: requestTypesApi,
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
  fields: (t) => [
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
    {
      name: 'fields',
      label: t.t('admin.rt.fields'),
      type: 'custom',
      render: (v, set, issues) =>
        html`<ec-field-definitions .i18n=${t} .value=${(v as FieldDefinitionValue[] | undefined) ?? []} .issues=${issues} @ec-change=${(e: CustomEvent<{ value: unknown }>) => set(e.detail.value)}></ec-field-definitions>`,
    },
  ],
  toForm: (r) => ({ name: r?.name ?? '', active: r?.active ?? true, fields: r?.fields ?? [] }),
  toBody: (v) => ({
    name: text(v.name),
    active: v.active === true,
    // Options belong to choice fields only.
    fields: ((v.fields as FieldDefinitionValue[]) ?? []).map(({ options, ...f }) => (f.type === 'choice' ? { ...f, options: options ?? [] } : f)),
  }),
  nameOf: (r) => r.name,
  inactive: (r) => !r.active,
};
