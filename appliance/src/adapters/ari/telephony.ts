import type { BridgeInfo, ChannelInfo, Telephony } from '../../core/telephony.ts';
import type { AriLink } from './link.ts';
import { toChannelInfo } from './events.ts';
import { withTimeout } from './errors.ts';

/** The Telephony port over ari-client's generated REST API; every call has a timeout. */
export function createAriTelephony(link: AriLink, opts: { app: string; requestTimeoutMs?: number }): Telephony {
  const ms = opts.requestTimeoutMs ?? 5000;
  const call = <T = unknown>(resource: string, op: string, params: Record<string, unknown>): Promise<T> =>
    withTimeout(
      new Promise<T>((resolve, reject) => {
        try {
          (link.client()[resource][op](params) as Promise<T>).then(resolve, reject);
        } catch (e) {
          reject(e);
        }
      }),
      ms,
      `${resource}.${op}`,
    );
  const v = async (p: Promise<unknown>) => void (await p);

  return {
    answer: (channelId) => v(call('channels', 'answer', { channelId })),
    ring: (channelId) => v(call('channels', 'ring', { channelId })),
    hangup: (channelId, reason) => v(call('channels', 'hangup', { channelId, ...(reason ? { reason } : {}) })),
    play: (channelId, media, playbackId) => v(call('channels', 'play', { channelId, media, playbackId })),
    stopPlayback: (playbackId) => v(call('playbacks', 'stop', { playbackId })),
    createBridge: (bridgeId, type, name) => v(call('bridges', 'create', { bridgeId, type, name })),
    destroyBridge: (bridgeId) => v(call('bridges', 'destroy', { bridgeId })),
    addToBridge: (bridgeId, channelIds, role) =>
      v(call('bridges', 'addChannel', { bridgeId, channel: channelIds.join(','), ...(role ? { role } : {}) })),
    removeFromBridge: (bridgeId, channelId) => v(call('bridges', 'removeChannel', { bridgeId, channel: channelId })),
    startBridgeMoh: (bridgeId, mohClass = 'default') => v(call('bridges', 'startMoh', { bridgeId, mohClass })),
    stopBridgeMoh: (bridgeId) => v(call('bridges', 'stopMoh', { bridgeId })),
    startMoh: (channelId, mohClass = 'default') => v(call('channels', 'startMoh', { channelId, mohClass })),
    stopMoh: (channelId) => v(call('channels', 'stopMoh', { channelId })),
    hold: (channelId) => v(call('channels', 'hold', { channelId })),
    unhold: (channelId) => v(call('channels', 'unhold', { channelId })),
    originate: (r) =>
      v(
        call('channels', 'originate', {
          endpoint: r.endpoint,
          channelId: r.channelId,
          ...(r.otherChannelId ? { otherChannelId: r.otherChannelId } : {}),
          app: opts.app,
          appArgs: r.appArgs,
          ...(r.callerId ? { callerId: r.callerId } : {}),
          timeout: r.timeoutSeconds,
          ...(r.variables ? { variables: r.variables } : {}),
        }),
      ),
    recordBridge: (bridgeId, name) => v(call('bridges', 'record', { bridgeId, name, format: 'wav', ifExists: 'overwrite' })),
    stopRecording: (recordingName) => v(call('recordings', 'stop', { recordingName })),
    snoop: (r) => v(call('channels', 'snoopChannel', { channelId: r.channelId, snoopId: r.snoopId, spy: r.spy, whisper: r.whisper, app: opts.app, appArgs: r.appArgs })),
    async listChannels(): Promise<ChannelInfo[]> {
      const list = await call<Record<string, any>[]>('channels', 'list', {});
      return list.map((c) => toChannelInfo(c as never, Date.now()));
    },
    async listBridges(): Promise<BridgeInfo[]> {
      const list = await call<Record<string, any>[]>('bridges', 'list', {});
      return list.map((b) => ({ id: b.id, type: String(b.bridge_type ?? '').includes('holding') ? 'holding' : 'mixing', channelIds: b.channels ?? [] }));
    },
    async appChannelIds(): Promise<string[]> {
      const app = await call<{ channel_ids?: string[] }>('applications', 'get', { applicationName: opts.app });
      return app.channel_ids ?? [];
    },
    async storedRecording(name) {
      const res = await link.getRaw(`/recordings/stored/${encodeURIComponent(name)}/file`);
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw { status: res.status >= 500 ? 503 : res.status, message: `ARI answered ${res.status} for recording ${name}` };
      }
      const length = Number(res.headers.get('content-length'));
      return {
        contentType: res.headers.get('content-type') ?? 'application/octet-stream',
        length: Number.isFinite(length) && length > 0 ? length : null,
        body: res.body as unknown as AsyncIterable<Uint8Array>,
      };
    },
    putConfigObject: (o) => v(call('asterisk', 'updateObject', { configClass: 'res_pjsip', objectType: o.type, id: o.id, fields: o.fields })),
    async deleteConfigObject(objectType, id) {
      try {
        await call('asterisk', 'deleteObject', { configClass: 'res_pjsip', objectType, id });
      } catch (e) {
        if ((e as { status?: number }).status !== 404) throw e;
      }
    },
    async soundExists(name) {
      // ARI takes the id as one path segment; a `digits/1` cannot be asked reliably.
      if (name.includes('/')) return null;
      const res = await link.getRaw(`/sounds/${encodeURIComponent(name)}`);
      await res.body?.cancel();
      return res.status === 404 ? false : res.ok ? true : null;
    },
  };
}
