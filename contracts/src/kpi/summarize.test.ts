import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarizeCall } from './summarize.ts';
import { call, sec } from './test-fixtures.ts';

test('per-call facts: IVR, waits per stint, talk minus hold, ACW, outcome', () => {
  const j = call('c', 0).arrive('+994501112233').wait(7).ivrLeft().queued('q1').ring('a9', 'q1').wait(4).noAnswer('a9')
    .wait(6).answer('a1', 'q1').wait(40).hold().wait(15).unhold().wait(5).transferToQueue('q2').queued('q2')
    .wait(25).answer('a2', 'q2').wait(100).hold().wait(10).end('caller_hangup').wait(12).acw('a2').wait(3).acw('a1').build();
  const s = summarizeCall(j);
  assert.is(s.number, '+994501112233');
  assert.is(s.ivr, 7);
  assert.is(s.outcome, 'answered');
  assert.is(s.cause, 'caller_hangup');
  assert.is(s.wait, 35); // 10 + 25
  assert.is(s.withinSl, false); // 35 s > 20 s of q2
  assert.is(s.talk, 145); // (40 + 5) + 100
  assert.is(s.hold, 25); // 15 + 10 (the open hold closes with the call)
  assert.is(s.acw, 162); // a2: 12 s after the end; a1: 150 s after its transfer
  assert.is(s.long, false);
  assert.equal(s.stints.map((x) => [x.queue, x.wait, x.withinSl, x.talk, x.hold, x.acw, x.ringNoAnswers]), [
    ['q1', 10, true, 45, 15, 150, 1],
    ['q2', 25, false, 100, 10, 12, 0],
  ]);
  assert.is(s.stints[0].closedBy, 'transferred');
  assert.equal(s.stints[0].transferTo, { queue: 'q2' });
});

test('unanswered call facts and pending while live', () => {
  const j = call('u', 0).arrive().queued('q1').wait(3).end('abandoned').build();
  const s = summarizeCall(j);
  assert.equal([s.outcome, s.abandoned, s.shortAbandon, s.short, s.missed], ['unanswered', true, true, true, false]);
  const live = summarizeCall(j, {}, sec(1));
  assert.is(live.outcome, 'pending');
  assert.is(live.stints[0].wait, null);
  assert.is(live.stints[0].withinSl, null);
  const longer = summarizeCall(j, { defaults: { T_short: 2 } });
  assert.equal([longer.short, longer.missed], [false, true]);
});

test('outbound: connected and talk, no queue judgement', () => {
  const j = call('o', 0, 'outbound').arrive('+994', 'a1').wait(8).answer('a1').wait(30).end('agent_hangup').build();
  const s = summarizeCall(j);
  assert.equal([s.outcome, s.talk, s.missed, s.wait], ['answered', 30, false, 0]);
  const failed = call('o2', 0, 'outbound').arrive('+994', 'a1').wait(20).end('no_answer').build();
  assert.is(summarizeCall(failed).outcome, 'unanswered');
});

test.run();
