/**
 * The Telephony port: what the ACD asks of the PBX, and the events it hears.
 * The ARI adapter implements it; the ACD never sees ari-client or ARI JSON.
 */

export interface ChannelInfo {
  id: string;
  name: string;
  state: string;
  callerNumber: string;
  callerName: string;
  /** The dialled extension (DID) from the channel's dialplan location. */
  exten: string;
  /** Stasis app arguments when the channel is in our app ("inbound", DID). */
  inStasis: boolean;
  createdAt: number;
}

export interface BridgeInfo {
  id: string;
  type: 'holding' | 'mixing';
  channelIds: string[];
}

export type TelephonyEvent =
  | { type: 'stasis_start'; channel: ChannelInfo; args: string[]; at: number }
  | { type: 'stasis_end'; channelId: string; at: number }
  | { type: 'channel_state'; channelId: string; state: string; at: number }
  | { type: 'dtmf'; channelId: string; digit: string; at: number }
  | { type: 'dial'; channelId: string; status: string; at: number }
  | { type: 'hangup_request'; channelId: string; cause: number; soft: boolean; at: number }
  | { type: 'channel_destroyed'; channelId: string; cause: number; causeText: string; at: number }
  | { type: 'playback_finished'; playbackId: string; channelId: string | null; ok: boolean; at: number }
  | { type: 'recording_finished'; name: string; durationSeconds: number | null; at: number }
  | { type: 'recording_failed'; name: string; at: number }
  | { type: 'device_hold'; channelId: string; held: boolean; at: number };

export interface TelephonyError {
  status: number;
  message: string;
}

export interface OriginateRequest {
  endpoint: string;
  channelId: string;
  otherChannelId?: string;
  appArgs: string;
  callerId?: string;
  timeoutSeconds: number;
  variables?: Record<string, string>;
}

export interface SnoopRequest {
  channelId: string;
  snoopId: string;
  spy: 'none' | 'both' | 'out' | 'in';
  whisper: 'none' | 'both' | 'out' | 'in';
  appArgs: string;
}

/** A recording the PBX has stored, as a byte stream (it can be long: never buffered whole). */
export interface StoredRecording {
  contentType: string;
  /** Bytes, when the PBX says. */
  length: number | null;
  body: AsyncIterable<Uint8Array>;
}

/** One res_pjsip object of the PBX's dynamic configuration (ARI `/asterisk/config/dynamic/res_pjsip/{type}/{id}`). */
export interface PbxConfigObject {
  type: 'auth' | 'aor' | 'endpoint';
  id: string;
  fields: { attribute: string; value: string }[];
}

export interface Telephony {
  answer(channelId: string): Promise<void>;
  ring(channelId: string): Promise<void>;
  hangup(channelId: string, reason?: 'normal' | 'busy' | 'congestion' | 'no_answer'): Promise<void>;
  play(channelId: string, media: string, playbackId: string): Promise<void>;
  stopPlayback(playbackId: string): Promise<void>;
  createBridge(bridgeId: string, type: 'holding' | 'mixing', name: string): Promise<void>;
  destroyBridge(bridgeId: string): Promise<void>;
  addToBridge(bridgeId: string, channelIds: string[], role?: string): Promise<void>;
  removeFromBridge(bridgeId: string, channelId: string): Promise<void>;
  startBridgeMoh(bridgeId: string, mohClass?: string): Promise<void>;
  stopBridgeMoh(bridgeId: string): Promise<void>;
  startMoh(channelId: string, mohClass?: string): Promise<void>;
  stopMoh(channelId: string): Promise<void>;
  hold(channelId: string): Promise<void>;
  unhold(channelId: string): Promise<void>;
  originate(req: OriginateRequest): Promise<void>;
  recordBridge(bridgeId: string, name: string): Promise<void>;
  stopRecording(name: string): Promise<void>;
  snoop(req: SnoopRequest): Promise<void>;
  listChannels(): Promise<ChannelInfo[]>;
  listBridges(): Promise<BridgeInfo[]>;
  /** Channel ids our Stasis app holds now (ARI `GET /applications/{app}`). */
  appChannelIds(): Promise<string[]>;
  /** A stored recording's file (ARI `GET /recordings/stored/{name}/file`); null when the PBX has none by that name. */
  storedRecording(name: string): Promise<StoredRecording | null>;
  /** Does the PBX have this sound (ARI `GET /sounds/{id}`)? null when it cannot say (a name in a folder). */
  soundExists(name: string): Promise<boolean | null>;
  /** Creates or replaces a PJSIP object (ARI `PUT /asterisk/config/dynamic/res_pjsip/...`); the PBX keeps it in astdb. */
  putConfigObject(obj: PbxConfigObject): Promise<void>;
  /** Deletes one; an object the PBX does not have counts as deleted. */
  deleteConfigObject(type: PbxConfigObject['type'], id: string): Promise<void>;
}

export interface TelephonyLink {
  /** Called after every (re)connect, before new events: the ACD resynchronises. */
  onConnected(handler: () => Promise<void> | void): void;
  onDisconnected(handler: () => void): void;
  onEvent(handler: (event: TelephonyEvent) => void): void;
  state(): 'connecting' | 'connected' | 'down';
}

export function isTelephonyError(e: unknown): e is TelephonyError {
  return !!e && typeof e === 'object' && 'status' in e && 'message' in e && typeof (e as TelephonyError).status === 'number';
}
