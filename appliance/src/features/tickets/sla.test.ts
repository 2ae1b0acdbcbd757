import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { WorkingHours } from '@edgecall/contracts';
import { deadlinesOf, moveClock, resolutionClock, respond, responseClock, type SlaState } from './sla.ts';
import { attachmentProblem, mayMove, policyProblems, refOf, typeLifecycle } from './rules.ts';
import type { Lifecycle } from './ports.ts';

const HOUR = 3_600_000;
/** Monday–Friday 09:00–18:00 in Baku; Monday 30 November 2026 a holiday. */
const hours: WorkingHours = {
  utcOffsetMinutes: 240,
  week: { 1: ['09:00', '18:00'], 2: ['09:00', '18:00'], 3: ['09:00', '18:00'], 4: ['09:00', '18:00'], 5: ['09:00', '18:00'] },
  holidays: ['2026-11-30'],
  special: {},
  alwaysOpen: false,
};
const FRIDAY_1300 = Date.UTC(2026, 10, 27, 9);
const fresh = (over: Partial<SlaState> = {}): SlaState => ({ statusKind: 'open', statusSince: FRIDAY_1300, slaAccMs: 0, respondedAt: null, responseMs: null, responseHours: 2, resolutionHours: 8, ...over });

test('deadlines count working hours only: the weekend and a holiday are skipped', () => {
  const d = deadlinesOf(fresh(), hours);
  assert.is(d.responseDueAt, Date.UTC(2026, 10, 27, 11), 'Friday 15:00 Baku');
  assert.is(d.resolutionDueAt, Date.UTC(2026, 11, 1, 8), 'Tuesday 12:00 Baku: 5 h on Friday, 3 h on Tuesday');
  assert.is(d.resolutionWarnAt, Date.UTC(2026, 11, 1, 6, 24), '80 % of 8 h: Tuesday 10:24');
  const noHoliday = deadlinesOf(fresh(), { ...hours, holidays: [] });
  assert.is(noHoliday.resolutionDueAt, Date.UTC(2026, 10, 30, 8), 'without the holiday, Monday 12:00');
});

test('waiting on the customer pauses both clocks; coming back resumes where they stopped', () => {
  let t = moveClock(fresh(), hours, FRIDAY_1300 + 1 * HOUR, 'open', true);
  assert.is(t.respondedAt, FRIDAY_1300 + HOUR);
  assert.is(responseClock(t, hours, FRIDAY_1300 + 5 * HOUR)!.state, 'done');
  assert.is(responseClock(t, hours, FRIDAY_1300 + 5 * HOUR)!.elapsedMs, HOUR);
  t = moveClock(t, hours, FRIDAY_1300 + 2 * HOUR, 'waiting_customer', false);
  const paused = resolutionClock(t, hours, FRIDAY_1300 + 100 * HOUR)!;
  assert.equal([paused.state, paused.elapsedMs, paused.dueAt], ['paused', 2 * HOUR, null]);
  assert.equal(deadlinesOf(t, hours).resolutionDueAt, null, 'no deadline while paused');
  const tuesday1000 = Date.UTC(2026, 11, 1, 6);
  t = moveClock(t, hours, tuesday1000, 'open', false);
  assert.is(resolutionClock(t, hours, tuesday1000)!.remainingMs, 6 * HOUR);
  assert.is(deadlinesOf(t, hours).resolutionDueAt, Date.UTC(2026, 11, 1, 12));
  const late = resolutionClock(t, hours, Date.UTC(2026, 11, 2, 6))!;
  assert.equal([late.breached, late.elapsedMs], [true, 11 * HOUR], '2 h before the pause, Tuesday 8 h, Wednesday 1 h');
  t = moveClock(t, hours, Date.UTC(2026, 11, 2, 6), 'closed', false);
  assert.equal(resolutionClock(t, hours, Date.UTC(2026, 11, 20))!.state, 'done');
});

test('a public answer stops the response clock without a status change', () => {
  const t = respond(fresh(), hours, FRIDAY_1300 + 30 * 60_000);
  assert.equal([t.respondedAt, t.responseMs], [FRIDAY_1300 + 30 * 60_000, 30 * 60_000]);
  assert.is(respond(t, hours, FRIDAY_1300 + 2 * HOUR), t, 'only the first answer counts');
});

const lifecycle = {
  statuses: (
    [
      ['new', 'open', true, false],
      ['in_progress', 'open', false, false],
      ['waiting_customer', 'waiting_customer', false, false],
      ['resolved', 'closed', false, true],
      ['closed', 'closed', false, false],
    ] as const
  ).map(([code, kind, initial, allowReopen], i) => ({ id: code, code, name: { az: code }, kind, initial, allowReopen, active: true, sort: i, updatedAt: '' })),
  transitions: [
    ['new', 'in_progress'],
    ['new', 'closed'],
    ['in_progress', 'waiting_customer'],
    ['waiting_customer', 'in_progress'],
    ['in_progress', 'resolved'],
    ['resolved', 'closed'],
  ].map(([from, to]) => ({ from, to })),
} as unknown as Lifecycle;

test('a type may use part of the lifecycle; a part that is no lifecycle is refused', () => {
  const own = typeLifecycle(lifecycle, { statuses: ['new', 'in_progress', 'closed'] });
  assert.equal(own.transitions, [{ from: 'new', to: 'in_progress' }, { from: 'new', to: 'closed' }]);
  const base = { responseHours: null, resolutionHours: null, group: null, templateId: null, movers: 'anyone' as const };
  assert.match(policyProblems({ ...base, statuses: ['new', 'in_progress'] }, { groups: ['sales'], lifecycle, template: null })[0].message, /no active closed status/);
  assert.match(policyProblems({ ...base, statuses: [], group: 'x' }, { groups: ['sales'], lifecycle, template: null })[0].message, /no group x/);
  assert.match(policyProblems({ ...base, statuses: [], templateId: 't' }, { groups: [], lifecycle, template: { channel: 'sms', active: true } })[0].message, /sms template cannot pre-fill/);
  assert.equal(policyProblems({ ...base, statuses: [], responseHours: 4, resolutionHours: 8 }, { groups: [], lifecycle, template: null }), []);
});

test('who may move a request', () => {
  const t = { group: 'sales', assigneeId: null };
  const op = (groups: string[]) => ({ id: 'u', kind: 'operator' as const, groups });
  assert.ok(mayMove({ movers: 'anyone' }, t, op([])));
  assert.ok(mayMove({ movers: 'group' }, t, op(['sales'])));
  assert.not.ok(mayMove({ movers: 'group' }, t, op(['support'])));
  assert.ok(mayMove({ movers: 'group' }, { group: 'sales', assigneeId: 'u' }, op(['support'])), 'the executor may');
  assert.not.ok(mayMove({ movers: 'supervisors' }, t, op(['sales'])));
  assert.ok(mayMove({ movers: 'supervisors' }, t, { id: 's', kind: 'supervisor', groups: ['sales'] }));
  assert.ok(mayMove({ movers: 'supervisors' }, t, { id: 'a', kind: 'admin', groups: [] }));
});

test('attachments: type, extension and content must agree', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  assert.is(attachmentProblem('a.pdf', 'application/pdf', pdf), null);
  assert.match(attachmentProblem('a.exe', 'application/x-msdownload', pdf)!, /not accepted/);
  assert.match(attachmentProblem('a.png', 'application/pdf', pdf)!, /does not end in \.pdf/);
  assert.match(attachmentProblem('a.pdf', 'application/pdf', Buffer.from('MZ'))!, /not a PDF file/);
  assert.match(attachmentProblem('a.txt', 'text/plain', Buffer.from([0xff, 0xfe, 0x00]))!, /not a TXT file/);
  assert.is(attachmentProblem('Qəbz.txt', 'text/plain', Buffer.from('Salam, dünya')), null);
  assert.is(attachmentProblem('a.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1])), null);
  assert.match(attachmentProblem('a.pdf', 'application/pdf', Buffer.alloc(0))!, /empty/);
});

test('references are per branch and year', () => {
  assert.is(refOf(42, Date.UTC(2026, 11, 31, 21), 240), 'R-2027-000042', 'already 1 January in Baku');
});

test.run();
