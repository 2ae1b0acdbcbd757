import type { ApiClient } from '../../../data/http.ts';
import type { CatalogApi, CatalogQuery, Page } from '../../../data/catalog.ts';
import { classificationsApi, requestTypesApi, type Classification, type RequestType } from '../../../data/reference-lists.ts';
import { text, yesNo, type CatalogScreen } from '../catalog-screen.ts';

interface Ctx {
  types: RequestType[];
  /** Top-level classifications of the chosen request type: the parents a sub-classification can have. */
  parents: Classification[];
}

/** Sub-classifications per classification are few; one page of them covers a type. */
const ALL = 500;

/**
 * The tree of the chosen request type: a page of classifications, each
 * followed by its sub-classifications. A search lists matches flat.
 */
const treeApi: CatalogApi<Classification, never, never> = {
  ...(classificationsApi as CatalogApi<Classification, never, never>),
  async fetch(api: ApiClient, q: CatalogQuery): Promise<Page<Classification>> {
    const requestTypeId = q.filters?.requestTypeId;
    if (q.search?.trim()) return classificationsApi.fetch(api, { ...q, filters: { requestTypeId } });
    const [top, all] = await Promise.all([
      classificationsApi.fetch(api, { ...q, filters: { requestTypeId, parentId: 'none' } }),
      classificationsApi.fetch(api, { offset: 0, limit: ALL, filters: { requestTypeId } }),
    ]);
    const children = (id: string) => all.items.filter((c) => c.parentId === id).sort((a, b) => a.name.localeCompare(b.name));
    return { items: top.items.flatMap((c) => [c, ...children(c.id)]), total: top.total };
  },
};

export const classificationsScreen: CatalogScreen<Classification, Ctx> = {
  key: 'classifications',
  title: 'admin.cls.title',
  newLabel: 'admin.cls.new',
  emptyText: 'admin.cls.empty',
  intro: 'admin.cls.intro',
  importHint: 'admin.cls.importHint',
  api: treeApi,
  async context(api, filters) {
    const types = (await requestTypesApi.fetch(api, { offset: 0, limit: ALL })).items;
    const parents = filters.requestTypeId ? (await classificationsApi.fetch(api, { offset: 0, limit: ALL, filters: { requestTypeId: filters.requestTypeId, parentId: 'none' } })).items : [];
    return { types, parents };
  },
  filters: (t, ctx) => [{ name: 'requestTypeId', label: t.t('admin.cls.requestType'), options: ctx.types.map((r) => ({ value: r.id, label: r.name })) }],
  columns: (t, ctx) => [
    { key: 'name', label: t.t('admin.name'), render: (c) => c.name },
    { key: 'level', label: t.t('admin.cls.level'), render: (c) => (c.parentId ? `${t.t('admin.cls.sub')} · ${ctx.parents.find((p) => p.id === c.parentId)?.name ?? ''}` : t.t('admin.cls.top')) },
    { key: 'active', label: t.t('admin.active'), render: (c) => yesNo(t, c.active) },
  ],
  fields: (t, ctx, editing) => [
    {
      name: 'requestTypeId',
      label: t.t('admin.cls.requestType'),
      type: 'select',
      options: ctx.types.map((r) => ({ value: r.id, label: r.name })),
      disabled: true,
    },
    {
      name: 'parentId',
      label: t.t('admin.cls.parent'),
      type: 'select',
      hint: t.t('admin.cls.parentHint'),
      options: [{ value: '', label: t.t('admin.cls.noParent') }, ...ctx.parents.filter((p) => p.id !== editing?.id).map((p) => ({ value: p.id, label: p.name }))],
    },
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
  ],
  toForm: (c, preset) => ({ requestTypeId: c?.requestTypeId ?? preset.requestTypeId ?? '', parentId: c?.parentId ?? preset.parentId ?? '', name: c?.name ?? '', active: c?.active ?? true }),
  toBody: (v, editing) => ({
    ...(editing ? {} : { requestTypeId: text(v.requestTypeId) }),
    parentId: text(v.parentId) || null,
    name: text(v.name),
    active: v.active === true,
  }),
  nameOf: (c) => c.name,
  depth: (c) => (c.parentId ? 1 : 0),
  inactive: (c) => !c.active,
  childActions: [{ id: 'add-child', label: 'admin.cls.addSub', when: (c) => c.parentId === null, preset: (c) => ({ parentId: c.id }) }],
};
