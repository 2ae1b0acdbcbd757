// /ari/asterisk, /ari/endpoints, /ari/deviceStates, /ari/applications and /ari/events.
import type { Handler, HandlerContext } from './router.ts';
import { noContent, ok } from './router.ts';
import { AriError, badRequest, conflict, notFound, notImplemented, unprocessable } from './errors.ts';
import { channelJson, bridgeJson } from './model.ts';
import type { World } from './world.ts';
import { endpointJson, endpointResources } from './endpoints.ts';

const ASTERISK_VERSION = '22.10.1';

const MODULES: Array<[string, string]> = [
  ['app_stasis.so', 'Stasis dialplan application'],
  ['chan_pjsip.so', 'PJSIP Channel Driver'],
  ['res_pjsip.so', 'Basic SIP resource'],
  ['res_ari.so', 'Asterisk RESTful Interface'],
  ['res_ari_applications.so', 'RESTful API module - Stasis application resources'],
  ['res_ari_asterisk.so', 'RESTful API module - Asterisk resources'],
  ['res_ari_bridges.so', 'RESTful API module - Bridge resources'],
  ['res_ari_channels.so', 'RESTful API module - Channel resources'],
  ['res_ari_device_states.so', 'RESTful API module - Device state resources'],
  ['res_ari_endpoints.so', 'RESTful API module - Endpoint resources'],
  ['res_ari_events.so', 'RESTful API module - WebSocket resource'],
  ['res_ari_playbacks.so', 'RESTful API module - Playback control resources'],
  ['res_ari_recordings.so', 'RESTful API module - Recording resources'],
  ['res_ari_sounds.so', 'RESTful API module - Sound resources'],
  ['res_musiconhold.so', 'Music On Hold Resource'],
  ['res_sorcery_astdb.so', 'Sorcery Astricon Database Object Wizard'],
  ['res_stasis.so', 'Stasis application support'],
  ['res_stasis_playback.so', 'Stasis application playback support'],
  ['res_stasis_recording.so', 'Stasis application recording support'],
  ['res_stasis_snoop.so', 'Stasis application snoop support'],
  ['chan_dahdi.so', 'DAHDI Telephony'],
];

function moduleJson(name: string, description: string): Record<string, unknown> {
  return { name, description, use_count: 0, status: 'Running', support_level: 'core' };
}

function deviceState(world: World, name: string): string {
  if (name.startsWith('Stasis:')) return world.deviceStates.get(name) ?? 'UNKNOWN';
  const phone = name.startsWith('PJSIP/') ? world.phones.get(name.slice(6)) : undefined;
  if (!phone) return 'UNKNOWN';
  if (!phone.online) return 'UNAVAILABLE';
  return phone.state === 'ringing' ? 'RINGING' : phone.state === 'talking' ? 'INUSE' : 'NOT_INUSE';
}

export function applicationJson(world: World, name: string): Record<string, unknown> {
  const app = world.hub.apps.get(name);
  const sources = [...(world.appSources.get(name) ?? [])];
  const channelIds = [...world.channels.values()]
    .filter((c) => !c.hidden && (c.originSubs.has(name) || c.explicitSubs.has(name) || c.stasis?.app === name))
    .map((c) => c.id)
    .sort();
  const bridgeIds = [...world.bridges.values()]
    .filter((b) => (b.subscribers.get(name) ?? 0) > 0 || b.explicitSubs.has(name))
    .map((b) => b.id);
  return {
    name,
    channel_ids: channelIds,
    bridge_ids: bridgeIds,
    endpoint_ids: sources.filter((s) => s.startsWith('endpoint:')).map((s) => s.slice(9)),
    device_names: sources.filter((s) => s.startsWith('deviceState:')).map((s) => s.slice(12)),
    events_allowed: app?.allowed ?? [],
    events_disallowed: app?.disallowed ?? [],
  };
}

function requireApp(world: World, name: string | undefined): string {
  if (!name || !world.hub.apps.has(name)) throw notFound('Application not found');
  return name;
}

/** Validates an event source URI; returns a function that (un)subscribes the app. */
function eventSource(world: World, source: string): { key: string; apply: (app: string, on: boolean) => boolean } {
  const colon = source.indexOf(':');
  const scheme = colon < 0 ? source : source.slice(0, colon);
  const id = colon < 0 ? '' : source.slice(colon + 1);
  switch (scheme) {
    case 'channel': {
      const ch = world.channel(id);
      if (!ch) throw unprocessable('Event source does not exist');
      return { key: source, apply: (app, on) => toggle(ch.explicitSubs, app, on) };
    }
    case 'bridge': {
      const b = world.bridges.get(id);
      if (!b) throw unprocessable('Event source does not exist');
      return { key: source, apply: (app, on) => toggle(b.explicitSubs, app, on) };
    }
    case 'endpoint':
    case 'deviceState':
      if (!id) throw unprocessable('Event source does not exist');
      return {
        key: source,
        apply: (app, on) => {
          let set = world.appSources.get(app);
          if (!set) world.appSources.set(app, (set = new Set()));
          return toggle(set, source, on);
        },
      };
    default:
      throw badRequest(`Invalid scheme: ${scheme}`);
  }
}

function toggle(set: Set<string>, value: string, on: boolean): boolean {
  if (on) {
    set.add(value);
    return true;
  }
  return set.delete(value);
}

function subscription(on: boolean): Handler {
  return ({ world, args }: HandlerContext) => {
    const app = requireApp(world, args.str('applicationName'));
    const sources = args.list('eventSource');
    if (sources.length === 0) throw badRequest('Missing parameter eventSource');
    const parsed = sources.map((s) => eventSource(world, s));
    for (const s of parsed) {
      if (!s.apply(app, on) && !on) throw conflict('Application not subscribed to event source');
    }
    return ok(applicationJson(world, app));
  };
}

function configHandler(kind: 'get' | 'put' | 'delete'): Handler {
  return ({ world, args }) => {
    const cls = args.str('configClass') ?? '';
    const type = args.str('objectType') ?? '';
    const id = args.str('id') ?? '';
    if (kind === 'get') return ok(world.pjsip.get(cls, type, id));
    if (kind === 'delete') {
      world.pjsip.delete(cls, type, id);
      world.activity('pjsip-config-delete', { type, id });
      return noContent();
    }
    const tuples = world.pjsip.put(cls, type, id, args.body);
    world.activity('pjsip-config-put', { type, id });
    return ok(tuples);
  };
}

export const systemHandlers: Record<string, Handler> = {
  'asterisk.getInfo': ({ world, args }) => {
    const only = args.list('only').map((s) => s.toLowerCase());
    const all = only.length === 0;
    const body: Record<string, unknown> = {};
    const started = world.clock.timestamp(world.clock.now() - process.uptime() * 1000);
    if (all || only.includes('build')) body.build = { os: 'Linux', kernel: '6.1.0', machine: 'x86_64', options: 'BUILD_NATIVE, OPTIONAL_API', date: '2026-06-25 00:00:00 UTC', user: 'edgecall' };
    if (all || only.includes('system')) body.system = { version: ASTERISK_VERSION, entity_id: world.hub.asteriskId };
    if (all || only.includes('config')) body.config = { name: '', default_language: 'en', setid: { user: 'asterisk', group: 'asterisk' } };
    if (all || only.includes('status')) body.status = { startup_time: started, last_reload_time: started };
    return ok(body);
  },

  'asterisk.ping': ({ world }) => ok({ ping: 'pong', timestamp: world.clock.timestamp(), asterisk_id: world.hub.asteriskId }),

  'asterisk.listModules': ({ world }) => ok(MODULES.filter(([n]) => !world.unloadedModules.has(n)).map(([n, d]) => moduleJson(n, d))),

  'asterisk.getModule': ({ world, args }) => {
    const m = MODULES.find(([n]) => n === args.str('moduleName') && !world.unloadedModules.has(n));
    if (!m) throw notFound('Module could not be found in running modules');
    return ok(moduleJson(m[0], m[1]));
  },

  'asterisk.loadModule': ({ world, args }) => {
    const name = args.str('moduleName') ?? '';
    const known = MODULES.some(([n]) => n === name);
    if (known && !world.unloadedModules.has(name)) throw conflict('Module is already loaded');
    if (!known) throw conflict('Module could not be loaded properly');
    world.unloadedModules.delete(name);
    return noContent();
  },

  'asterisk.unloadModule': ({ world, args }) => {
    const name = args.str('moduleName') ?? '';
    if (!MODULES.some(([n]) => n === name) || world.unloadedModules.has(name)) throw notFound('Module not found in running modules');
    // The simulator's behaviour does not depend on modules; core ARI ones stay loaded.
    if (name.startsWith('res_ari') || name.startsWith('res_stasis') || name === 'app_stasis.so') throw conflict('Module could not be unloaded');
    world.unloadedModules.add(name);
    return noContent();
  },

  'asterisk.reloadModule': ({ world, args }) => {
    const name = args.str('moduleName') ?? '';
    if (!MODULES.some(([n]) => n === name) || world.unloadedModules.has(name)) throw notFound('Module not found in running modules');
    return noContent();
  },

  'asterisk.listLogChannels': () => ok([{ channel: '/var/log/asterisk/messages', type: 'File', status: 'Enabled', configuration: ' NOTICE WARNING ERROR' }]),
  'asterisk.addLog': ({ args }) => {
    if (!args.text('configuration')) throw badRequest('Configuration levels are required');
    return noContent();
  },
  'asterisk.deleteLog': () => {
    throw notFound('Log channel does not exist');
  },
  'asterisk.rotateLog': () => {
    throw notFound('Log channel does not exist');
  },

  'asterisk.getGlobalVar': ({ world, args }) => {
    const name = args.text('variable');
    if (!name) throw badRequest('Variable name is required');
    return ok({ value: world.globalVars.get(name) ?? '' });
  },

  'asterisk.setGlobalVar': ({ world, args }) => {
    const name = args.text('variable');
    if (!name) throw badRequest('Variable name is required');
    world.globalVars.set(name, args.str('value') ?? '');
    return noContent();
  },

  'asterisk.getObject': configHandler('get'),
  'asterisk.updateObject': configHandler('put'),
  'asterisk.deleteObject': configHandler('delete'),

  'endpoints.list': ({ world }) => ok(endpointResources(world).map((r) => endpointJson(world, r))),

  'endpoints.listByTech': ({ world, args }) => {
    const tech = args.str('tech') ?? '';
    if (tech.toLowerCase() === 'pjsip') return ok(endpointResources(world).map((r) => endpointJson(world, r)));
    if (['local', 'snoop', 'dahdi', 'announcer', 'recorder'].includes(tech.toLowerCase())) return ok([]);
    throw notFound(`No Endpoints found - invalid tech ${tech}`);
  },

  'endpoints.get': ({ world, args }) => {
    const tech = args.str('tech') ?? '';
    const resource = args.str('resource') ?? '';
    if (tech.toLowerCase() !== 'pjsip' || !endpointResources(world).includes(resource)) throw notFound('Endpoint not found');
    return ok(endpointJson(world, resource));
  },

  'endpoints.sendMessage': () => {
    throw notImplemented('Sending messages');
  },
  'endpoints.sendMessageToEndpoint': () => {
    throw notImplemented('Sending messages');
  },
  'endpoints.refer': () => {
    throw notImplemented('REFER');
  },
  'endpoints.referToEndpoint': () => {
    throw notImplemented('REFER');
  },

  'deviceStates.list': ({ world }) => {
    const names = new Set([...world.deviceStates.keys(), ...world.phones.all().map((p) => `PJSIP/${p.number}`)]);
    return ok([...names].sort().map((name) => ({ name, state: deviceState(world, name) })));
  },

  'deviceStates.get': ({ world, args }) => {
    const name = args.str('deviceName') ?? '';
    return ok({ name, state: deviceState(world, name) });
  },

  'deviceStates.update': ({ world, spec, args }) => {
    const name = args.str('deviceName') ?? '';
    if (!name.startsWith('Stasis:')) throw conflict('Uncontrolled device specified');
    if (name.length === 7) throw notFound('Device name is missing');
    const state = args.text('deviceState') ?? '';
    const allowed = spec.allowed('deviceStates', 'update', 'deviceState') ?? [];
    if (!allowed.includes(state)) throw new AriError(500, 'Unknown device');
    world.deviceStates.set(name, state);
    const apps = [...world.hub.apps.keys()].filter((a) => world.appSources.get(a)?.has(`deviceState:${name}`));
    world.emitTo(new Set([...apps, ...world.hub.subscribeAllApps()]), 'DeviceStateChanged', { device_state: { name, state } });
    return noContent();
  },

  'deviceStates.delete': ({ world, args }) => {
    const name = args.str('deviceName') ?? '';
    if (!name.startsWith('Stasis:')) throw conflict('Uncontrolled device specified');
    if (!world.deviceStates.delete(name)) throw notFound('Device name is missing');
    return noContent();
  },

  'applications.list': ({ world }) => ok([...world.hub.apps.keys()].sort().map((n) => applicationJson(world, n))),
  'applications.get': ({ world, args }) => ok(applicationJson(world, requireApp(world, args.str('applicationName')))),
  'applications.subscribe': subscription(true),
  'applications.unsubscribe': subscription(false),

  'applications.filter': ({ world, args }) => {
    const name = requireApp(world, args.str('applicationName'));
    const body = args.bodyObject() ?? {};
    const app = world.hub.apps.get(name)!;
    const lists = ['allowed', 'disallowed'] as const;
    for (const key of lists) {
      const v = body[key];
      if (v !== undefined && !Array.isArray(v)) throw badRequest('Invalid format definition for event filter');
    }
    app.allowed = Array.isArray(body.allowed) ? (body.allowed as Array<{ type?: string }>) : [];
    app.disallowed = Array.isArray(body.disallowed) ? (body.disallowed as Array<{ type?: string }>) : [];
    return ok(applicationJson(world, name));
  },

  'events.userEvent': ({ world, args }) => {
    const app = args.text('application');
    if (!app) throw badRequest('Missing parameter application');
    requireApp(world, app);
    const payload: Record<string, unknown> = { eventname: args.str('eventName') ?? '' };
    for (const source of args.list('source')) {
      const [scheme, id = ''] = [source.slice(0, source.indexOf(':')), source.slice(source.indexOf(':') + 1)];
      if (scheme === 'channel') {
        const ch = world.channel(id);
        if (!ch) throw unprocessable('Event source not found');
        payload.channel = channelJson(ch);
      } else if (scheme === 'bridge') {
        const b = world.bridges.get(id);
        if (!b) throw unprocessable('Event source not found');
        payload.bridge = bridgeJson(b);
      } else if (scheme === 'endpoint') {
        const resource = id.replace(/^PJSIP\//i, '');
        if (!endpointResources(world).includes(resource)) throw unprocessable('Event source not found');
        payload.endpoint = endpointJson(world, resource);
      } else if (scheme !== 'deviceState') {
        throw badRequest('Invalid event source URI scheme');
      }
    }
    payload.userevent = args.container('variables');
    world.hub.send(app, 'ChannelUserevent', payload);
    return noContent();
  },

  'events.claimChannel': () => {
    throw notFound('Channel not found or not in broadcast state.');
  },
};
