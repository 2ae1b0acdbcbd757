// PJSIP endpoints as ARI shows them: configured through config/dynamic and/or registered as
// phones. Apps subscribed to `endpoint:PJSIP[/<resource>]` hear EndpointStateChange when a
// phone comes online or goes away and when channels on the endpoint come and go (Asterisk
// reports channel_ids changes the same way).
import type { World } from './world.ts';

export function endpointResources(world: World): string[] {
  return [...new Set([...world.pjsip.endpointIds(), ...world.phones.all().map((p) => p.number)])].sort();
}

export function endpointState(world: World, resource: string): string {
  const phone = world.phones.get(resource);
  if (phone) return phone.online ? 'online' : 'offline';
  return world.pjsip.hasContact(resource) ? 'online' : 'offline';
}

export function endpointJson(world: World, resource: string): Record<string, unknown> {
  const channelIds = [...world.channels.values()]
    .filter((c) => !c.hidden && !c.destroyed && c.name.startsWith(`PJSIP/${resource}-`))
    .map((c) => c.id);
  return { technology: 'PJSIP', resource, state: endpointState(world, resource), channel_ids: channelIds };
}

export function endpointChanged(world: World, resource: string): void {
  if (!endpointResources(world).includes(resource)) return;
  const apps = new Set(world.hub.subscribeAllApps());
  for (const [app, sources] of world.appSources) {
    if (sources.has(`endpoint:PJSIP/${resource}`) || sources.has('endpoint:PJSIP')) apps.add(app);
  }
  if (apps.size > 0) world.emitTo(apps, 'EndpointStateChange', { endpoint: endpointJson(world, resource) });
}

/** The endpoint resource of a PJSIP channel name (`PJSIP/1001-0000000a` -> `1001`). */
export function endpointOfChannel(name: string): string | undefined {
  const m = /^PJSIP\/(.+)-[0-9a-f]{8}$/.exec(name);
  return m?.[1];
}
