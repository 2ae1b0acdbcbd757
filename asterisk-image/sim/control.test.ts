// The control API: agent phones with behaviours, device-side actions, PJSIP inbound calls,
// snapshot and history.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rest, startHarness, type AriEvent, type Harness } from './test-support.ts';

const typesOf = (h: Harness, id: string): string[] =>
  h.events.filter((e) => e.channel?.id === id || e.peer?.id === id).map((e) => (e.type === 'Dial' ? `Dial:${e.dialstatus}` : e.type === 'ChannelStateChange' ? `State:${e.channel.state}` : e.type));

test('PJSIP phone that answers after ringing: Dial progression and StasisStart', async () => {
  const h = await startHarness('edgecall');
  try {
    const phone = h.sim.control.registerPhone('1001', { behaviour: { kind: 'answer', afterMs: 2000 } });
    const ringing = new Promise<AriEvent>((r) => phone.once('ringing', r));
    await h.client.channels.originate({ endpoint: 'PJSIP/1001', app: 'edgecall', appArgs: 'agent,1001', callerId: 'Queue <100>', channelId: 'ag-1' });
    assert.is((await ringing).channelId, 'ag-1');
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === 'ag-1');
    assert.equal(typesOf(h, 'ag-1'), ['Dial:', 'State:Ringing', 'Dial:RINGING', 'State:Up', 'Dial:ANSWER', 'ChannelVarset', 'StasisStart']);
    assert.is(phone.state, 'talking');
    assert.is(phone.channelId, 'ag-1');

    // Device-side hold is a re-INVITE: ChannelHold on the channel. ARI hold is not reported.
    await h.client.channels.hold({ channelId: 'ag-1' });
    phone.hold();
    const hold = await h.waitEvent((e) => e.type === 'ChannelHold');
    assert.is(hold.musicclass, 'default');
    phone.unhold();
    await h.waitEvent((e) => e.type === 'ChannelUnhold');
    assert.is(h.events.filter((e) => e.type === 'ChannelHold').length, 1);

    await phone.sendDtmf('5');
    const dtmf = await h.waitEvent((e) => e.type === 'ChannelDtmfReceived');
    assert.equal([dtmf.digit, dtmf.duration_ms], ['5', 160]);

    // The phone hangs up (SIP BYE): RTP statistics, then a remote hangup with cause 16.
    phone.hangup();
    await h.waitEvent((e) => e.type === 'ChannelDestroyed' && e.channel.id === 'ag-1');
    const varset = 'ChannelVarset';
    assert.equal(typesOf(h, 'ag-1').slice(-9), [varset, varset, varset, varset, varset, 'ChannelHangupRequest', 'StasisEnd', varset, 'ChannelDestroyed']);
    const hr = h.events.find((e) => e.type === 'ChannelHangupRequest' && e.channel.id === 'ag-1')!;
    assert.equal([hr.cause, hr.soft], [16, undefined]);
    assert.is(phone.state, 'idle');
  } finally {
    await h.stop();
  }
});

test('manual, reject, busy-while-talking and offline phones', async () => {
  const h = await startHarness('edgecall');
  try {
    const phone = h.sim.control.registerPhone('1002', { behaviour: { kind: 'manual' } });
    await h.client.channels.originate({ endpoint: 'PJSIP/1002', app: 'edgecall', channelId: 'm-1' });
    await h.waitEvent((e) => e.type === 'Dial' && e.dialstatus === 'RINGING');
    assert.ok(phone.answer());
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === 'm-1');

    // A second call to a phone that is in a call is busy (486).
    await h.client.channels.originate({ endpoint: 'PJSIP/1002', app: 'edgecall', channelId: 'm-2' });
    const busy = await h.waitEvent((e) => e.type === 'ChannelDestroyed' && e.channel.id === 'm-2');
    assert.equal([busy.cause, busy.tech_cause], [17, 486]);

    h.sim.control.registerPhone('1003', { behaviour: { kind: 'reject' } });
    await h.client.channels.originate({ endpoint: 'PJSIP/1003', app: 'edgecall', channelId: 'r-1' });
    const rejected = await h.waitEvent((e) => e.type === 'ChannelDestroyed' && e.channel.id === 'r-1');
    assert.equal([rejected.cause, rejected.cause_txt, rejected.tech_cause], [21, 'Call Rejected', 603]);

    h.sim.control.registerPhone('1004', { online: false });
    const offline = await rest(h.sim, 'POST', '/ari/channels', { endpoint: 'PJSIP/1004', app: 'edgecall' });
    assert.equal([offline.status, offline.body], [500, { error: 'Allocation failed' }]);

    // Local dialing reaches the same phones, with the recorded Local event shapes.
    h.sim.control.registerPhone('1005', { behaviour: { kind: 'answer', afterMs: 1000 } });
    await h.client.channels.originate({ endpoint: 'Local/1005@edgecall-agent', app: 'edgecall', channelId: 'l-1' });
    await h.waitEvent((e) => e.type === 'StasisStart' && e.channel.id === 'l-1');
    const dialplan = h.events.filter((e) => e.type === 'ChannelDialplan' && e.channel.id === 'l-1;2').map((e) => e.dialplan_app);
    assert.equal(dialplan, ['Ringing', 'Wait', 'Answer']);
    assert.is(h.sim.control.phone('1005')?.state, 'talking');
  } finally {
    await h.stop();
  }
});

test('PJSIP inbound call, customer DTMF and hangup, snoop observed through history', async () => {
  const h = await startHarness('edgecall');
  try {
    const call = h.sim.control.inboundCall({ did: '300', callerNumber: '5551234', callerName: 'Customer', via: 'pjsip' });
    const start = await h.waitEvent((e) => e.type === 'StasisStart');
    assert.match(start.channel.name, /^PJSIP\/trunk-[0-9a-f]{8}$/);
    assert.equal([start.channel.state, start.channel.connected.number, start.args], ['Ring', '', ['inbound', '300']]);
    await h.client.channels.answer({ channelId: call.channelId });
    assert.is(call.state, 'up');
    const fromApp = new Promise<{ digit: string }>((r) => call.once('dtmf', r));
    await h.client.channels.sendDTMF({ channelId: call.channelId, dtmf: '7' });
    assert.is((await fromApp).digit, '7');

    await h.client.channels.snoopChannel({ channelId: call.channelId, app: 'edgecall', appArgs: 'listen', spy: 'both', snoopId: 'sn-1' });
    const seen = await h.sim.control.waitFor((e) => e.kind === 'activity' && e.what === 'snoop-created' && e.channelId === call.channelId);
    assert.is(seen.kind === 'activity' && seen.spy, 'both');
    const snap = h.sim.control.snapshot();
    assert.equal(snap.channels.find((c) => c.id === 'sn-1')?.sim.snoopOf, call.channelId);

    call.hangup();
    const end = await call.ended;
    assert.equal(end, { cause: 16, reason: 'customer' });
    await h.waitEvent((e) => e.type === 'StasisEnd' && e.channel.id === call.channelId);
    const mine = h.events.filter((e) => e.channel?.id === call.channelId).map((e) => e.type);
    assert.equal(mine.slice(-7), ['ChannelVarset', 'ChannelVarset', 'ChannelVarset', 'ChannelVarset', 'ChannelVarset', 'ChannelHangupRequest', 'StasisEnd']);
    // The snoop ends silently with the snooped channel.
    await h.waitEvent((e) => e.type === 'StasisEnd' && e.channel.id === 'sn-1');
    assert.not.ok(h.events.some((e) => e.channel?.id === 'sn-1' && (e.type === 'ChannelHangupRequest' || e.type === 'ChannelDestroyed')));
  } finally {
    await h.stop();
  }
});

test.run();
