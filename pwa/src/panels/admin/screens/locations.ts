import type { ApiClient } from '../../../data/http.ts';
import type { CatalogApi, CatalogQuery, Page } from '../../../data/catalog.ts';
import { locationsApi, type Location } from '../../../data/reference-lists.ts';
import { text, yesNo, type CatalogScreen } from '../catalog-screen.ts';

interface Ctx {
  cities: Location[];
}

const ALL = 500;

/** A page of cities, each followed by its districts; a search lists matches flat. */
const treeApi: CatalogApi<Location, never, never> = {
  ...(locationsApi as CatalogApi<Location, never, never>),
  async fetch(api: ApiClient, q: CatalogQuery): Promise<Page<Location>> {
    if (q.search?.trim()) return locationsApi.fetch(api, { ...q, filters: {} });
    const cities = await locationsApi.fetch(api, { ...q, filters: { cityId: 'none' } });
    const districts = await Promise.all(cities.items.map((c) => locationsApi.fetch(api, { offset: 0, limit: ALL, filters: { cityId: c.id } })));
    return { items: cities.items.flatMap((c, i) => [c, ...districts[i].items]), total: cities.total };
  },
};

export const locationsScreen: CatalogScreen<Location, Ctx> = {
  key: 'locations',
  title: 'admin.loc.title',
  newLabel: 'admin.loc.newCity',
  emptyText: 'admin.loc.empty',
  importHint: 'admin.loc.importHint',
  api: treeApi,
  context: async (api) => ({ cities: (await locationsApi.fetch(api, { offset: 0, limit: ALL, filters: { cityId: 'none' } })).items }),
  columns: (t, ctx) => [
    { key: 'name', label: t.t('admin.name'), render: (l) => l.name },
    { key: 'level', label: t.t('admin.loc.level'), render: (l) => (l.cityId ? `${t.t('admin.loc.district')} · ${ctx.cities.find((c) => c.id === l.cityId)?.name ?? ''}` : t.t('admin.loc.city')) },
    { key: 'active', label: t.t('admin.active'), render: (l) => yesNo(t, l.active) },
  ],
  fields: (t, ctx, editing) => [
    {
      name: 'cityId',
      label: t.t('admin.loc.city'),
      type: 'select',
      hint: t.t('admin.loc.cityHint'),
      options: [{ value: '', label: t.t('admin.loc.isCity') }, ...ctx.cities.filter((c) => c.id !== editing?.id).map((c) => ({ value: c.id, label: c.name }))],
    },
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
  ],
  toForm: (l, preset) => ({ cityId: l?.cityId ?? preset.cityId ?? '', name: l?.name ?? '', active: l?.active ?? true }),
  toBody: (v) => ({ cityId: text(v.cityId) || null, name: text(v.name), active: v.active === true }),
  nameOf: (l) => l.name,
  depth: (l) => (l.cityId ? 1 : 0),
  inactive: (l) => !l.active,
  childActions: [{ id: 'add-child', label: 'admin.loc.addDistrict', when: (l) => l.cityId === null, preset: (l) => ({ cityId: l.id }) }],
};
