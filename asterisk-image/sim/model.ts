// The simulator's world objects and their ARI JSON shapes.
//
// Field order of the JSON snapshots follows what Asterisk 22.10.1 sends (see samples/):
// clients do not care, but diffs against recordings stay readable.
import type { TimerHandle } from './clock.ts';

export interface CallerId {
  name: string;
  number: string;
}

export interface DialplanLoc {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

export type ChannelTech = 'Local' | 'PJSIP' | 'Snoop' | 'Announcer' | 'Recorder';

/** How the far end of a channel behaves; set by the dialer for phones and customers. */
export type FarEnd =
  | { kind: 'none' }
  | { kind: 'phone'; number: string }
  | { kind: 'customer'; callId: string };

export interface SimChannel {
  id: string;
  name: string;
  tech: ChannelTech;
  state: string;
  protocolId: string;
  caller: CallerId;
  connected: CallerId;
  dialplan: DialplanLoc;
  creationtime: string;
  language: string;
  vars: Map<string, string>;
  /** Variables set with report_events=true: shown in `channelvars` of every snapshot. */
  reportedVars: Set<string>;
  /** The other half of a Local pair. */
  peer?: SimChannel;
  half?: 1 | 2;
  /** Hidden bridge helpers (MOH announcer, bridge recorder) never reach apps or GET /channels. */
  hidden: boolean;
  /** Apps subscribed because the channel was originated/created with `app` (until destroyed). */
  originSubs: Set<string>;
  /** Apps subscribed through applications/subscribe. */
  explicitSubs: Set<string>;
  /** Stasis state: app and args while the channel is inside Stasis(). */
  stasis?: { app: string; args: string[] };
  /** Dialplan location to show once Stasis ends (AppDial2 for dialed channels). */
  afterStasis?: DialplanLoc;
  /** True while a dialplan (PBX) thread runs the channel; affects hangup event sequences. */
  pbx: boolean;
  bridgeId?: string;
  farEnd: FarEnd;
  mutedDirections: Set<string>;
  heldByAri: boolean;
  heldByDevice: boolean;
  mohClass?: string;
  silence: boolean;
  snoopOf?: string;
  snoopWhisper?: string;
  snoops: Set<string>;
  timers: Set<TimerHandle>;
  hangingUp: boolean;
  destroyed: boolean;
  /** Created by POST /channels/create and not dialed yet: holds the dial string. */
  pendingDial?: string;
  /** Extra info the dialer keeps while an originate is in progress. */
  dial?: { dialstring: string; status: string };
  /** Connected-line-driven dialplan steps still to announce on a Local `;2` phone half. */
  pendingAfterAnswer?: Array<[string, string]>;
  /** Local `;2` phone half: false until its caller id followed the `;1` connected line once. */
  callerSynced?: boolean;
  callerSyncScheduled?: boolean;
}

export interface SimBridge {
  id: string;
  name: string;
  bridgeType: 'mixing' | 'holding';
  technology: string;
  creationtime: string;
  /** Members in join order, hidden helper channels included. */
  members: SimChannel[];
  /** App -> number of its channels that entered and did not leave by removal or move. */
  subscribers: Map<string, number>;
  explicitSubs: Set<string>;
  mohClass?: string;
  mohAnnouncer?: SimChannel;
  vars: Map<string, string>;
}

export interface SimPlayback {
  id: string;
  media: string[];
  index: number;
  language: string;
  targetUri: string;
  target: { kind: 'channel' | 'bridge'; id: string };
  state: 'queued' | 'playing' | 'continuing' | 'done' | 'failed';
  /** Simulated ms left of the current media item, and when it (re)started. */
  remainingMs: number;
  startedAt: number;
  paused: boolean;
  skipMs: number;
  timer?: TimerHandle;
  /** Unknown media scheme: started, never finishes (observed on Asterisk 22.10.1). */
  stuck: boolean;
}

export interface SimRecording {
  name: string;
  format: string;
  targetUri: string;
  target: { kind: 'channel' | 'bridge'; id: string };
  state: 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';
  startedAt: number;
  /** Simulated ms recorded before the current (un)pause segment. */
  accumulatedMs: number;
  muted: boolean;
  ifExists: string;
  terminateOn: string;
  maxDurationTimer?: TimerHandle;
  recorder?: SimChannel;
  tones: number[];
  durationSec?: number;
}

export const NO_CALLER: CallerId = { name: '', number: '' };

export function channelJson(ch: SimChannel): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: ch.id,
    name: ch.name,
    state: ch.state,
    protocol_id: ch.protocolId,
    caller: { ...ch.caller },
    connected: { ...ch.connected },
    accountcode: '',
    dialplan: { ...ch.dialplan },
    creationtime: ch.creationtime,
    language: ch.language,
  };
  if (ch.reportedVars.size > 0) {
    json.channelvars = Object.fromEntries([...ch.reportedVars].map((n) => [n, ch.vars.get(n) ?? '']));
  }
  return json;
}

export function bridgeJson(b: SimBridge): Record<string, unknown> {
  return {
    id: b.id,
    technology: b.technology,
    bridge_type: b.bridgeType,
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: b.name,
    channels: b.members.filter((m) => !m.hidden).map((m) => m.id).sort(),
    creationtime: b.creationtime,
    video_mode: 'talker',
  };
}

export function playbackJson(p: SimPlayback): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: p.id,
    media_uri: p.media[Math.min(p.index, p.media.length - 1)],
    target_uri: p.targetUri,
    language: p.language,
    state: p.state,
  };
  const next = p.media[p.index + 1];
  if (next !== undefined && p.state !== 'done' && p.state !== 'failed') json.next_media_uri = next;
  return json;
}

export function recordingJson(r: SimRecording): Record<string, unknown> {
  const json: Record<string, unknown> = {
    name: r.name,
    format: r.format,
    state: r.state,
    target_uri: r.targetUri,
  };
  if (r.durationSec !== undefined) json.duration = r.durationSec;
  return json;
}

/** `ast_cause2str` texts for the causes the simulator produces. */
const CAUSE_TEXT: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  3: 'No route to destination',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  27: 'Destination out of order',
  28: 'Invalid number format (addr incomplete)',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  41: 'Temporary failure',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

export function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown';
}

/** Dial status Asterisk derives from a hangup cause (`ast_hangup_cause_to_dial_status`). */
export function dialStatusForCause(cause: number): string {
  if (cause === 17) return 'BUSY';
  if (cause === 34) return 'CONGESTION';
  if (cause === 3 || cause === 20) return 'CHANUNAVAIL';
  return 'NOANSWER';
}

/**
 * Parses `"Name" <number>`, `Name <number>` or a bare number the way ast_callerid_parse
 * does for originate's callerId, including number shrinking (spaces, dashes, dots, parens).
 */
export function parseCallerId(text: string | undefined): CallerId {
  if (!text) return { ...NO_CALLER };
  const m = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(text);
  let name: string;
  let number: string;
  if (m) {
    name = (m[1] ?? m[2] ?? '').trim();
    number = m[3].trim();
  } else if (/^[\s\d+*#().-]+$/.test(text)) {
    name = '';
    number = text.trim();
  } else {
    name = text.trim();
    number = '';
  }
  if (/^[\d+*#().\s-]+$/.test(number)) number = number.replace(/[().\s-]/g, '');
  return { name, number };
}
