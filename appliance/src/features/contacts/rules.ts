/** Pure rules of contacts: numbers, places, and how a search term is read. */
import { phoneKey, type Contact } from '@edgecall/contracts';
import { searchWords } from '../../lib/search-text.ts';

export interface Place {
  id: string;
  name: string;
  cityId: string | null;
  active: boolean;
}

export interface Problem {
  field: string;
  message: string;
}

/** One entry per number: `050 123 45 67` and `+994501234567` are the same line, the first spelling wins. */
export function uniquePhones(phones: readonly string[]): string[] {
  const seen = new Set<string>();
  return phones.filter((p) => {
    const key = phoneKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The city must be a city and the district one of its districts (both known and active). */
export function placeProblems(ids: { cityId: string | null; districtId: string | null }, found: { city: Place | null; district: Place | null }): Problem[] {
  const out: Problem[] = [];
  const { city, district } = found;
  if (ids.cityId !== null) {
    if (!city || !city.active) out.push({ field: 'cityId', message: `no active city ${ids.cityId}` });
    else if (city.cityId !== null) out.push({ field: 'cityId', message: `“${city.name}” is a district, not a city` });
  }
  if (ids.districtId !== null) {
    if (!district || !district.active) out.push({ field: 'districtId', message: `no active district ${ids.districtId}` });
    else if (district.cityId === null) out.push({ field: 'districtId', message: `“${district.name}” is a city, not a district` });
    else if (district.cityId !== ids.cityId) out.push({ field: 'districtId', message: `“${district.name}” is not a district of ${city ? `“${city.name}”` : 'the chosen city (choose the city too)'}` });
  }
  return out;
}

/**
 * A term that looks like a number (digits, spaces, + - . brackets) searches
 * the numbers: trunk zeros dropped, at most the last nine digits, so
 * `050 123`, `+99450123…` and `501234567` find the same contact. Any other
 * term searches names and e-mail addresses word by word.
 */
export function readSearch(term: string | undefined): { words: string[]; digits: string | null } {
  if (!term) return { words: [], digits: null };
  const digits = term.replace(/\D/g, '');
  if (/^[\d\s()+.-]+$/.test(term) && digits.length >= 3) {
    const trimmed = digits.replace(/^0+/, '');
    return { words: [], digits: trimmed.length > 9 ? trimmed.slice(-9) : trimmed };
  }
  return { words: searchWords(term), digits: null };
}

/** Merging: the kept contact gets the others' numbers, and their details where its own are empty. */
export function mergeInto(keep: Contact, others: readonly Contact[], updatedAt: string): Contact {
  const next: Contact = { ...keep, phones: uniquePhones([...keep.phones, ...others.flatMap((o) => o.phones)]), updatedAt };
  for (const o of others) {
    next.email ??= o.email;
    if (next.cityId === null && o.cityId !== null) {
      next.cityId = o.cityId;
      next.districtId = o.districtId;
    }
    if (!next.address) next.address = o.address;
    if (!next.note) next.note = o.note;
  }
  return next;
}
