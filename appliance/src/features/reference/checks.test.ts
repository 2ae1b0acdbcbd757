import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_TICKET_POLICY, type Classification, type Location, type RequestType } from '@edgecall/contracts';
import { classificationProblems, fieldDefinitionProblems, fieldValueProblems, locationProblems, recordProblems, type RecordLookup } from './checks.ts';
import { planClassifications, planLocations } from './csv-import.ts';
import { readCsvTable, parseCsv, toCsv } from '../../lib/csv.ts';
import { fold } from '../../lib/search-text.ts';

const at = '2026-11-27T09:00:00.000Z';
const type: RequestType = {
  id: 'rt1',
  name: 'Şikayət',
  active: true,
  updatedAt: at,
  ticket: DEFAULT_TICKET_POLICY,
  fields: [
    { key: 'amount', label: 'Amount', type: 'number', required: true },
    { key: 'channel', label: 'Channel', type: 'choice', required: false, options: ['phone', 'email'] },
    { key: 'urgent', label: 'Urgent', type: 'boolean', required: false },
    { key: 'since', label: 'Since', type: 'date', required: false },
    { key: 'detail', label: 'Detail', type: 'text', required: false },
  ],
};
const cls = (id: string, parentId: string | null, requestTypeId = 'rt1', active = true): Classification => ({ id, name: id.toUpperCase(), requestTypeId, parentId, active, updatedAt: at });
const loc = (id: string, cityId: string | null, active = true): Location => ({ id, name: id.toUpperCase(), cityId, active, updatedAt: at });
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

test('field definitions: unique keys, choices need options', () => {
  assert.equal(fieldDefinitionProblems(type.fields), []);
  const bad = fieldDefinitionProblems([
    { key: 'a', label: 'A', type: 'text', required: false },
    { key: 'a', label: 'A again', type: 'text', required: false },
    { key: 'c', label: 'C', type: 'choice', required: false },
    { key: 'd', label: 'D', type: 'choice', required: false, options: [] },
  ]);
  assert.equal(fields(bad), ['fields.1.key', 'fields.2.options', 'fields.3.options']);
});

test('classification parents: existing, top-level, same request type, not itself', () => {
  const base = { requestType: { id: 'rt1' }, childCount: 0 };
  assert.equal(classificationProblems({ requestTypeId: 'rt1', parentId: null }, { ...base, parent: null }), []);
  assert.equal(classificationProblems({ requestTypeId: 'rt1', parentId: 'top' }, { ...base, parent: cls('top', null) }), []);
  assert.equal(fields(classificationProblems({ requestTypeId: 'rt1', parentId: 'gone' }, { ...base, parent: null })), ['parentId']);
  assert.match(classificationProblems({ requestTypeId: 'rt1', parentId: 'sub' }, { ...base, parent: cls('sub', 'top') })[0].message, /sub-classification/);
  assert.match(classificationProblems({ requestTypeId: 'rt1', parentId: 'other' }, { ...base, parent: cls('other', null, 'rt2') })[0].message, /another request type/);
  assert.match(classificationProblems({ id: 'me', requestTypeId: 'rt1', parentId: 'me' }, { ...base, parent: cls('me', null) })[0].message, /own parent/);
  assert.equal(fields(classificationProblems({ requestTypeId: 'nope', parentId: null }, { requestType: null, parent: null, childCount: 0 })), ['requestTypeId']);
  // A parent with children cannot sink a level, nor leave its children in another type.
  assert.equal(fields(classificationProblems({ id: 'p', requestTypeId: 'rt1', parentId: 'top' }, { ...base, parent: cls('top', null), childCount: 2 })), ['parentId']);
  assert.equal(fields(classificationProblems({ id: 'p', requestTypeId: 'rt2', parentId: null }, { requestType: { id: 'rt2' }, parent: null, childCount: 2, previousRequestTypeId: 'rt1' })), ['requestTypeId']);
});

test('locations: a district belongs to a city, never to a district', () => {
  assert.equal(locationProblems({ cityId: null }, { city: null, districtCount: 0 }), []);
  assert.equal(locationProblems({ cityId: 'baku' }, { city: loc('baku', null), districtCount: 0 }), []);
  assert.match(locationProblems({ cityId: 'yasamal' }, { city: loc('yasamal', 'baku'), districtCount: 0 })[0].message, /is a district/);
  assert.equal(fields(locationProblems({ cityId: 'x' }, { city: null, districtCount: 0 })), ['cityId']);
  assert.equal(fields(locationProblems({ id: 'ganja', cityId: 'baku' }, { city: loc('baku', null), districtCount: 3 })), ['cityId']);
});

const lookup = (over: Partial<RecordLookup> = {}): RecordLookup => ({
  requestType: type,
  classification: cls('billing', null),
  subClassification: cls('late', 'billing'),
  city: loc('baku', null),
  district: loc('yasamal', 'baku'),
  ...over,
});
const record = { requestTypeId: 'rt1', classificationId: 'billing', subClassificationId: 'late', cityId: 'baku', districtId: 'yasamal', fields: { amount: 12 } };

test('a call record fits: classification of the type, sub under it, district in the city', () => {
  assert.equal(recordProblems(record, lookup()), []);
  assert.equal(recordProblems({ ...record, subClassificationId: null, cityId: null, districtId: null }, lookup({ subClassification: null, city: null, district: null })), []);
  assert.equal(fields(recordProblems(record, lookup({ classification: cls('billing', null, 'rt2') }))), ['classificationId']);
  assert.equal(fields(recordProblems(record, lookup({ classification: cls('billing', 'x') }))), ['classificationId']);
  assert.equal(fields(recordProblems(record, lookup({ subClassification: cls('late', 'other') }))), ['subClassificationId']);
  assert.equal(fields(recordProblems(record, lookup({ district: loc('yasamal', 'ganja') }))), ['districtId']);
  assert.equal(fields(recordProblems({ ...record, cityId: null }, lookup({ city: null }))), ['districtId']);
  assert.equal(fields(recordProblems(record, lookup({ city: loc('baku', 'x') }))), ['cityId']);
});

test('a call record: unknown or inactive ids are refused, each named', () => {
  const none = lookup({ requestType: null, classification: null, subClassification: null, city: null, district: null });
  assert.equal(fields(recordProblems(record, none)), ['requestTypeId', 'classificationId', 'subClassificationId', 'cityId', 'districtId']);
  assert.equal(fields(recordProblems(record, lookup({ requestType: { ...type, active: false } }))), ['requestTypeId']);
  assert.equal(fields(recordProblems(record, lookup({ subClassification: cls('late', 'billing', 'rt1', false) }))), ['subClassificationId']);
  assert.equal(fields(recordProblems(record, lookup({ district: loc('yasamal', 'baku', false) }))), ['districtId']);
});

test('field values: required, types, choice options; unknown keys pass', () => {
  const defs = type.fields;
  assert.equal(fieldValueProblems(defs, { amount: 5, channel: 'email', urgent: true, since: '2026-01-31', detail: 'x', legacy: 'kept' }), []);
  assert.equal(fieldValueProblems(defs, { amount: '12.5' }), [], 'a number typed into a text box');
  assert.equal(fields(fieldValueProblems(defs, {})), ['fields.amount']);
  assert.equal(fields(fieldValueProblems(defs, { amount: '  ' })), ['fields.amount']);
  assert.equal(fields(fieldValueProblems(defs, { amount: 'many' })), ['fields.amount']);
  assert.equal(fields(fieldValueProblems(defs, { amount: 1, channel: 'fax' })), ['fields.channel']);
  assert.equal(fields(fieldValueProblems(defs, { amount: 1, urgent: 'yes' })), ['fields.urgent']);
  assert.equal(fields(fieldValueProblems(defs, { amount: 1, since: '2026-02-30' })), ['fields.since']);
  assert.equal(fields(fieldValueProblems(defs, { amount: 1, detail: 3 })), ['fields.detail']);
});

test('search folding treats Azerbaijani capitals and dotless i alike', () => {
  assert.is(fold('ŞƏKİ  Rayonu'), 'şəki rayonu');
  assert.is(fold('İSMAYILLI'), fold('ismayılli'));
  assert.is(fold('ÇÖĞÜ'), 'çöğü');
});

test('CSV parsing: quotes, line breaks in cells, BOM, formula guard undone', () => {
  const text = toCsv(['name', 'note'], [['Əli, "Bəy"', 'line 1\nline 2'], ['+994501234567', '=SUM(A1)']]);
  const { records, error } = parseCsv(text);
  assert.is(error, undefined);
  assert.equal(records.map((r) => r.cells), [['name', 'note'], ['Əli, "Bəy"', 'line 1\nline 2'], ['+994501234567', '=SUM(A1)']]);
  assert.equal(records.map((r) => r.line), [1, 2, 4]);
  assert.equal(parseCsv('a,b\n"open,1\n').error, { line: 2, message: 'a quoted cell is never closed' });
});

test('classification import plan: parents first, matches by name, every bad line reported', () => {
  const table = readCsvTable('requestType,parent,name,active\nşikayət,,Billing,\nŞikayət,billing,Late payment,yes\nŞikayət,,Old,no\nNope,,X,\nŞikayət,Missing,Y,\nŞikayət,,BILLING,\nŞikayət,,Z,maybe\n', {
    required: ['name', 'requestTypeId|requestType'],
  });
  assert.equal(table.errors, []);
  const existing = { ...cls('old', null), name: 'Old' };
  let n = 0;
  const plan = planClassifications(table.rows, { requestTypes: [type], classifications: [existing] }, { id: () => `new${++n}`, now: at });
  assert.equal(
    plan.errors.map((e) => e.line),
    [5, 6, 7, 8],
  );
  assert.match(plan.errors[0].message, /no request type “Nope”/);
  assert.match(plan.errors[2].message, /repeats line 2/);
  assert.match(plan.errors[3].message, /not true or false/);
  assert.equal(plan.create.map((c) => [c.name, c.parentId]), [['Billing', null], ['Late payment', 'new1']]);
  assert.equal(plan.update.map((u) => [u.after.id, u.after.active]), [['old', false]]);
});

test('location import plan: districts under cities named earlier in the file', () => {
  const table = readCsvTable('city,name\n,Bakı\nBAKI,Yasamal\nYasamal,Deeper\n', { required: ['name'] });
  let n = 0;
  const plan = planLocations(table.rows, { locations: [] }, { id: () => `l${++n}`, now: at });
  assert.equal(plan.errors.map((e) => e.line), [4]);
  assert.equal(plan.create.map((l) => [l.name, l.cityId]), [['Bakı', null], ['Yasamal', 'l1']]);
});

test.run();
