import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formProblems, formScore } from './evaluation.ts';
import { splitPausedTime } from './pause-reasons.ts';
import { previewTemplate, renderTemplate, smsParts, templateProblems } from './templates.ts';
import { canTransition, nextStatuses, workflowProblems, type TicketWorkflow } from './ticket-workflow.ts';

const S = (code: string, kind: 'open' | 'waiting_customer' | 'closed', extra: Partial<TicketWorkflow['statuses'][number]> = {}) => ({ code, kind, initial: false, allowReopen: false, active: true, ...extra });
const flow: TicketWorkflow = {
  statuses: [S('new', 'open', { initial: true }), S('work', 'open'), S('wait', 'waiting_customer'), S('done', 'closed', { allowReopen: true }), S('closed', 'closed')],
  transitions: [
    { from: 'new', to: 'work' },
    { from: 'work', to: 'wait' },
    { from: 'wait', to: 'work' },
    { from: 'work', to: 'done' },
    { from: 'done', to: 'work' },
    { from: 'done', to: 'closed' },
  ],
};

test('a sound workflow has no problems and answers canTransition', () => {
  assert.equal(workflowProblems(flow), []);
  assert.ok(canTransition(flow, 'new', 'work'));
  assert.not.ok(canTransition(flow, 'new', 'done'), 'no such transition');
  assert.ok(canTransition(flow, 'done', 'work'), 'reopen allowed');
  assert.not.ok(canTransition(flow, 'work', 'work'));
  assert.not.ok(canTransition(flow, 'nope', 'work'));
  assert.equal(nextStatuses(flow, 'work'), ['wait', 'done']);
  const inactive = { ...flow, statuses: flow.statuses.map((s) => (s.code === 'wait' ? { ...s, active: false } : s)) };
  assert.not.ok(canTransition(inactive, 'work', 'wait'), 'an inactive status takes no tickets');
});

test('workflow rules: one initial, reachable statuses, closed statuses stay closed unless reopen is allowed', () => {
  const msgs = (w: TicketWorkflow) => workflowProblems(w).map((p) => p.message);
  assert.match(msgs({ ...flow, statuses: flow.statuses.map((s) => ({ ...s, initial: false })) }).join('\n'), /exactly one status must be the initial one; none is/);
  assert.match(msgs({ ...flow, statuses: flow.statuses.map((s) => (s.code === 'work' ? { ...s, initial: true } : s)) }).join('\n'), /new, work are/);
  assert.match(msgs({ ...flow, transitions: flow.transitions.filter((t) => t.to !== 'wait') }).join('\n'), /status wait cannot be reached from the initial status new/);
  assert.match(msgs({ ...flow, transitions: [...flow.transitions, { from: 'closed', to: 'new' }] }).join('\n'), /status closed is closed: it has no way out unless reopening it is allowed/);
  assert.match(msgs({ ...flow, transitions: [...flow.transitions, { from: 'new', to: 'ghost' }] }).join('\n'), /no status ghost/);
  assert.match(msgs({ ...flow, statuses: flow.statuses.filter((s) => s.kind !== 'closed'), transitions: flow.transitions.filter((t) => t.to !== 'done' && t.from !== 'done') }).join('\n'), /tickets could never be closed/);
});

test('templates: known placeholders fill in, unknown ones are refused by name', () => {
  assert.equal(templateProblems({ channel: 'sms', subject: '', body: 'Hörmətli {{contact.name}}, {{ call.number }}' }), []);
  const bad = templateProblems({ channel: 'sms', subject: '', body: 'Salam {{contact.nmae}}' });
  assert.is(bad.length, 1);
  assert.match(bad[0].message, /unknown placeholder \{\{contact\.nmae\}\}/);
  assert.match(templateProblems({ channel: 'sms', subject: '', body: 'Salam {{contact.name' })[0].message, /never closed/);
  assert.match(templateProblems({ channel: 'email', subject: '', body: 'x' })[0].message, /needs a subject/);
  const p = previewTemplate({ channel: 'sms', subject: '', body: 'Zəng {{call.number}}, müraciət {{request.id}}' }, { 'request.id': 'R-1' });
  assert.is(p.body, 'Zəng +994501234567, müraciət R-1');
  assert.equal(p.placeholders, ['call.number', 'request.id']);
  assert.is(p.smsParts, 1);
  assert.is(renderTemplate('{{agent.name}}!', {}), '!');
  assert.is(smsParts('a'.repeat(160)), 1);
  assert.is(smsParts('a'.repeat(161)), 2);
  assert.is(smsParts('ə'.repeat(71)), 2, 'Azerbaijani letters need UCS-2');
});

test('evaluation forms: an active form keeps an active criterion; scores are weighted', () => {
  const criteria = new Map([
    ['a', { name: 'Greeting', active: true }],
    ['b', { name: 'Solution', active: false }],
  ]);
  assert.equal(formProblems({ criteria: ['a', 'b'], active: true }, criteria), []);
  assert.match(formProblems({ criteria: ['b'], active: true }, criteria)[0].message, /needs at least one active criterion/);
  assert.equal(formProblems({ criteria: [], active: false }, criteria), []);
  assert.match(formProblems({ criteria: ['a', 'a', 'x'], active: true }, criteria).map((p) => p.message).join('\n'), /listed twice[\s\S]*no criterion x|no criterion x[\s\S]*listed twice/);
  assert.is(formScore([{ id: 'a', weight: 3, maxScore: 5 }, { id: 'b', weight: 1, maxScore: 10 }], { a: 5, b: 0 }), 75);
  assert.is(formScore([{ id: 'a', weight: 1, maxScore: 5 }], {}), null);
});

test('paused time splits into billable and not; unknown reasons are not billable', () => {
  const reasons = new Map([
    ['training', { name: { az: 'Təlim' }, billable: true }],
    ['lunch', { name: { az: 'Nahar' }, billable: false }],
  ]);
  const r = splitPausedTime({ training: 600, lunch: 1800, coffee: 60, login: 30 }, reasons);
  assert.is(r.billable, 630);
  assert.is(r.nonBillable, 1860);
  assert.equal(r.byReason.map((x) => [x.reason, x.billable]), [['coffee', false], ['login', true], ['lunch', false], ['training', true]]);
});

test.run();
