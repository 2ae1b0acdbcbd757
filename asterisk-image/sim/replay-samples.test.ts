// Replays recorded Asterisk 22.10.1 flows (samples/*.jsonl): the same REST requests in the
// same order (through ari-client, or raw HTTP where the status/body is checked), the
// customer and phone actions of the recorded dialplans done through `control`, and the
// resulting event stream compared with the recording by flow-compare.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isEvent, replayRest, sampleEvents, sleep, startHarness, type Harness } from './test-support.ts';
import { compareFlows, describeDiff } from './flow-compare.ts';

type Waits = Record<number, (h: Harness) => Promise<unknown>>;

/**
 * `timeScale` matters only where the recording relied on a prompt still playing while other
 * things happened; there a slower clock keeps the margin large on a busy machine.
 */
async function replay(file: string, waits: Waits, setup?: (h: Harness) => void, settle?: (h: Harness) => Promise<unknown>, timeScale = 0.05): Promise<void> {
  const h = await startHarness('edgecall', { timeScale });
  try {
    setup?.(h);
    const problems = await replayRest(h, file, waits);
    if (settle) await settle(h);
    await sleep(40);
    assert.equal(problems, [], problems.join('\n'));
    assert.equal(h.sim.control.history('guard'), [], 'every event passed the guard');
    const diff = compareFlows(sampleEvents(file), h.events);
    assert.ok(diff.ok, `${file}\n${describeDiff(diff)}`);
  } finally {
    await h.stop();
  }
}

const wait = (type: string, id?: string) => (h: Harness) => h.waitEvent(isEvent(type, id));
const ringing = (h: Harness) => h.waitEvent((e) => e.type === 'Dial' && e.dialstatus === 'RINGING');
const customer = (h: Harness, channelId: string) => h.sim.control.calls().find((c) => c.channelId === channelId)!;

test('answered.jsonl: IVR prompt, queue with MOH, agent, mixing bridge, recording, customer hangs up', () =>
  replay('answered.jsonl', {
    1: wait('StasisStart', 'ans-caller'),
    3: wait('PlaybackFinished'),
    7: wait('StasisStart', 'ans-agent'),
    12: wait('StasisEnd', 'ans-caller'),
    13: wait('ChannelDestroyed', 'ans-phone'),
  }));

test('agent-no-answer.jsonl: Local agent rings until the originate timeout', () =>
  replay('agent-no-answer.jsonl', {
    1: ringing,
    2: wait('ChannelDestroyed', 'na-phone'),
  }));

test('agent-busy.jsonl and agent-congestion.jsonl: Local agent Busy() / Congestion()', async () => {
  await replay('agent-busy.jsonl', { 1: wait('ChannelDestroyed', 'bz-phone') });
  await replay('agent-congestion.jsonl', { 1: wait('ChannelDestroyed', 'cg-phone') });
});

test('agent-*-sip.jsonl: PJSIP agent busy (486), congestion (503), no answer (480)', async () => {
  const phone = (kind: 'busy' | 'congestion' | 'no-answer') => (h: Harness) => void h.sim.control.registerPhone('ec-loop', { behaviour: { kind } });
  await replay('agent-busy-sip.jsonl', { 4: wait('ChannelDestroyed', 'bzs-agent') }, phone('busy'));
  await replay('agent-congestion-sip.jsonl', { 4: wait('ChannelDestroyed', 'cgs-agent') }, phone('congestion'));
  await replay('agent-no-answer-sip.jsonl', { 4: ringing, 5: wait('ChannelDestroyed', 'nas-agent') }, phone('no-answer'));
});

test('caller-abandons-during-playback.jsonl: hangup during the prompt fails the playback', () =>
  replay('caller-abandons-during-playback.jsonl', {
    1: wait('StasisStart', 'ap-caller'),
    3: (h) => h.sim.control.clock.sleep(500),
    4: async (h) => {
      await h.sim.control.clock.sleep(500);
      customer(h, 'ap-caller').hangup();
      await h.waitEvent(isEvent('StasisEnd', 'ap-caller'));
    },
  }, undefined, undefined, 0.25));

test('dtmf-ivr.jsonl: customer DTMF during a menu, DTMF sent between two Stasis halves', () =>
  replay('dtmf-ivr.jsonl', {
    1: wait('StasisStart', 'dt-caller'),
    3: async (h) => {
      await h.waitEvent((e) => e.type === 'PlaybackStarted' && e.playback.id === 'dt-menu');
      await customer(h, 'dt-caller').sendDtmf('1');
      await h.waitEvent((e) => e.type === 'ChannelDtmfReceived' && e.digit === '1');
    },
    4: async (h) => {
      await h.sim.control.clock.sleep(2000);
      await customer(h, 'dt-caller').sendDtmf('23#', { duration: 250, between: 300 });
      await h.waitEvent((e) => e.type === 'ChannelDtmfReceived' && e.digit === '#');
    },
    6: wait('StasisStart', 'dt-caller2'),
    8: wait('StasisStart', 'dt-far'),
    9: (h) => h.waitEvent((e) => e.type === 'ChannelDtmfReceived' && e.digit === '*'),
    10: async (h) => {
      await h.waitEvent((e) => e.type === 'ChannelDtmfReceived' && e.digit === '6');
      await h.waitEvent((e) => e.type === 'PlaybackFinished' && e.playback.id === 'dt-menu2');
    },
  }, undefined, wait('ChannelDestroyed', 'dt-caller2'), 0.25));

test('hold-unhold.jsonl: ARI hold, channel and bridge MOH, parking in a holding bridge', () =>
  replay('hold-unhold.jsonl', {
    1: wait('StasisStart', 'ho-caller'),
    3: wait('StasisStart', 'ho-agent'),
    22: wait('ChannelDestroyed', 'ho-agent'),
  }));

test('snoop-listen.jsonl: supervisor listens, then the customer hangs up', () =>
  replay('snoop-listen.jsonl', {
    1: wait('StasisStart', 'sl-caller'),
    3: wait('StasisStart', 'sl-agent'),
    6: wait('StasisStart', 'sl-sup'),
    11: wait('StasisEnd', 'sl-snoop'),
    13: wait('ChannelDestroyed', 'sl-supphone'),
  }));

test('snoop-whisper.jsonl: supervisor coaches the agent, snoop hung up, phones hang up', () =>
  replay('snoop-whisper.jsonl', {
    1: wait('StasisStart', 'sw-caller'),
    3: wait('StasisStart', 'sw-agent'),
    6: wait('StasisStart', 'sw-sup'),
    12: wait('ChannelDestroyed', 'sw-sup'),
    13: wait('ChannelDestroyed', 'sw-agent'),
    14: wait('StasisEnd', 'sw-caller'),
  }));

test('barge.jsonl: supervisor joins the call bridge (three parties) and leaves', () =>
  replay('barge.jsonl', {
    1: wait('StasisStart', 'bg-caller'),
    3: wait('StasisStart', 'bg-agent'),
    6: wait('StasisStart', 'bg-sup'),
    10: wait('ChannelDestroyed', 'bg-supphone'),
    11: wait('StasisEnd', 'bg-caller'),
    12: wait('ChannelDestroyed', 'bg-phone'),
  }));

test.run();
