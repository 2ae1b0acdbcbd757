// /ari/channels handlers. Validation order and messages follow res/ari/resource_channels.c
// and the statuses recorded in samples/rest-errors.jsonl (where 22.10.1 differs from the
// docs, the recording wins: e.g. "Invalid reason for hangup reason provided").
import type { Handler, HandlerContext, RestResult } from './router.ts';
import { created, findControl, noContent, ok, requireValidState } from './router.ts';
import { AriError, badRequest, internal, notFound, notImplemented, unprocessable } from './errors.ts';
import { channelJson, playbackJson } from './model.ts';

/** `reason` of DELETE /channels/{id} to the Q.850 cause Asterisk sets. */
const HANGUP_REASONS: Record<string, number> = {
  normal: 16, busy: 17, congestion: 34, no_answer: 19, timeout: 18, rejected: 21, unallocated: 1,
  normal_unspecified: 31, number_incomplete: 28, codec_mismatch: 58, interworking: 127,
  failure: 38, answered_elsewhere: 26,
};

function originate({ world, args }: HandlerContext): RestResult {
  const ch = world.dialer.originate({
    endpoint: args.text('endpoint'),
    extension: args.text('extension'),
    context: args.text('context'),
    priority: args.int('priority', 0),
    label: args.text('label'),
    app: args.text('app'),
    appArgs: args.str('appArgs'),
    callerId: args.text('callerId'),
    timeout: args.int('timeout', 30),
    variables: args.container('variables'),
    channelId: args.text('channelId'),
    otherChannelId: args.text('otherChannelId'),
    originator: args.text('originator'),
    formats: args.text('formats'),
  });
  return ok(channelJson(ch));
}

function checkDirection(value: string | undefined, allowed: string[] | undefined, message: string): string {
  if (!value) throw badRequest('Direction is required');
  if (!(allowed ?? ['both', 'in', 'out']).includes(value)) throw badRequest(message);
  return value;
}

function play({ world, args }: HandlerContext): RestResult {
  const ch = findControl(world, args.str('channelId'));
  requireValidState(ch);
  const skipms = args.int('skipms', 3000);
  const offsetms = args.int('offsetms', 0);
  if (skipms < 0) throw badRequest('skipms cannot be negative');
  if (offsetms < 0) throw badRequest('offsetms cannot be negative');
  const media = args.list('media');
  if (media.length === 0) throw internal('Failed to queue media for playback');
  const p = world.playbackSvc.create({ kind: 'channel', id: ch.id }, media, args.text('lang') ?? ch.language, args.text('playbackId'), skipms);
  const body = playbackJson(p);
  world.playbackSvc.kick(p.targetUri);
  return created(`/playbacks/${p.id}`, body);
}

function simple(action: (ctx: HandlerContext, ch: ReturnType<typeof findControl>) => void, checkState = true): Handler {
  return (ctx) => {
    const ch = findControl(ctx.world, ctx.args.str('channelId'));
    if (checkState) requireValidState(ch);
    action(ctx, ch);
    return noContent();
  };
}

export const channelHandlers: Record<string, Handler> = {
  'channels.list': ({ world }) =>
    ok([...world.channels.values()].filter((c) => !c.hidden).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(channelJson)),

  'channels.get': ({ world, args }) => {
    const ch = world.channel(args.str('channelId') ?? '');
    if (!ch) throw notFound('Channel not found');
    return ok(channelJson(ch));
  },

  'channels.originate': originate,
  'channels.originateWithId': originate,

  'channels.create': ({ world, args }) => {
    const ch = world.dialer.create({
      endpoint: args.text('endpoint'),
      app: args.text('app'),
      appArgs: args.str('appArgs'),
      channelId: args.text('channelId'),
      otherChannelId: args.text('otherChannelId'),
      originator: args.text('originator'),
      formats: args.text('formats'),
      variables: args.container('variables'),
    });
    return ok(channelJson(ch));
  },

  'channels.dial': ({ world, args }) => {
    const ch = findControl(world, args.str('channelId'));
    world.dialer.dial(ch, args.text('caller'), args.int('timeout', 0));
    return noContent();
  },

  'channels.hangup': ({ world, spec, args }) => {
    const ch = world.channel(args.str('channelId') ?? '');
    if (!ch) throw notFound('Channel not found');
    const reason = args.text('reason');
    const reasonCode = args.text('reason_code');
    if (reason && reasonCode) throw badRequest("The reason and reason_code can't both be specified");
    let cause = 16;
    if (reasonCode) {
      if (!/^\d+$/.test(reasonCode)) throw badRequest('Invalid reason_code for hangup provided');
      cause = Number(reasonCode);
    } else if (reason) {
      const allowed = spec.allowed('channels', 'hangup', 'reason') ?? Object.keys(HANGUP_REASONS);
      if (!allowed.includes(reason) || HANGUP_REASONS[reason] === undefined) {
        throw new AriError(400, 'Invalid reason for hangup reason provided');
      }
      cause = HANGUP_REASONS[reason];
    }
    world.activity('ari-hangup', { channelId: ch.id, cause });
    world.lifecycle.hangup(ch, { requestCause: 32, soft: true, cause });
    return noContent();
  },

  'channels.continueInDialplan': simple(({ world, args }, ch) => world.features.continueInDialplan(ch, args.text('context'), args.text('extension'))),

  'channels.move': ({ world, args }) => {
    const ch = findControl(world, args.str('channelId'));
    const app = args.text('app');
    if (!app) throw badRequest('Missing parameter app');
    world.features.move(ch, app, args.str('appArgs'));
    return noContent();
  },

  'channels.redirect': ({ world, args }) => {
    const ch = findControl(world, args.str('channelId'));
    requireValidState(ch);
    const endpoint = args.text('endpoint');
    if (!endpoint) throw badRequest("Required parameter 'endpoint' not provided.");
    const slash = endpoint.indexOf('/');
    if (slash <= 0) throw unprocessable(`Endpoint parameter '${endpoint}' does not contain tech/resource`);
    if (!endpoint.slice(slash + 1)) throw unprocessable(`No resource provided in endpoint parameter '${endpoint}'`);
    const tech = endpoint.slice(0, slash);
    if (tech.toLowerCase() !== ch.tech.toLowerCase()) {
      throw unprocessable(`Endpoint technology '${tech}' does not match channel technology '${ch.tech}'`);
    }
    if (ch.tech !== 'PJSIP') throw internal('Failed to redirect channel');
    world.features.redirect(ch, endpoint);
    return noContent();
  },

  'channels.answer': simple(({ world }, ch) => world.lifecycle.answer(ch)),
  'channels.ring': simple(({ world }, ch) => world.activity('ring', { channelId: ch.id })),
  'channels.ringStop': simple(({ world }, ch) => world.activity('ring-stop', { channelId: ch.id })),
  'channels.progress': simple(({ world }, ch) => world.activity('progress', { channelId: ch.id })),

  'channels.sendDTMF': simple(({ world, args }, ch) => {
    const dtmf = args.text('dtmf');
    if (!dtmf) throw badRequest('DTMF is required');
    world.features.sendDtmf(ch, dtmf, args.int('before', 0), args.int('between', 100), args.int('duration', 100));
  }),

  'channels.mute': simple(({ world, spec, args }, ch) => {
    const dir = checkDirection(args.str('direction') ?? 'both', spec.allowed('channels', 'mute', 'direction'), 'Invalid direction specified');
    ch.mutedDirections.add(dir);
    world.activity('mute', { channelId: ch.id, direction: dir });
  }),
  'channels.unmute': simple(({ world, spec, args }, ch) => {
    const dir = checkDirection(args.str('direction') ?? 'both', spec.allowed('channels', 'unmute', 'direction'), 'Invalid direction specified');
    if (dir === 'both') ch.mutedDirections.clear();
    else ch.mutedDirections.delete(dir);
    world.activity('unmute', { channelId: ch.id, direction: dir });
  }),

  'channels.hold': simple(({ world }, ch) => world.features.ariHold(ch, true)),
  'channels.unhold': simple(({ world }, ch) => world.features.ariHold(ch, false)),

  'channels.startMoh': simple(({ world, args }, ch) => {
    ch.mohClass = args.text('mohClass') ?? 'default';
    world.activity('moh-start', { channelId: ch.id, mohClass: ch.mohClass });
  }),
  'channels.stopMoh': simple(({ world }, ch) => {
    ch.mohClass = undefined;
    world.activity('moh-stop', { channelId: ch.id });
  }),
  'channels.startSilence': simple(({ world }, ch) => {
    ch.silence = true;
    world.activity('silence-start', { channelId: ch.id });
  }),
  'channels.stopSilence': simple(({ world }, ch) => {
    ch.silence = false;
    world.activity('silence-stop', { channelId: ch.id });
  }),

  'channels.play': play,
  'channels.playWithId': play,

  'channels.record': ({ world, args }) => {
    const maxDuration = args.int('maxDurationSeconds', 0);
    const maxSilence = args.int('maxSilenceSeconds', 0);
    if (maxDuration < 0) throw badRequest('max_duration_seconds cannot be negative');
    if (maxSilence < 0) throw badRequest('max_silence_seconds cannot be negative');
    const ch = findControl(world, args.str('channelId'));
    const body = world.recordingSvc.start({ kind: 'channel', ch }, {
      name: args.text('name'),
      format: args.text('format'),
      maxDurationSeconds: maxDuration,
      maxSilenceSeconds: maxSilence,
      ifExists: args.text('ifExists') ?? 'fail',
      beep: args.bool('beep', false),
      terminateOn: args.text('terminateOn') ?? 'none',
    });
    return created(`/recordings/live/${encodeURIComponent(String(body.name))}`, body);
  },

  'channels.getChannelVar': ({ world, args }) => {
    const name = args.text('variable');
    if (!name) throw badRequest('Variable name is required');
    const ch = world.channel(args.str('channelId') ?? '');
    if (!ch) throw notFound('Provided channel was not found');
    const value = world.features.getVar(ch, name);
    if (value === undefined) throw notFound('Provided variable was not found');
    return ok({ value });
  },

  'channels.setChannelVar': ({ world, args }) => {
    const name = args.text('variable');
    if (!name) throw badRequest('Variable name is required');
    const ch = findControl(world, args.str('channelId'));
    if (args.bool('report_events', false)) ch.reportedVars.add(name);
    world.lifecycle.setVar(ch, name, args.str('value') ?? '');
    return noContent();
  },

  'channels.getChannelVars': ({ world, args }) => {
    const names = args.list('variables');
    if (names.length === 0) throw badRequest('Missing variables parameter.');
    const ch = world.channel(args.str('channelId') ?? '');
    if (!ch) throw notFound('Provided channel was not found');
    const variables: Record<string, string> = {};
    for (const n of names) {
      const v = world.features.getVar(ch, n);
      if (v === undefined) throw notFound('Provided variable was not found');
      variables[n] = v;
    }
    return ok({ variables });
  },

  'channels.setChannelVars': ({ world, args }) => {
    const vars = args.bodyObject()?.variables;
    if (!vars || typeof vars !== 'object') throw badRequest('Missing variables parameter.');
    const ch = findControl(world, args.str('channelId'));
    for (const [k, v] of Object.entries(vars as Record<string, unknown>)) {
      const detailed = typeof v === 'object' && v !== null ? (v as { value?: unknown; report_events?: unknown }) : undefined;
      if (detailed?.report_events === true) ch.reportedVars.add(k);
      world.lifecycle.setVar(ch, k, detailed ? String(detailed.value ?? '') : String(v));
    }
    return noContent();
  },

  'channels.snoopChannel': snoop,
  'channels.snoopChannelWithId': snoop,

  'channels.rtpstatistics': ({ world, args }) => {
    const ch = world.channel(args.str('channelId') ?? '');
    if (!ch || ch.tech !== 'PJSIP') throw notFound('Channel cannot be found.');
    return ok({ txcount: 0, rxcount: 0, txploss: 0, rxploss: 0, remote_maxjitter: 0, local_ssrc: 1, remote_ssrc: 2, txoctetcount: 0, rxoctetcount: 0, channel_uniqueid: ch.id });
  },

  'channels.externalMedia': () => {
    throw notImplemented('External media');
  },

  'channels.transfer_progress': simple(({ args }) => {
    if (!args.text('states')) throw badRequest('States parameter not provided');
  }),
};

function snoop({ world, spec, args }: HandlerContext): RestResult {
  const spy = args.text('spy') ?? 'none';
  const whisper = args.text('whisper') ?? 'none';
  const allowed = spec.allowed('channels', 'snoopChannel', 'spy') ?? ['none', 'both', 'out', 'in'];
  if (!allowed.includes(spy)) throw badRequest('Invalid direction specified for spy');
  if (!allowed.includes(whisper)) throw badRequest('Invalid direction specified for whisper');
  if (spy === 'none' && whisper === 'none') throw badRequest('Direction must be specified for at least spy or whisper');
  const app = args.text('app');
  if (!app) throw badRequest('Application name is required');
  const target = world.channel(args.str('channelId') ?? '');
  if (!target) throw notFound('Provided channel was not found');
  return ok(world.features.snoop(target, spy, whisper, app, args.str('appArgs'), args.text('snoopId')));
}
