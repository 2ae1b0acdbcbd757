// Compares two ARI event streams (a recording from samples/ and what the simulator sent)
// the way samples/README.md says they may differ, and no more:
// - ids, timestamps and generated names are replaced by roles (`Local/answer@edgecall-agent;1`,
//   `Snoop/<role>`, bridges by name, playbacks/recordings by order);
// - events about a channel after its ChannelDestroyed are ignored ("A channel's
//   ChannelCallerId can follow its ChannelDestroyed");
// - events of *different* objects may interleave differently ("Events are not always in
//   causal order", "An originate's 200 can come after its events"), so the comparison asks
//   for the same multiset of events, the same order per object, and a bounded displacement;
// - BRIDGEPEER lists are compared as sets, RTPAUDIOQOS values and recording durations by type.
export type Ev = Record<string, any>;

export interface FlowDiff {
  ok: boolean;
  missing: string[];
  extra: string[];
  orderProblems: string[];
  displaced: string[];
  expected: string[];
  actual: string[];
}

interface Canon {
  key: string;
  owner: string;
}

class Roles {
  private readonly channelRoles = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly other = new Map<string, string>();

  channel(c: Ev | undefined): string {
    if (!c) return '-';
    let role = this.channelRoles.get(c.id);
    if (!role) {
      const base = this.normName(String(c.name));
      const n = (this.counters.get(base) ?? 0) + 1;
      this.counters.set(base, n);
      role = n === 1 ? base : `${base}#${n}`;
      this.channelRoles.set(c.id, role);
    }
    return role;
  }

  known(id: string): boolean {
    return this.channelRoles.has(id);
  }

  roleOfId(id: string): string {
    return this.channelRoles.get(id) ?? '?';
  }

  named(kind: string, id: string, label: string): string {
    const key = `${kind}:${id}`;
    let role = this.other.get(key);
    if (!role) {
      const base = `${kind}:${label}`;
      const n = (this.counters.get(base) ?? 0) + 1;
      this.counters.set(base, n);
      role = n === 1 ? base : `${base}#${n}`;
      this.other.set(key, role);
    }
    return role;
  }

  normName(name: string): string {
    const snoop = /^Snoop\/(.+)-[0-9a-f]{8}$/.exec(name);
    if (snoop) return `Snoop/${this.roleOfId(snoop[1])}`;
    if (name.startsWith('Recorder/')) return 'Recorder';
    if (name.startsWith('Announcer/')) return 'Announcer';
    return name.replace(/-[0-9a-f]{8}(;[12])?$/, '$1');
  }
}

function canonical(events: Ev[]): Canon[] {
  const roles = new Roles();
  // First pass: give every channel a role in order of first appearance.
  for (const e of events) {
    if (e.channel) roles.channel(e.channel);
    if (e.peer) roles.channel(e.peer);
  }
  const destroyed = new Set<string>();
  const out: Canon[] = [];
  for (const e of events) {
    const chId: string | undefined = e.channel?.id;
    if (chId && destroyed.has(chId)) continue;
    const parts: string[] = [e.type];
    let owner = '-';
    if (e.channel) {
      owner = roles.channel(e.channel);
      parts.push(`${owner}[${e.channel.state}]`);
    }
    const bridge = e.bridge
      ? `${roles.named('bridge', e.bridge.id, e.bridge.name || '?')} ${e.bridge.technology} ${e.bridge.bridge_type} n=${(e.bridge.channels as string[]).filter((id) => roles.known(id)).length}`
      : '';
    switch (e.type) {
      case 'StasisStart':
        parts.push(`args=${(e.args as string[]).join(',')}`, `dp=${e.channel.dialplan.context},${e.channel.dialplan.exten},${e.channel.dialplan.priority},${e.channel.dialplan.app_name}(${e.channel.dialplan.app_data})`);
        break;
      case 'ChannelHangupRequest':
        parts.push(`cause=${e.cause}${e.soft ? ' soft' : ''}${e.tech_cause !== undefined ? ` tech=${e.tech_cause}` : ''}`);
        break;
      case 'ChannelDestroyed':
        parts.push(`cause=${e.cause} ${e.cause_txt}${e.tech_cause !== undefined ? ` tech=${e.tech_cause}` : ''}`);
        break;
      case 'ChannelVarset': {
        let value = String(e.value);
        if (e.variable === 'BRIDGEPEER') value = value ? value.split(',').map((n) => roles.normName(n)).sort().join('+') : '';
        if (String(e.variable).startsWith('RTPAUDIOQOS')) value = '*';
        parts.push(`${e.variable}=${value}`);
        break;
      }
      case 'ChannelDialplan':
        parts.push(`${e.dialplan_app}(${e.dialplan_app_data})`);
        break;
      case 'ChannelCallerId':
        parts.push(`caller=${e.channel.caller.number} pres=${e.caller_presentation}`);
        break;
      case 'ChannelConnectedLine':
        parts.push(`connected=${e.channel.connected.number}`);
        break;
      case 'Dial':
        owner = roles.channel(e.peer);
        parts.push(`peer=${owner}[${e.peer.state}] status=${e.dialstatus} dialstring=${e.dialstring}${e.caller ? ` caller=${roles.channel(e.caller)}` : ''}`);
        break;
      case 'ChannelEnteredBridge':
      case 'ChannelLeftBridge':
        parts.push(bridge);
        break;
      case 'BridgeDestroyed':
        owner = roles.named('bridge', e.bridge.id, e.bridge.name || '?');
        parts.push(bridge);
        break;
      case 'PlaybackStarted':
      case 'PlaybackContinuing':
      case 'PlaybackFinished': {
        owner = roles.named('playback', e.playback.id, e.playback.media_uri);
        parts.push(`${owner} ${e.playback.state} target=${target(roles, e.playback.target_uri)}`);
        break;
      }
      case 'RecordingStarted':
      case 'RecordingFinished':
      case 'RecordingFailed':
        owner = roles.named('recording', e.recording.name, 'rec');
        parts.push(`${owner} ${e.recording.format} ${e.recording.state} target=${target(roles, e.recording.target_uri)} duration=${typeof e.recording.duration}`);
        break;
      case 'ChannelDtmfReceived':
        parts.push(`${e.digit} ${e.duration_ms}ms`);
        break;
      case 'ChannelHold':
        parts.push(`moh=${e.musicclass}`);
        break;
      default:
        break;
    }
    out.push({ key: parts.join(' '), owner });
    if (e.type === 'ChannelDestroyed' && chId) destroyed.add(chId);
  }
  return out;
}

function target(roles: Roles, uri: string): string {
  const [kind, id] = [uri.slice(0, uri.indexOf(':')), uri.slice(uri.indexOf(':') + 1)];
  return kind === 'channel' ? roles.roleOfId(id) : `${kind}`;
}

export function compareFlows(expectedEvents: Ev[], actualEvents: Ev[], window = 8): FlowDiff {
  const expected = canonical(expectedEvents);
  const actual = canonical(actualEvents);
  const counts = new Map<string, number>();
  for (const e of expected) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  const extra: string[] = [];
  for (const a of actual) {
    const n = counts.get(a.key) ?? 0;
    if (n > 0) counts.set(a.key, n - 1);
    else extra.push(a.key);
  }
  const missing = [...counts].flatMap(([k, n]) => Array(n).fill(k) as string[]);

  const orderProblems: string[] = [];
  const owners = new Set([...expected, ...actual].map((c) => c.owner));
  for (const owner of owners) {
    const x = expected.filter((c) => c.owner === owner).map((c) => c.key);
    const y = actual.filter((c) => c.owner === owner).map((c) => c.key);
    if (x.join('\n') !== y.join('\n')) orderProblems.push(`${owner}:\n    expected ${x.join('\n             ')}\n    actual   ${y.join('\n             ')}`);
  }

  const displaced: string[] = [];
  const used = new Set<number>();
  expected.forEach((e, i) => {
    const j = actual.findIndex((a, k) => !used.has(k) && a.key === e.key);
    if (j < 0) return;
    used.add(j);
    if (Math.abs(i - j) > window) displaced.push(`#${i} -> #${j}: ${e.key}`);
  });

  return {
    ok: missing.length === 0 && extra.length === 0 && orderProblems.length === 0 && displaced.length === 0,
    missing,
    extra,
    orderProblems,
    displaced,
    expected: expected.map((c) => c.key),
    actual: actual.map((c) => c.key),
  };
}

export function describeDiff(d: FlowDiff): string {
  return [
    d.missing.length ? `missing:\n  ${d.missing.join('\n  ')}` : '',
    d.extra.length ? `extra:\n  ${d.extra.join('\n  ')}` : '',
    d.orderProblems.length ? `order:\n  ${d.orderProblems.join('\n  ')}` : '',
    d.displaced.length ? `displaced:\n  ${d.displaced.join('\n  ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
