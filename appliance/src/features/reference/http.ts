import type { z } from 'zod';
import {
  ClassificationInput,
  ClassificationPatch,
  ClassificationsQuery,
  CsvImport,
  FaqInput,
  FaqListQuery,
  FaqPatch,
  FaqSearchQuery,
  ListQuery,
  LocationInput,
  LocationPatch,
  LocationsQuery,
  RequestTypeInput,
  RequestTypePatch,
  type Classification,
  type FaqEntry,
  type Location,
  type RequestType,
} from '@edgecall/contracts';
import { created, noContent, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf } from '../../lib/audit.ts';
import { tableExport } from '../../lib/table-export.ts';
import type { XlsxWriter } from '../../lib/xlsx.ts';
import type { ListOptions, RefItem, RefKind, ReferenceService } from './service.ts';

/** CSV uploads are JSON-wrapped: up to 2 MB of text (CsvImport), more bytes once UTF-8 encoded and escaped. */
export const IMPORT_MAX_BODY = 5 * 1024 * 1024;
const EXPORT_MAX = 100_000;

interface ListSpec {
  path: string;
  kind: RefKind;
  label: string;
  input: z.ZodType;
  patch: z.ZodType;
  query: z.ZodType;
  importable: boolean;
}

const LISTS: ListSpec[] = [
  { path: 'request-types', kind: 'request_type', label: 'request types', input: RequestTypeInput, patch: RequestTypePatch, query: ListQuery, importable: false },
  { path: 'classifications', kind: 'classification', label: 'classifications', input: ClassificationInput, patch: ClassificationPatch, query: ClassificationsQuery, importable: true },
  { path: 'locations', kind: 'location', label: 'cities and districts', input: LocationInput, patch: LocationPatch, query: LocationsQuery, importable: true },
  { path: 'faq', kind: 'faq', label: 'FAQ entries', input: FaqInput, patch: FaqPatch, query: FaqListQuery, importable: true },
];

/** Columns of the exports; names match what the imports read, so an export imports back. */
async function exportTable(ref: ReferenceService, kind: RefKind, items: RefItem[]): Promise<{ header: string[]; rows: unknown[][] }> {
  const names = async (k: 'request_type' | 'classification' | 'location') => new Map((await ref.all(k)).map((i) => [i.id, i.name]));
  const name = (map: Map<string, string>, id: string | null) => (id === null ? '' : (map.get(id) ?? ''));
  if (kind === 'request_type') {
    return { header: ['id', 'name', 'fields', 'active', 'updatedAt'], rows: (items as RequestType[]).map((i) => [i.id, i.name, i.fields, i.active, i.updatedAt]) };
  }
  if (kind === 'classification') {
    const [types, classes] = [await names('request_type'), await names('classification')];
    return {
      header: ['id', 'requestType', 'parent', 'name', 'active', 'requestTypeId', 'parentId', 'updatedAt'],
      rows: (items as Classification[]).map((i) => [i.id, name(types, i.requestTypeId), name(classes, i.parentId), i.name, i.active, i.requestTypeId, i.parentId, i.updatedAt]),
    };
  }
  if (kind === 'location') {
    const places = await names('location');
    return { header: ['id', 'city', 'name', 'active', 'cityId', 'updatedAt'], rows: (items as Location[]).map((i) => [i.id, name(places, i.cityId), i.name, i.active, i.cityId, i.updatedAt]) };
  }
  const types = await names('request_type');
  return {
    header: ['id', 'title', 'body', 'tags', 'requestType', 'active', 'requestTypeId', 'updatedAt'],
    rows: (items as FaqEntry[]).map((i) => [i.id, i.title, i.body, i.tags.join('; '), name(types, i.requestTypeId), i.active, i.requestTypeId, i.updatedAt]),
  };
}

export function referenceRoutes(d: { reference: ReferenceService; xlsx?: XlsxWriter }): RouteSpec[] {
  const ref = d.reference;
  const routes: RouteSpec[] = [];
  for (const l of LISTS) {
    const base = `/api/v1/settings/${l.path}`;
    routes.push(
      {
        method: 'GET',
        path: base,
        access: 'settings:manage',
        summary: `List ${l.label} (search, paging; ?format=csv exports)`,
        query: l.query,
        handler: async (ctx) => {
          const q = ctx.query as z.output<typeof ListQuery> & ListOptions;
          if (q.format === 'json') return ref.list(l.kind, q);
          const all = await ref.list(l.kind, { ...q, offset: 0, limit: EXPORT_MAX });
          const t = await exportTable(ref, l.kind, all.items);
          return tableExport(q.format, l.path, t.header, t.rows, d.xlsx);
        },
      },
      {
        method: 'POST',
        path: base,
        access: 'settings:manage',
        summary: `Add to ${l.label}`,
        body: l.input,
        handler: async (ctx) => created(await ref.create(l.kind, ctx.body as never, actorOf(ctx))),
      },
      {
        method: 'PATCH',
        path: `${base}/:id`,
        access: 'settings:manage',
        summary: `Change one of the ${l.label}`,
        body: l.patch,
        handler: (ctx) => ref.update(l.kind, ctx.params.id, ctx.body as never, actorOf(ctx)),
      },
      {
        method: 'DELETE',
        path: `${base}/:id`,
        access: 'settings:manage',
        summary: `Remove one of the ${l.label} (refused with in_use while anything refers to it)`,
        handler: async (ctx) => {
          await ref.remove(l.kind, ctx.params.id, actorOf(ctx));
          return noContent();
        },
      },
    );
    if (l.importable) {
      routes.push({
        method: 'POST',
        path: `${base}/import`,
        access: 'settings:manage',
        summary: `Import ${l.label} from CSV: all rows or none`,
        body: CsvImport,
        maxBodyBytes: IMPORT_MAX_BODY,
        handler: (ctx) => ref.importCsv(l.kind as 'classification' | 'location' | 'faq', (ctx.body as z.output<typeof CsvImport>).csv, actorOf(ctx)),
      });
    }
  }
  routes.push(
    {
      method: 'GET',
      path: '/api/v1/reference-bundle',
      access: 'authenticated',
      summary: 'Active request types, classifications and locations for the call-handling window (with a version to cache by)',
      handler: () => ref.bundle(),
    },
    {
      method: 'GET',
      path: '/api/v1/faq',
      access: 'authenticated',
      summary: 'Search the FAQ (branch and HQ entries)',
      query: FaqSearchQuery,
      handler: (ctx) => ref.searchFaq(ctx.query as z.output<typeof FaqSearchQuery>),
    },
  );
  return routes;
}
