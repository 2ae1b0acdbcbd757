import { pauseReasonsApi, type PauseReason } from '../../../data/pause-reasons.ts';
import type { Translator } from '../../../i18n/translator.ts';
import type { FormField } from '../../../components/ec-settings-form.ts';
import { numberOr, text, yesNo, type CatalogScreen } from '../catalog-screen.ts';

/** A name in the UI language, else the Azerbaijani one (the only one required). */
export const localName = (t: Translator, n: { az: string; en?: string; ru?: string }) => n[t.locale] || n.az;

/** The three names of a setting (pause reason, ticket status): Azerbaijani required. */
export const nameFields = (t: Translator): FormField[] => [
  { name: 'name.az', label: t.t('admin.nameAz'), type: 'text', required: true },
  { name: 'name.en', label: t.t('admin.nameEn'), type: 'text' },
  { name: 'name.ru', label: t.t('admin.nameRu'), type: 'text' },
];

export const pauseReasonsScreen: CatalogScreen<PauseReason> = {
  key: 'pause-reasons',
  title: 'admin.pause.title',
  newLabel: 'admin.pause.new',
  emptyText: 'admin.pause.empty',
  intro: 'admin.pause.intro',
  importHint: 'admin.pause.importHint',
  api: pauseReasonsApi,
  columns: (t) => [
    { key: 'code', label: t.t('admin.code'), render: (r) => r.code },
    { key: 'name', label: t.t('admin.name'), render: (r) => localName(t, r.name) },
    { key: 'billable', label: t.t('admin.pause.billable'), render: (r) => yesNo(t, r.billable) },
    { key: 'active', label: t.t('admin.active'), render: (r) => yesNo(t, r.active) },
    { key: 'sort', label: t.t('admin.sort'), render: (r) => t.number(r.sort) },
  ],
  fields: (t, _ctx, editing) => [
    { name: 'code', label: t.t('admin.code'), type: 'text', required: true, hint: t.t('admin.codeHint'), disabled: !!editing },
    ...nameFields(t),
    { name: 'billable', label: t.t('admin.pause.billable'), type: 'checkbox', hint: t.t('admin.pause.billableHint') },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.pause.activeHint') },
    { name: 'sort', label: t.t('admin.sort'), type: 'number', min: 0, max: 10000, step: 1, hint: t.t('admin.sortHint') },
  ],
  toForm: (r) => ({
    code: r?.code ?? '',
    'name.az': r?.name.az ?? '',
    'name.en': r?.name.en ?? '',
    'name.ru': r?.name.ru ?? '',
    billable: r?.billable ?? false,
    active: r?.active ?? true,
    sort: r?.sort ?? 100,
  }),
  toBody: (v, editing) => ({
    ...(editing ? {} : { code: text(v.code) }),
    name: { az: text(v['name.az']), en: text(v['name.en']), ru: text(v['name.ru']) },
    billable: v.billable === true,
    active: v.active === true,
    sort: numberOr(v.sort),
  }),
  nameOf: (r) => r.name.az,
  inactive: (r) => !r.active,
};
