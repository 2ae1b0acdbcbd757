import { faqAdminApi, requestTypesApi, type FaqEntry, type RequestType } from '../../../data/reference-lists.ts';
import { text, textOrNull, yesNo, type CatalogScreen } from '../catalog-screen.ts';

interface Ctx {
  types: RequestType[];
}

export const faqScreen: CatalogScreen<FaqEntry, Ctx> = {
  key: 'faq',
  title: 'admin.faq.title',
  newLabel: 'admin.faq.new',
  emptyText: 'admin.faq.empty',
  searchHint: 'admin.faq.searchHint',
  importHint: 'admin.faq.importHint',
  api: faqAdminApi,
  context: async (api) => ({ types: (await requestTypesApi.fetch(api, { offset: 0, limit: 500 })).items }),
  columns: (t, ctx) => [
    { key: 'title', label: t.t('admin.faq.question'), render: (f) => f.title },
    { key: 'tags', label: t.t('admin.faq.tags'), render: (f) => f.tags.join(', ') || t.t('common.none') },
    { key: 'type', label: t.t('admin.faq.requestType'), render: (f) => ctx.types.find((r) => r.id === f.requestTypeId)?.name ?? t.t('admin.faq.general') },
    { key: 'active', label: t.t('admin.active'), render: (f) => yesNo(t, f.active) },
  ],
  fields: (t, ctx) => [
    { name: 'title', label: t.t('admin.faq.question'), type: 'text', required: true, wide: true },
    { name: 'body', label: t.t('admin.faq.answer'), type: 'textarea', required: true },
    { name: 'tags', label: t.t('admin.faq.tags'), type: 'list', hint: t.t('admin.listHint') },
    {
      name: 'requestTypeId',
      label: t.t('admin.faq.requestType'),
      type: 'select',
      options: [{ value: '', label: t.t('admin.faq.general') }, ...ctx.types.map((r) => ({ value: r.id, label: r.name }))],
    },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
  ],
  toForm: (f) => ({ title: f?.title ?? '', body: f?.body ?? '', tags: f?.tags ?? [], requestTypeId: f?.requestTypeId ?? '', active: f?.active ?? true }),
  toBody: (v) => ({ title: text(v.title), body: text(v.body), tags: (v.tags as string[]) ?? [], requestTypeId: textOrNull(v.requestTypeId), active: v.active === true }),
  nameOf: (f) => f.title,
  inactive: (f) => !f.active,
  readonlyRow: (f) => f.origin === 'hq',
};
