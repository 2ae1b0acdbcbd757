// EdgeCall's ARI simulator: a stand-in for Asterisk 22.10.1's ARI (REST + events WebSocket)
// with a simulated telephony world behind it. See README.md in this folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SimClock } from './clock.ts';
import { IdFactory } from './ids.ts';
import { AriSpec } from './spec.ts';
import { EventGuard } from './event-guard.ts';
import { History } from './history.ts';
import { EventHub } from './event-hub.ts';
import { World, type LogFn } from './world.ts';
import { Router, type Handler } from './router.ts';
import { AriHttpServer } from './http-server.ts';
import { SimControl } from './control.ts';
import { channelHandlers } from './routes-channels.ts';
import { bridgeHandlers } from './routes-bridges.ts';
import { mediaHandlers } from './routes-media.ts';
import { systemHandlers } from './routes-system.ts';

export type { SimControl, SimSnapshot } from './control.ts';
export type { Phone, PhoneBehaviour, PhoneOptions, RingInfo } from './phones.ts';
export type { InboundCall, InboundCallOptions, CallEnd } from './inbound.ts';
export type { HistoryEntry, HistoryKind } from './history.ts';
export { startTraffic, planCalls, type TrafficRun, type TrafficStats, type PlannedCall } from './traffic.ts';
export { parseScenario, loadScenario, demoScenario, ScenarioError, type TrafficScenario } from './scenario.ts';
export type { Distribution } from './random.ts';

export interface AriSimulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  username?: string;
  password?: string;
  /** Recordings go to <dataDir>/recording, extra sounds are read from <dataDir>/sounds.
   *  Default: a fresh temporary directory that stop() removes. */
  dataDir?: string;
  /** Real time per simulated time: 0.05 plays a 2 s prompt in 100 ms (default 1). */
  timeScale?: number;
  /** Entity id in `asterisk_id` of every event (default 02:fc:00:00:00:01, as recorded). */
  asteriskId?: string;
  log?: LogFn;
  /** Stasis app that inbound calls enter (default `edgecall`). */
  inboundApp?: string;
  /** Dialplan context of inbound calls (default `edgecall-inbound`). */
  inboundContext?: string;
  /** Contexts where Local/<number>@<context> reaches phones (default [`edgecall-agent`]). */
  agentContexts?: string[];
  /** Context the customer half of an inbound call runs (default `edgecall-customer`). */
  customerContext?: string;
  /** Extra built-in sounds: name -> duration in simulated ms. */
  sounds?: Record<string, number>;
  /** What recordings contain: tones per party (default) or silence. */
  recordingAudio?: 'tone' | 'silence';
  /** Entries kept by control.history() (default 20000). */
  historyLimit?: number;
}

export interface AriSimulator {
  /** `http://<host>:<port>`: what ari-client's connect() takes. */
  url: string;
  /** `http://<host>:<port>/ari`. */
  ariUrl: string;
  host: string;
  port: number;
  username: string;
  password: string;
  dataDir: string;
  control: SimControl;
  stop(): Promise<void>;
}

export async function startAriSimulator(options: AriSimulatorOptions = {}): Promise<AriSimulator> {
  const log: LogFn = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? 'asterisk';
  const password = options.password ?? 'asterisk';
  const ownsDataDir = !options.dataDir;
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'edgecall-ari-sim-')));
  mkdirSync(join(dataDir, 'recording'), { recursive: true });
  mkdirSync(join(dataDir, 'sounds'), { recursive: true });

  const clock = new SimClock(options.timeScale ?? 1, (err) => log('error', `simulator timer failed: ${err instanceof Error ? err.stack : String(err)}`));
  const spec = new AriSpec();
  const history = new History(options.historyLimit ?? 20_000);
  const hub = new EventHub(clock, new EventGuard(spec), history, options.asteriskId ?? '02:fc:00:00:00:01', log);
  const world = new World(clock, new IdFactory(clock), hub, history, {
    inboundApp: options.inboundApp ?? 'edgecall',
    inboundContext: options.inboundContext ?? 'edgecall-inbound',
    agentContexts: [...(options.agentContexts ?? ['edgecall-agent'])],
    customerContext: options.customerContext ?? 'edgecall-customer',
    dataDir,
    extraSounds: options.sounds ?? {},
    recordingAudio: options.recordingAudio ?? 'tone',
  }, log);
  const handlers: Record<string, Handler> = { ...channelHandlers, ...bridgeHandlers, ...mediaHandlers, ...systemHandlers };
  const http = new AriHttpServer({ world, hub, spec, router: new Router(spec), history, handlers, username, password, log });
  const addr = await http.listen(host, options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${addr.port}`;
  log('info', `ARI simulator listening on ${url}/ari`);

  let stopped = false;
  return {
    url,
    ariUrl: `${url}/ari`,
    host,
    port: addr.port,
    username,
    password,
    dataDir,
    control: new SimControl(world, history, http),
    async stop() {
      if (stopped) return;
      stopped = true;
      clock.stop();
      world.shutdown();
      await http.close();
      history.removeAllListeners();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
