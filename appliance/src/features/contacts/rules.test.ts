import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Contact } from '@edgecall/contracts';
import { mergeInto, placeProblems, readSearch, uniquePhones, type Place } from './rules.ts';
import { planContacts } from './csv-import.ts';
import { readCsvTable } from '../../lib/csv.ts';

const at = '2026-11-27T09:00:00.000Z';
const baku: Place = { id: 'baku', name: 'Bakı', cityId: null, active: true };
const yasamal: Place = { id: 'yasamal', name: 'Yasamal', cityId: 'baku', active: true };
const ganja: Place = { id: 'ganja', name: 'Gəncə', cityId: null, active: true };
const contact = (id: string, phones: string[], over: Partial<Contact> = {}): Contact => ({
  id,
  name: id,
  phones,
  email: null,
  cityId: null,
  districtId: null,
  address: '',
  note: '',
  createdAt: at,
  updatedAt: at,
  ...over,
});

test('one entry per number whatever its format', () => {
  assert.equal(uniquePhones(['0501234567', '+994501234567', '994501234567', '101', '0551234567']), ['0501234567', '101', '0551234567']);
});

test('a number-like search reads digits (trunk zeros and country code dropped), other terms read words', () => {
  assert.equal(readSearch('050 123'), { words: [], digits: '50123' });
  assert.equal(readSearch('+994 50 123 45 67'), { words: [], digits: '501234567' });
  assert.equal(readSearch('Əli  MƏMMƏDOV'), { words: ['əli', 'məmmədov'], digits: null });
  assert.equal(readSearch('12'), { words: ['12'], digits: null });
});

test('places: the district must be of the chosen city', () => {
  const found = { city: baku, district: yasamal };
  assert.equal(placeProblems({ cityId: 'baku', districtId: 'yasamal' }, found), []);
  assert.equal(placeProblems({ cityId: 'ganja', districtId: 'yasamal' }, { city: ganja, district: yasamal }).map((p) => p.field), ['districtId']);
  assert.equal(placeProblems({ cityId: null, districtId: 'yasamal' }, { city: null, district: yasamal }).map((p) => p.field), ['districtId']);
  assert.equal(placeProblems({ cityId: 'yasamal', districtId: null }, { city: yasamal, district: null }).map((p) => p.field), ['cityId']);
  assert.equal(placeProblems({ cityId: 'x', districtId: 'y' }, { city: null, district: null }).map((p) => p.field), ['cityId', 'districtId']);
});

test('merge keeps the kept contact and fills its blanks', () => {
  const keep = contact('k', ['0501234567'], { note: 'VIP' });
  const merged = mergeInto(keep, [contact('m', ['+994501234567', '0551112233'], { email: 'm@example.az', cityId: 'baku', districtId: 'yasamal', note: 'other' })], at);
  assert.equal(merged.phones, ['0501234567', '0551112233']);
  assert.equal([merged.email, merged.cityId, merged.districtId, merged.note], ['m@example.az', 'baku', 'yasamal', 'VIP']);
});

test('contact import plan: a known number updates its contact, a shared number across contacts is refused', () => {
  const table = readCsvTable(
    'name,phones,email,city,district\n' +
      'Əli,+994 50 123 45 67,,Bakı,Yasamal\n' + // updates a (known number in another format)
      'New,0707654321;070 765 43 21,,GƏNCƏ,\n' + // creates, duplicate number collapsed
      'Both,0501234567;0551112233,,,\n' + // a and b own these numbers
      'Bad,12,not-mail,Nowhere,\n' +
      'Orphan,0123456789,,,Yasamal\n',
    { required: ['name', 'phones'] },
  );
  assert.equal(table.errors, []);
  let n = 0;
  const plan = planContacts(table.rows, { places: [baku, yasamal, ganja], owners: [contact('a', ['0501234567']), contact('b', ['0551112233'])] }, { id: () => `c${++n}`, now: at });
  assert.equal(plan.errors.map((e) => e.line), [4, 5, 6]);
  assert.match(plan.errors[0].message, /different contacts/);
  assert.match(plan.errors[1].message, /city: no city “Nowhere”/);
  assert.match(plan.errors[1].message, /email/);
  assert.match(plan.errors[2].message, /needs its city/);
  assert.equal(plan.create.map((c) => [c.name, c.phones, c.cityId]), [['New', ['0707654321'], 'ganja']]);
  assert.equal(plan.update.map((u) => [u.after.id, u.after.name, u.after.phones, u.after.districtId]), [['a', 'Əli', ['0501234567'], 'yasamal']]);
});

test.run();
