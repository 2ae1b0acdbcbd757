/**
 * Issue 6 settings taking effect on real calls: the ARI simulator through the
 * real ari-client. Pause reasons in the pause check and the agent-time
 * figures, operator modes in the offers and callbacks, uploaded sounds in the
 * IVR, holidays in the closed branch.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWavHeader, SYSTEM_PAUSE_REASONS, type AcdSettingsInput } from '@edgecall/contracts';
import { SYSTEM_PAUSE_MISSED } from '../../src/features/acd/service.ts';
import { http } from '../support/appliance.ts';
import { FAST_SETTINGS, startAcdHarness, types, waitFor, type AcdHarness } from '../support/acd-harness.ts';
import { tone, upload } from '../support/sounds.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** `support` (DID 2000) keeps callers waiting with nobody ready, so a missed call enters the callback list. */
const SETTINGS: AcdSettingsInput = {
  ...FAST_SETTINGS,
  queues: FAST_SETTINGS.queues.map((q) => (q.id === 'support' ? { ...q, maxWaitSeconds: 60, noAgentsAction: 'wait' as const, tShort: 1 } : q)),
};

const t = suite<{ h: AcdHarness }>('admin settings in effect');
t.before.each(async (ctx) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-admin-'));
  // The simulator plays what lands in its sounds directory (<pbx data>/sounds), as Asterisk plays its own.
  ctx.h = await startAcdHarness({ settings: SETTINGS, dataDir, config: { asteriskSoundsDir: join(dataDir, 'pbx', 'sounds') } });
});
t.after.each(async (ctx) => ctx.h.close());

const pause = (h: AcdHarness, cookie: string, reason: string) => http(h.url, 'POST', '/api/v1/agent/pause', { cookie, body: { reason } });
const auditOf = async (h: AcdHarness, action: string) => (await http(h.url, 'GET', `/api/v1/audit?action=${encodeURIComponent(action)}&limit=50`, { cookie: h.admin.cookie })).body.items as any[];

t('pause reasons: a new one is on offer at once, an unknown or retired one is refused, billable time splits by the flag', async ({ h }) => {
  assert.ok(SYSTEM_PAUSE_MISSED in SYSTEM_PAUSE_REASONS, 'the ACD system reason is on offer');
  const created = await http(h.url, 'POST', '/api/v1/settings/pause-reasons', { cookie: h.admin.cookie, body: { code: 'coaching', name: { az: 'Kouçinq', en: 'Coaching' }, billable: true } });
  assert.is(created.status, 201, JSON.stringify(created.body));
  const menu = await http(h.url, 'GET', '/api/v1/pause-reasons', { cookie: (await h.agent('201')).cookie });
  assert.ok(menu.body.items.some((r: any) => r.code === 'coaching' && r.name.en === 'Coaching'));

  const s = await h.ready('201');
  assert.is((await pause(h, s.cookie, 'coaching')).status, 200);
  await sleep(400);
  assert.is((await pause(h, s.cookie, 'lunch')).status, 200);
  await sleep(400);
  const unknown = await pause(h, s.cookie, 'coffee');
  assert.is(unknown.status, 400);
  assert.is(unknown.body.error.id, 'validation_failed');
  assert.match(unknown.body.error.message, /Unknown pause reason “coffee”; choose one of: break, lunch, .*coaching/);
  assert.is((await pause(h, s.cookie, 'login')).status, 200, 'a system reason is accepted');
  assert.is((await http(h.url, 'POST', '/api/v1/agent/ready', { cookie: s.cookie })).status, 200);
  // Retired: no longer offered, refused, its history stays.
  assert.is((await http(h.url, 'PATCH', '/api/v1/settings/pause-reasons/coaching', { cookie: h.admin.cookie, body: { active: false } })).status, 200);
  const retired = await pause(h, s.cookie, 'coaching');
  assert.is(retired.status, 400);
  assert.match(retired.body.error.message, /no longer offered/);
  const del = await http(h.url, 'DELETE', '/api/v1/settings/pause-reasons/coaching', { cookie: h.admin.cookie });
  assert.is(del.status, 409);
  assert.is(del.body.error.id, 'in_use');
  assert.match(del.body.error.message, /pauses in the agent history/);

  const report = async () => {
    const r = await http(h.url, 'GET', '/api/v1/reports/agent-time', { cookie: h.admin.cookie });
    assert.is(r.status, 200, JSON.stringify(r.body));
    return r.body.items.find((x: any) => x.agent === '201');
  };
  const row = await report();
  const by = Object.fromEntries(row.byReason.map((r: any) => [r.reason, r]));
  assert.ok(by.coaching.seconds > 0 && by.coaching.billable, 'coaching is billable');
  assert.ok(by.lunch.seconds > 0 && !by.lunch.billable, 'lunch is not');
  assert.is(row.pausedBillable, by.coaching.seconds + (by.login?.seconds ?? 0));
  assert.is(row.pausedNonBillable, by.lunch.seconds);
  assert.ok(Math.abs(row.billable - (row.loggedIn - row.pausedNonBillable)) < 1e-6);
  assert.is(row.name, 'Agent 201');

  // The flag decides at report time: lunch made billable moves its time over.
  assert.is((await http(h.url, 'PATCH', '/api/v1/settings/pause-reasons/lunch', { cookie: h.admin.cookie, body: { billable: true } })).status, 200);
  const after = await report();
  assert.is(after.pausedNonBillable, 0);
  assert.ok(after.pausedBillable >= row.pausedBillable + by.lunch.seconds);

  // An operator sees only their own figures.
  const own = await http(h.url, 'GET', '/api/v1/reports/agent-time', { cookie: (await h.agent('202')).cookie });
  assert.ok(own.body.items.every((x: any) => x.agent === '202'));
  assert.ok((await auditOf(h, 'settings.pause_reason.update')).length >= 2);
});

t('operator modes: an outbound agent is never offered a queue call, a blended one is; callbacks skip inbound agents', async ({ h }) => {
  const set = (agent: string, mode: string) => http(h.url, 'PUT', `/api/v1/settings/operator-modes/${agent}`, { cookie: h.admin.cookie, body: { mode } });
  assert.is((await set('201', 'outbound')).status, 200);
  const list = await http(h.url, 'GET', '/api/v1/settings/operator-modes?search=agent', { cookie: h.admin.cookie });
  assert.equal(list.body.items.map((r: any) => [r.agent, r.mode]), [['201', 'outbound'], ['202', 'blended'], ['203', 'blended']]);

  // Only the outbound agent is ready: the call waits, nobody rings.
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501119901' });
  await h.waitCall(call.channelId, (c) => c.stage === 'queued');
  await sleep(600);
  assert.not.ok(types(await h.call(call.channelId)).includes('ringing'), 'outbound agent 201 was offered the call');
  // A blended agent becomes ready and takes it.
  await h.ready('202');
  const talking = await h.waitCall(call.channelId, (c) => c.stage === 'talking');
  assert.is(talking.agent, '202');
  assert.equal(talking.events.filter((e: any) => e.type === 'ringing').map((e: any) => e.agent), ['202']);
  call.hangup();
  await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.equal((await http(h.url, 'GET', '/api/v1/audit?action=settings.operator_mode.update', { cookie: h.admin.cookie })).body.items[0].after, { agent: '201', mode: 'outbound' });

  // Callbacks: 203 inbound-only and ready is passed over; 201 (outbound) gets the missed caller.
  await http(h.url, 'POST', '/api/v1/agent/pause', { cookie: (await h.agent('201')).cookie, body: { reason: 'break' } });
  await http(h.url, 'POST', '/api/v1/agent/pause', { cookie: (await h.agent('202')).cookie, body: { reason: 'break' } });
  assert.is((await set('203', 'inbound')).status, 200);
  const missed = h.sim.control.inboundCall({ did: '2000', callerNumber: '+994501119902' });
  await h.waitCall(missed.channelId, (c) => c.stage === 'queued');
  await sleep(1300);
  missed.hangup();
  const entryOf = async () => (await http(h.url, 'GET', '/api/v1/callbacks?status=all&number=501119902', { cookie: h.admin.cookie })).body.items[0];
  await waitFor(entryOf, 5000, 'callback entry');
  await h.ready('203');
  await sleep(600);
  assert.is((await entryOf()).assignedAgent, null, 'an inbound-only agent got a callback');
  await http(h.url, 'POST', '/api/v1/agent/ready', { cookie: (await h.agent('201')).cookie });
  const given = await waitFor(async () => ((await entryOf())?.assignedAgent ? entryOf() : null), 5000, 'callback assigned');
  assert.is(given.assignedAgent, '201');
});

t('sounds: WAV, MP3 and OGG become 8 kHz mono WAV and play in the IVR; bad uploads are refused with a reason', async ({ h }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-tones-'));
  const cookie = h.admin.cookie;
  const uploads: [string, Buffer, string][] = [
    ['welcome-wav', tone(dir, 'a.wav', 1.5), 'audio/wav'],
    ['welcome-mp3', tone(dir, 'a.mp3', 1.2), 'audio/mpeg'],
    ['welcome-ogg', tone(dir, 'a.ogg', 1, { rate: 22050, channels: 1 }), 'audio/ogg'],
  ];
  for (const [name, bytes, type] of uploads) {
    const r = await upload(h.url, cookie, `name=${name}&title=Welcome`, bytes, type);
    assert.is(r.status, 201, `${name}: ${JSON.stringify(r.body)}`);
    assert.ok(r.body.durationMs >= 900 && r.body.durationMs <= 1700, `${name} lasts ${r.body.durationMs} ms`);
    const audio = await fetch(`${h.url}/api/v1/settings/sounds/${name}/audio`, { headers: { cookie } });
    assert.is(audio.headers.get('content-type'), 'audio/wav');
    const header = readWavHeader(new Uint8Array(await audio.arrayBuffer()));
    assert.equal(header && [header.sampleRate, header.channels, header.bitsPerSample], [8000, 1, 16], name);
  }
  const again = await upload(h.url, cookie, 'name=welcome-wav', uploads[0][1], 'audio/wav');
  assert.is(again.status, 409);
  assert.is((await upload(h.url, cookie, 'name=welcome-wav&replace=true', uploads[2][1], 'audio/ogg')).status, 201);

  // Not audio: a text file, whatever it claims to be.
  const text = await upload(h.url, cookie, 'name=notes', 'these are meeting notes, not a sound', 'audio/wav');
  assert.is(text.status, 400);
  assert.match(text.body.error.message, /file: the file is not WAV audio that can be read/);
  const plain = await upload(h.url, cookie, 'name=notes', 'hello', 'text/plain');
  assert.is(plain.status, 415);
  // Eleven minutes, even small as an 8 kbit/s MP3, is too long for a prompt.
  const long = await upload(h.url, cookie, 'name=too-long', tone(dir, 'long.mp3', 660, { rate: 8000, channels: 1, extra: ['-C', '8'] }), 'audio/mpeg');
  assert.is(long.status, 400);
  assert.match(long.body.error.message, /the sound is too long \(11 min 0 s\); at most 10 minutes/);
  const big = await upload(h.url, cookie, 'name=too-big', Buffer.alloc(21 * 1024 * 1024), 'audio/wav').catch((err: Error) => ({ status: 0, body: err.message }));
  assert.is(big.status, 413, JSON.stringify(big.body).slice(0, 200));
  assert.match(big.body.error.message, /larger than 20 MB/);
  const names = (await http(h.url, 'GET', '/api/v1/settings/sounds', { cookie })).body.items.map((s: any) => s.name);
  assert.equal(names, ['welcome-mp3', 'welcome-ogg', 'welcome-wav']);

  // An IVR menu plays it; a name that exists nowhere is refused.
  const settings = (await http(h.url, 'GET', '/api/v1/settings/acd', { cookie })).body;
  settings.menus[0].prompt = 'sound:no-such-prompt';
  const refused = await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie, body: settings });
  assert.is(refused.status, 400);
  assert.match(refused.body.error.message, /menus\.0\.prompt: no sound “no-such-prompt”/);
  settings.menus[0].prompt = 'sound:welcome-mp3';
  assert.is((await http(h.url, 'PUT', '/api/v1/settings/acd', { cookie, body: settings })).status, 200);
  const call = h.sim.control.inboundCall({ did: '1000', callerNumber: '+994501119903' });
  const play = await h.sim.control.waitFor((e: any) => e.kind === 'rest' && e.path === `/ari/channels/${call.channelId}/play` && e.query.media === 'sound:welcome-mp3');
  assert.is(play.kind === 'rest' && play.status, 201);
  const finished: any = await h.sim.control.waitFor((e: any) => e.kind === 'event' && e.event.type === 'PlaybackFinished' && e.event.playback?.media_uri === 'sound:welcome-mp3');
  const started: any = h.sim.control.history('event').find((e: any) => e.event.type === 'PlaybackStarted' && e.event.playback?.id === finished.event.playback.id);
  assert.is(finished.event.playback.state, 'done', 'the simulator knows the uploaded sound');
  // It lasted the file's length in simulated time (a missing sound fails at once).
  assert.ok(finished.at - started.at >= 1000, `played ${finished.at - started.at} simulated ms`);
  call.hangup();

  const inUse = await http(h.url, 'DELETE', '/api/v1/settings/sounds/welcome-mp3', { cookie });
  assert.is(inUse.status, 409);
  assert.is(inUse.body.error.id, 'in_use');
  assert.match(inUse.body.error.message, /menus\.0\.prompt/);
  assert.is((await http(h.url, 'DELETE', '/api/v1/settings/sounds/welcome-ogg', { cookie })).status, 204);
  assert.is((await fetch(`${h.url}/api/v1/settings/sounds/welcome-ogg/audio`, { headers: { cookie } })).status, 404);
  const audited = (await auditOf(h, 'settings.sound.create')).map((e) => e.targetId).sort();
  assert.equal(audited, ['welcome-mp3', 'welcome-ogg', 'welcome-wav']);
  assert.is((await auditOf(h, 'settings.sound.replace')).length, 1);
  assert.is((await auditOf(h, 'settings.sound.delete')).length, 1);
});

t('a holiday today sends callers to the closed message; removing it opens again without a restart', async ({ h }) => {
  const cookie = h.admin.cookie;
  const day = (offset: number) => new Date(Date.now() + 4 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const allDay = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, ['00:00', '24:00']]));
  const hours = { utcOffsetMinutes: 240, week: allDay, holidays: [day(-1), day(0), day(1)], special: {}, alwaysOpen: false };
  const put = await http(h.url, 'PUT', '/api/v1/settings/hours', { cookie, body: hours });
  assert.is(put.status, 200, JSON.stringify(put.body));
  await h.ready('201');
  const call = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501119904' });
  const closed = await h.waitCall(call.channelId, (c) => c.stage === 'ended');
  assert.is(closed.cause, 'closed');
  assert.equal(types(closed), ['arrived', 'ended']);
  assert.ok(h.sim.control.history('rest').some((e: any) => e.path === `/ari/channels/${call.channelId}/play` && e.query.media === 'sound:closed-message'));

  assert.is((await http(h.url, 'PUT', '/api/v1/settings/hours', { cookie, body: { ...hours, holidays: [] } })).status, 200);
  const open = h.sim.control.inboundCall({ did: '3000', callerNumber: '+994501119905' });
  const answered = await h.waitCall(open.channelId, (c) => c.stage === 'talking');
  assert.is(answered.agent, '201');
  open.hangup();
  const log = await auditOf(h, 'settings.hours.update');
  assert.is(log.length, 2);
  assert.equal(log[1].after.holidays, [day(-1), day(0), day(1)]);
});

t.run();
