import type { ChannelInfo, TelephonyEvent } from '../../core/telephony.ts';

interface RawChannel {
  id: string;
  name?: string;
  state?: string;
  caller?: { number?: string; name?: string };
  dialplan?: { exten?: string; app_name?: string };
  creationtime?: string;
}

/** Asterisk writes `2026-11-27T13:53:36.885+0000`; Date.parse wants `+00:00`. */
export function parseAriTime(ts: string | undefined, fallback: number): number {
  if (!ts) return fallback;
  const iso = ts.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : fallback;
}

export function toChannelInfo(c: RawChannel, now: number): ChannelInfo {
  return {
    id: c.id,
    name: c.name ?? '',
    state: c.state ?? '',
    callerNumber: c.caller?.number ?? '',
    callerName: c.caller?.name ?? '',
    exten: c.dialplan?.exten ?? '',
    inStasis: c.dialplan?.app_name === 'Stasis',
    createdAt: parseAriTime(c.creationtime, now),
  };
}

/** ARI event JSON → the port's events; null for what the ACD does not need. */
export function normalizeEvent(e: Record<string, any>, now: number): TelephonyEvent | null {
  const at = parseAriTime(e.timestamp, now);
  const channelId: string | undefined = e.channel?.id;
  switch (e.type) {
    case 'StasisStart':
      return { type: 'stasis_start', channel: toChannelInfo(e.channel, now), args: e.args ?? [], at };
    case 'StasisEnd':
      return { type: 'stasis_end', channelId: channelId!, at };
    case 'ChannelStateChange':
      return { type: 'channel_state', channelId: channelId!, state: e.channel.state, at };
    case 'ChannelDtmfReceived':
      return { type: 'dtmf', channelId: channelId!, digit: String(e.digit), at };
    case 'Dial':
      return e.peer?.id ? { type: 'dial', channelId: e.peer.id, status: e.dialstatus ?? '', at } : null;
    case 'ChannelHangupRequest':
      return { type: 'hangup_request', channelId: channelId!, cause: e.cause ?? 0, soft: !!e.soft, at };
    case 'ChannelDestroyed':
      return { type: 'channel_destroyed', channelId: channelId!, cause: e.cause ?? 0, causeText: e.cause_txt ?? '', at };
    case 'PlaybackFinished': {
      const target: string = e.playback?.target_uri ?? '';
      return {
        type: 'playback_finished',
        playbackId: e.playback?.id,
        channelId: target.startsWith('channel:') ? target.slice(8) : null,
        ok: e.playback?.state === 'done',
        at,
      };
    }
    case 'RecordingFinished':
      return { type: 'recording_finished', name: e.recording?.name, durationSeconds: e.recording?.duration ?? null, at };
    case 'RecordingFailed':
      return { type: 'recording_failed', name: e.recording?.name, at };
    case 'ChannelHold':
      return { type: 'device_hold', channelId: channelId!, held: true, at };
    case 'ChannelUnhold':
      return { type: 'device_hold', channelId: channelId!, held: false, at };
    default:
      return null;
  }
}
