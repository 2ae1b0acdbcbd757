/**
 * The contacts CSV import, planned without I/O. Columns: name, phones
 * (separated by ";"), email, city, district, address, note; city and
 * district by name (or id). A row whose number already belongs to a contact
 * updates that contact (its numbers are kept, non-empty cells replace);
 * other rows create contacts. Every bad line is reported, nothing written.
 */
import { ContactInput, phoneKey, type Contact } from '@edgecall/contracts';
import type { CsvLineError, CsvRow } from '../../lib/csv.ts';
import { fold } from '../../lib/search-text.ts';
import { placeProblems, uniquePhones, type Place } from './rules.ts';

export interface ContactImportPlan {
  create: Contact[];
  update: { before: Contact; after: Contact }[];
  unchanged: number;
  errors: CsvLineError[];
}

/** The numbers of a row as typed, before validation. */
export const rowPhones = (row: CsvRow) => row.get('phones').split(/[;,|]/).map((p) => p.trim()).filter(Boolean);

export function planContacts(rows: CsvRow[], state: { places: Place[]; owners: Contact[] }, ctx: { id(): string; now: string }): ContactImportPlan {
  const plan: ContactImportPlan = { create: [], update: [], unchanged: 0, errors: [] };
  const live = state.places.filter((p) => p.active);
  const cities = new Map(live.filter((p) => p.cityId === null).map((p) => [fold(p.name), p]));
  const byId = new Map(live.map((p) => [p.id, p]));
  const districtOf = (cityId: string, ref: string) => live.find((p) => p.cityId === cityId && (p.id === ref || fold(p.name) === fold(ref))) ?? null;
  // The latest version of every contact the file touches, and who owns which number.
  const contacts = new Map(state.owners.map((c) => [c.id, c]));
  const owner = new Map<string, Set<string>>();
  const own = (c: Contact) => c.phones.forEach((p) => owner.set(phoneKey(p), new Set([...(owner.get(phoneKey(p)) ?? []), c.id])));
  state.owners.forEach(own);
  const original = new Map(state.owners.map((c) => [c.id, c]));
  const created = new Set<string>();

  for (const row of rows) {
    const errs: string[] = [];
    const cityRef = row.get('cityId') || row.get('city');
    const districtRef = row.get('districtId') || row.get('district');
    const city = cityRef ? (byId.get(cityRef) ?? cities.get(fold(cityRef)) ?? null) : null;
    if (cityRef && !city) errs.push(`city: no city “${cityRef}”`);
    const district = districtRef && city ? districtOf(city.id, districtRef) : null;
    if (districtRef && !cityRef) errs.push(`district: “${districtRef}” needs its city`);
    else if (districtRef && city && !district) errs.push(`district: no district “${districtRef}” in “${city.name}”`);
    const input = ContactInput.safeParse({
      name: row.get('name'),
      phones: rowPhones(row),
      email: row.get('email') || null,
      cityId: city?.id ?? null,
      districtId: district?.id ?? null,
      address: row.get('address'),
      note: row.get('note'),
    });
    if (!input.success) errs.push(...input.error.issues.map((i) => `${i.path.length ? String(i.path[0]) : 'row'}: ${i.message}`));
    if (!errs.length && input.success) errs.push(...placeProblems(input.data, { city, district }).map((p) => `${p.field}: ${p.message}`));
    if (errs.length || !input.success) {
      plan.errors.push({ line: row.line, message: errs.join('; ') });
      continue;
    }
    const v = input.data;
    const phones = uniquePhones(v.phones);
    const owners = [...new Set(phones.flatMap((p) => [...(owner.get(phoneKey(p)) ?? [])]))];
    if (owners.length > 1) {
      const names = owners.map((id) => `“${contacts.get(id)?.name ?? id}”`).join(', ');
      plan.errors.push({ line: row.line, message: `phones: the numbers belong to different contacts (${names}); merge them first` });
      continue;
    }
    if (owners.length === 0) {
      const c: Contact = { id: ctx.id(), name: v.name, phones, email: v.email, cityId: v.cityId, districtId: v.districtId, address: v.address, note: v.note, createdAt: ctx.now, updatedAt: ctx.now };
      contacts.set(c.id, c);
      created.add(c.id);
      own(c);
      continue;
    }
    const before = contacts.get(owners[0])!;
    const after: Contact = {
      ...before,
      name: v.name,
      phones: uniquePhones([...before.phones, ...phones]),
      email: v.email ?? before.email,
      cityId: v.cityId ?? before.cityId,
      districtId: v.cityId ? v.districtId : before.districtId,
      address: v.address || before.address,
      note: v.note || before.note,
      updatedAt: ctx.now,
    };
    contacts.set(after.id, after);
    own(after);
  }

  for (const c of contacts.values()) {
    if (created.has(c.id)) plan.create.push(c);
    else {
      const before = original.get(c.id)!;
      if (before === c) continue;
      const same = JSON.stringify({ ...before, updatedAt: '' }) === JSON.stringify({ ...c, updatedAt: '' });
      if (same) plan.unchanged++;
      else plan.update.push({ before, after: c });
    }
  }
  return plan;
}
