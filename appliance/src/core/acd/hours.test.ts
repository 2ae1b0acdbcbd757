import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkingHours } from '@edgecall/contracts';
import { isOpen } from './hours.ts';

// Baku is UTC+4: 09:00 local on Monday 2026-11-23 is 05:00 UTC.
const at = (iso: string) => Date.parse(iso);
const hours = WorkingHours.parse({ week: { '1': ['09:00', '18:00'], '6': ['10:00', '14:00'] }, holidays: ['2026-11-24'], special: { '2026-11-25': ['12:00', '13:00'], '2026-11-23': null } });

test('weekly hours in local time, with the close minute excluded', () => {
  const monday = WorkingHours.parse({ week: { '1': ['09:00', '18:00'] } });
  assert.is(isOpen(monday, at('2026-11-30T04:59:00Z')), false);
  assert.is(isOpen(monday, at('2026-11-30T05:00:00Z')), true);
  assert.is(isOpen(monday, at('2026-11-30T13:59:00Z')), true);
  assert.is(isOpen(monday, at('2026-11-30T14:00:00Z')), false);
  assert.is(isOpen(monday, at('2026-12-01T08:00:00Z')), false, 'Tuesday has no hours');
});

test('holidays and special days override the week', () => {
  assert.is(isOpen(hours, at('2026-11-23T08:00:00Z')), false, 'a special day marked closed');
  assert.is(isOpen(hours, at('2026-11-24T08:00:00Z')), false, 'a holiday');
  assert.is(isOpen(hours, at('2026-11-25T08:30:00Z')), true, 'special hours 12–13 local');
  assert.is(isOpen(hours, at('2026-11-25T10:00:00Z')), false);
});

test('the local date decides the day near midnight', () => {
  // 2026-11-23 21:00 UTC is already Tuesday 01:00 in Baku.
  const nights = WorkingHours.parse({ week: { '2': ['00:00', '06:00'] } });
  assert.is(isOpen(nights, at('2026-11-23T21:00:00Z')), true);
  assert.is(isOpen(WorkingHours.parse({ alwaysOpen: true }), at('2026-11-24T08:00:00Z')), true);
});

test.run();
