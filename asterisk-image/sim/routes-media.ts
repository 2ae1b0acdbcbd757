// /ari/playbacks, /ari/recordings and /ari/sounds handlers.
import type { Handler } from './router.ts';
import { noContent, ok } from './router.ts';
import { badRequest, conflict, notFound } from './errors.ts';
import { playbackJson, recordingJson, type SimRecording } from './model.ts';
import type { World } from './world.ts';

const PLAYBACK_OPERATIONS = ['restart', 'pause', 'unpause', 'reverse', 'forward'];

function liveRecording(world: World, name: string | undefined): SimRecording {
  const r = name !== undefined ? world.liveRecordings.get(name) : undefined;
  if (!r) throw notFound('Recording not found');
  return r;
}

function recordingControl(op: 'pause' | 'unpause' | 'mute' | 'unmute'): Handler {
  return ({ world, args }) => {
    const r = liveRecording(world, args.str('recordingName'));
    if (!world.recordingSvc.control(r, op)) throw conflict('Recording not in session');
    return noContent();
  };
}

export const mediaHandlers: Record<string, Handler> = {
  'playbacks.get': ({ world, args }) => {
    const p = world.playbacks.get(args.str('playbackId') ?? '');
    if (!p) throw notFound('Playback not found');
    return ok(playbackJson(p));
  },

  'playbacks.stop': ({ world, args }) => {
    const p = world.playbacks.get(args.str('playbackId') ?? '');
    if (!p) throw notFound('Playback not found');
    world.playbackSvc.stop(p);
    return noContent();
  },

  'playbacks.control': ({ world, spec, args }) => {
    const op = args.text('operation');
    if (!op) throw badRequest('Missing operation');
    const allowed = spec.allowed('playbacks', 'control', 'operation') ?? PLAYBACK_OPERATIONS;
    if (!allowed.includes(op)) throw badRequest(`Invalid operation ${op}`);
    const p = world.playbacks.get(args.str('playbackId') ?? '');
    if (!p) throw notFound('Playback not found');
    const problem = world.playbackSvc.control(p, op);
    if (problem) throw conflict(problem);
    return noContent();
  },

  'recordings.listStored': ({ world }) => ok(world.recordingSvc.listStored()),

  'recordings.getStored': ({ world, args }) => {
    const found = world.recordingSvc.findStored(args.str('recordingName') ?? '');
    if (!found) throw notFound('Recording not found');
    return ok({ name: found.name, format: found.format });
  },

  'recordings.getStoredFile': ({ world, args }) => {
    const { data, format } = world.recordingSvc.readStored(args.str('recordingName') ?? '');
    const contentType = format.startsWith('wav') ? 'audio/wav' : 'application/octet-stream';
    return { status: 200, raw: data, contentType };
  },

  'recordings.deleteStored': ({ world, args }) => {
    world.recordingSvc.deleteStored(args.str('recordingName') ?? '');
    return noContent();
  },

  'recordings.copyStored': ({ world, args }) =>
    ok(world.recordingSvc.copyStored(args.str('recordingName') ?? '', args.text('destinationRecordingName'))),

  'recordings.getLive': ({ world, args }) => ok(recordingJson(liveRecording(world, args.str('recordingName')))),

  'recordings.stop': ({ world, args }) => {
    world.recordingSvc.stop(liveRecording(world, args.str('recordingName')));
    return noContent();
  },

  'recordings.cancel': ({ world, args }) => {
    world.recordingSvc.cancel(liveRecording(world, args.str('recordingName')));
    return noContent();
  },

  'recordings.pause': recordingControl('pause'),
  'recordings.unpause': recordingControl('unpause'),
  'recordings.mute': recordingControl('mute'),
  'recordings.unmute': recordingControl('unmute'),

  'sounds.list': ({ world, args }) => {
    const lang = args.text('lang');
    const format = args.text('format');
    return ok(
      world.sounds
        .list()
        .filter((s) => (!lang || s.formats.some((f) => f.language === lang)) && (!format || s.formats.some((f) => f.format === format))),
    );
  },

  'sounds.get': ({ world, args }) => {
    const info = world.sounds.info(args.str('soundId') ?? '');
    if (!info) throw notFound('Sound not found');
    return ok(info);
  },
};
