import type { z } from 'zod';
import { ContactInput, ContactMerge, ContactPatch, ContactsQuery, CsvImport, ScreenPopQuery, type Contact } from '@edgecall/contracts';
import { created, noContent, type RouteSpec } from '../../lib/http-route.ts';
import { actorOf } from '../../lib/audit.ts';
import { tableExport } from '../../lib/table-export.ts';
import type { XlsxWriter } from '../../lib/xlsx.ts';
import type { ContactService } from './service.ts';

/** CSV uploads are JSON-wrapped: up to 2 MB of text (CsvImport), more bytes once UTF-8 encoded and escaped. */
const IMPORT_MAX_BODY = 5 * 1024 * 1024;
const EXPORT_MAX = 100_000;

async function exportRows(contacts: ContactService, items: Contact[]) {
  const names = new Map((await contacts.places()).map((p) => [p.id, p.name]));
  const name = (id: string | null) => (id ? (names.get(id) ?? '') : '');
  return {
    // Columns as the import reads them, so an export imports back.
    header: ['id', 'name', 'phones', 'email', 'city', 'district', 'address', 'note', 'createdAt', 'updatedAt'],
    rows: items.map((c) => [c.id, c.name, c.phones.join('; '), c.email, name(c.cityId), name(c.districtId), c.address, c.note, c.createdAt, c.updatedAt]),
  };
}

export function contactRoutes(d: { contacts: ContactService; xlsx?: XlsxWriter }): RouteSpec[] {
  const { contacts } = d;
  return [
    {
      method: 'GET',
      path: '/api/v1/contacts',
      access: 'contacts:read',
      summary: 'Contacts: search by name, number or e-mail, exact number (phone=), paging; ?format=csv exports',
      query: ContactsQuery,
      handler: async (ctx) => {
        const q = ctx.query as z.output<typeof ContactsQuery>;
        if (q.format === 'json') return contacts.list(q);
        const all = await contacts.list({ ...q, offset: 0, limit: EXPORT_MAX });
        const t = await exportRows(contacts, all.items);
        return tableExport(q.format, 'contacts', t.header, t.rows, d.xlsx);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/contacts/:id',
      access: 'contacts:read',
      summary: 'One contact',
      handler: (ctx) => contacts.get(ctx.params.id),
    },
    {
      method: 'POST',
      path: '/api/v1/contacts',
      access: 'contacts:write',
      summary: 'Create a contact (201; a replayed clientId answers 200 with the first answer)',
      body: ContactInput,
      handler: async (ctx) => {
        const out = await contacts.create(ctx.body as ContactInput, actorOf(ctx));
        return out.replayed ? out.contact : created(out.contact);
      },
    },
    {
      method: 'PATCH',
      path: '/api/v1/contacts/:id',
      access: 'contacts:write',
      summary: 'Change a contact (phones, when given, replace the list)',
      body: ContactPatch,
      handler: async (ctx) => (await contacts.update(ctx.params.id, ctx.body as z.output<typeof ContactPatch>, actorOf(ctx))).contact,
    },
    {
      method: 'DELETE',
      path: '/api/v1/contacts/:id',
      access: 'contacts:write',
      summary: 'Delete a contact (its call records keep their number)',
      handler: async (ctx) => {
        await contacts.remove(ctx.params.id, actorOf(ctx));
        return noContent();
      },
    },
    {
      method: 'POST',
      path: '/api/v1/contacts/merge',
      access: 'contacts:write',
      summary: 'Merge duplicates into keepId: numbers, call records and callbacks move, the others are deleted',
      body: ContactMerge,
      handler: (ctx) => contacts.merge(ctx.body as z.output<typeof ContactMerge>, actorOf(ctx)),
    },
    {
      method: 'POST',
      path: '/api/v1/contacts/import',
      access: 'contacts:write',
      summary: 'Import contacts from CSV (name, phones, email, city, district, address, note): all rows or none',
      body: CsvImport,
      maxBodyBytes: IMPORT_MAX_BODY,
      handler: (ctx) => contacts.importCsv((ctx.body as z.output<typeof CsvImport>).csv, actorOf(ctx)),
    },
    {
      method: 'GET',
      path: '/api/v1/screen-pop',
      access: 'contacts:read',
      summary: "A caller's contacts (by number) and latest call records",
      query: ScreenPopQuery,
      handler: (ctx) => contacts.screenPop((ctx.query as z.output<typeof ScreenPopQuery>).number),
    },
  ];
}
