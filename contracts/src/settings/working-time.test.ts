import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkingHours } from '../acd-settings.ts';
import { addWorkingMs, azerbaijanHolidays, workingHoursProblems, workingMsBetween } from './working-time.ts';

const H = 3_600_000;
// Baku is UTC+4: 09:00 local is 05:00 UTC.
const hours = WorkingHours.parse({ utcOffsetMinutes: 240, week: { 1: ['09:00', '18:00'], 2: ['09:00', '18:00'], 3: ['09:00', '18:00'], 4: ['09:00', '18:00'], 5: ['09:00', '18:00'] }, holidays: ['2026-11-10'], special: { '2026-11-11': ['10:00', '14:00'] } });

test('2026 holidays follow the Cabinet of Ministers: Novruz and Ramazan together make 20–30 March', () => {
  const { holidays, missing } = azerbaijanHolidays(2026);
  assert.equal(missing, []);
  const march = holidays.filter((h) => h.date.startsWith('2026-03-2') || h.date.startsWith('2026-03-3')).map((h) => h.date);
  assert.equal([...new Set(march)], ['2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-30']);
  const dates = new Set(holidays.map((h) => h.date));
  // Gurban's second day is Independence Day (28 May): Friday 29 May is off too.
  for (const d of ['2026-01-01', '2026-01-02', '2026-03-08', '2026-03-09', '2026-05-09', '2026-05-11', '2026-05-27', '2026-05-28', '2026-05-29', '2026-06-15', '2026-06-26', '2026-11-08', '2026-11-09', '2026-11-10', '2026-12-31']) {
    assert.ok(dates.has(d), d);
  }
  // Constitution Day and National Revival Day are holidays but working days.
  assert.not.ok(dates.has('2026-11-12'));
  assert.not.ok(dates.has('2026-11-17'));
  assert.ok(holidays.filter((h) => h.kind === 'moved').every((h) => ![0, 6].includes(new Date(h.date + 'T00:00:00Z').getUTCDay())));
});

test('a year without announced movable holidays says which are missing', () => {
  const r = azerbaijanHolidays(2031);
  assert.equal(r.missing, ['Ramazan bayramı', 'Qurban bayramı']);
  assert.ok(r.holidays.some((h) => h.date === '2031-05-28'));
  assert.ok(azerbaijanHolidays(2027).holidays.some((h) => h.date === '2027-03-09' && !h.confirmed));
});

test('hours problems: closing before opening, impossible dates and times', () => {
  const bad = WorkingHours.parse({ week: { 1: ['18:00', '09:00'], 2: ['09:00', '25:00'] }, holidays: ['2026-02-30'], special: { '2026-12-31': ['12:00', '12:00'] } });
  const messages = workingHoursProblems(bad).map((p) => `${p.field}: ${p.message}`);
  assert.equal(messages.length, 4, messages.join('\n'));
  assert.match(messages[0], /week\.1: Monday: closes at 09:00, not after it opens at 18:00/);
  assert.match(messages.join('\n'), /holiday 2026-02-30 is not a calendar date/);
  assert.equal(workingHoursProblems(hours), []);
  assert.equal(workingHoursProblems(WorkingHours.parse({ week: { 6: ['00:00', '24:00'] } })), []);
});

test('SLA clocks count working time only: nights, weekends, holidays and special days', () => {
  // Friday 2026-11-06 17:00 to Monday 10:00 local: one hour on each side of the weekend.
  const fri17 = Date.UTC(2026, 10, 6, 13);
  const mon10 = Date.UTC(2026, 10, 9, 6);
  assert.is(workingMsBetween(hours, fri17, mon10), 2 * H);
  // Tuesday the 10th is a holiday, Wednesday the 11th is open 10–14.
  const tue = Date.UTC(2026, 10, 10, 0);
  const thu = Date.UTC(2026, 10, 12, 0);
  assert.is(workingMsBetween(hours, tue, thu), 4 * H);
  // A 3-hour SLA from Monday 17:00 ends Wednesday 12:00 (1 h Monday, holiday, 2 h of the special day).
  assert.is(addWorkingMs(hours, Date.UTC(2026, 10, 9, 13), 3 * H), Date.UTC(2026, 10, 11, 8));
  assert.is(workingMsBetween({ ...hours, alwaysOpen: true }, 0, 5 * H), 5 * H);
  assert.is(addWorkingMs(WorkingHours.parse({}), 0, H), null);
});

test.run();
