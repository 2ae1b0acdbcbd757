// /ari/bridges handlers (res/ari/resource_bridges.c order and the statuses recorded in
// samples/rest-errors.jsonl: unknown channel in addChannel is 400 "Channel not found", a
// non-Stasis channel 422, `type=nonsense` a 500, a duplicate bridgeId 409, stopping MOH that
// is not playing 409 "Bridge isn't playing music").
import type { Handler, HandlerContext, RestResult } from './router.ts';
import { created, findBridge, noContent, ok } from './router.ts';
import { badRequest, conflict, internal, notFound, unprocessable } from './errors.ts';
import { bridgeJson, playbackJson, type SimBridge, type SimChannel } from './model.ts';
import type { World } from './world.ts';

const BRIDGE_TYPES = new Set(['mixing', 'holding', 'dtmf_events', 'proxy_media', 'video_sfu', 'video_single', 'sdp_label']);

function createBridge(world: World, id: string | undefined, type: string | undefined, name: string | undefined): SimBridge {
  if (id && world.bridges.has(id)) throw conflict(`Bridge with id '${id}' already exists`);
  const types = (type ?? 'mixing').split(',').map((t) => t.trim()).filter(Boolean);
  if (types.some((t) => !BRIDGE_TYPES.has(t))) {
    throw internal(`Unable to create bridge. Possible duplicate bridge id '${id ?? '(null)'}'`);
  }
  const bridgeType = types.includes('holding') ? 'holding' : 'mixing';
  return world.bridgeSvc.create(id ?? world.ids.uuid(), name ?? '', bridgeType);
}

/** control_list_create(): every listed channel must exist (400) and be in Stasis (422). */
function channelList(world: World, names: string[]): SimChannel[] {
  if (names.length === 0) throw badRequest('Missing parameter channel');
  return names.map((id) => {
    const ch = world.channel(id);
    if (!ch) throw badRequest('Channel not found');
    if (!ch.stasis || ch.hangingUp) throw unprocessable('Channel not in Stasis application');
    return ch;
  });
}

function play({ world, args }: HandlerContext): RestResult {
  const b = findBridge(world, args.str('bridgeId'));
  const skipms = args.int('skipms', 3000);
  const offsetms = args.int('offsetms', 0);
  if (skipms < 0) throw badRequest('skipms cannot be negative');
  if (offsetms < 0) throw badRequest('offsetms cannot be negative');
  const media = args.list('media');
  if (media.length === 0) throw internal('Failed to queue media for playback');
  const p = world.playbackSvc.create({ kind: 'bridge', id: b.id }, media, args.text('lang') ?? 'en', args.text('playbackId'), skipms);
  const body = playbackJson(p);
  world.playbackSvc.kick(p.targetUri);
  return created(`/playbacks/${p.id}`, body);
}

export const bridgeHandlers: Record<string, Handler> = {
  'bridges.list': ({ world }) => ok([...world.bridges.values()].map(bridgeJson)),

  'bridges.get': ({ world, args }) => ok(bridgeJson(findBridge(world, args.str('bridgeId')))),

  'bridges.create': ({ world, args }) =>
    ok(bridgeJson(createBridge(world, args.text('bridgeId'), args.text('type'), args.text('name')))),

  'bridges.createWithId': ({ world, args }) =>
    ok(bridgeJson(createBridge(world, args.text('bridgeId'), args.text('type'), args.text('name')))),

  'bridges.destroy': ({ world, args }) => {
    world.bridgeSvc.destroy(findBridge(world, args.str('bridgeId')));
    return noContent();
  },

  'bridges.addChannel': ({ world, args }) => {
    const b = findBridge(world, args.str('bridgeId'));
    const channels = channelList(world, args.list('channel'));
    const role = args.text('role');
    for (const ch of channels) world.bridgeSvc.add(b, ch, role);
    return noContent();
  },

  'bridges.removeChannel': ({ world, args }) => {
    const b = findBridge(world, args.str('bridgeId'));
    const channels = channelList(world, args.list('channel'));
    if (channels.some((ch) => ch.bridgeId !== b.id)) throw unprocessable('Channel not in this bridge');
    for (const ch of channels) world.bridgeSvc.leave(b, ch, 'removed');
    return noContent();
  },

  'bridges.startMoh': ({ world, args }) => {
    world.bridgeSvc.startMoh(findBridge(world, args.str('bridgeId')), args.text('mohClass') ?? 'default');
    return noContent();
  },

  'bridges.stopMoh': ({ world, args }) => {
    if (!world.bridgeSvc.stopMoh(findBridge(world, args.str('bridgeId')))) throw conflict("Bridge isn't playing music");
    return noContent();
  },

  'bridges.play': play,
  'bridges.playWithId': play,

  'bridges.record': ({ world, args }) => {
    const b = findBridge(world, args.str('bridgeId'));
    const maxDuration = args.int('maxDurationSeconds', 0);
    const maxSilence = args.int('maxSilenceSeconds', 0);
    if (maxDuration < 0) throw badRequest('max_duration_seconds cannot be negative');
    if (maxSilence < 0) throw badRequest('max_silence_seconds cannot be negative');
    const body = world.recordingSvc.start({ kind: 'bridge', b }, {
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

  'bridges.getBridgeVar': ({ world, args }) => {
    const name = args.text('variable');
    if (!name) throw badRequest('Variable name is required');
    const b = findBridge(world, args.str('bridgeId'));
    const value = b.vars.get(name);
    if (value === undefined) throw notFound('Provided variable was not found');
    return ok({ value });
  },

  'bridges.setBridgeVar': ({ world, args }) => {
    const name = args.text('variable');
    if (!name) throw badRequest('Variable name is required');
    findBridge(world, args.str('bridgeId')).vars.set(name, args.str('value') ?? '');
    return noContent();
  },

  'bridges.getBridgeVars': ({ world, args }) => {
    const names = args.list('variables');
    if (names.length === 0) throw badRequest('Missing variables parameter.');
    const b = findBridge(world, args.str('bridgeId'));
    const variables: Record<string, string> = {};
    for (const n of names) {
      const v = b.vars.get(n);
      if (v === undefined) throw notFound('Provided variable was not found');
      variables[n] = v;
    }
    return ok({ variables });
  },

  'bridges.setBridgeVars': ({ world, args }) => {
    const vars = args.container('variables');
    if (Object.keys(vars).length === 0) throw badRequest('Missing variables parameter.');
    const b = findBridge(world, args.str('bridgeId'));
    for (const [k, v] of Object.entries(vars)) b.vars.set(k, v);
    return noContent();
  },

  'bridges.setVideoSource': ({ world, args }) => {
    const b = findBridge(world, args.str('bridgeId'));
    const ch = world.channel(args.str('channelId') ?? '');
    if (!ch) throw notFound('Channel not found');
    if (ch.bridgeId !== b.id) throw unprocessable('Channel not in this Bridge');
    return noContent();
  },

  'bridges.clearVideoSource': ({ world, args }) => {
    findBridge(world, args.str('bridgeId'));
    return noContent();
  },
};
