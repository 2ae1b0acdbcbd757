import { siteRoot } from './topics.ts';
import type { ProfileKind } from './permissions.ts';

/** Who is asking: derived from the session behind an MQTT token. */
export interface LiveSubject {
  site: string;
  kind: ProfileKind;
  /** The agent number an operator works as; null for users without one. */
  agent: string | null;
  /** Groups the user belongs to (operator) or supervises (supervisor). */
  groups: readonly string[];
  /** Queues of those groups. */
  queues: readonly string[];
  /** false when the profile lost 'kpis:read'. */
  canReadKpis: boolean;
  /**
   * false when the profile lacks 'supervisor:monitor': no group agent states,
   * no group alerts, and for the admin kind no whole-site wildcard. Absent
   * means allowed (subjects made before profiles were editable).
   */
  canMonitor?: boolean;
}

/** Topic patterns (MQTT filter syntax) a subject may receive. */
export function allowedPatterns(s: LiveSubject): string[] {
  const root = siteRoot(s.site);
  const monitor = s.canMonitor !== false;
  if (s.kind === 'admin') {
    if (s.canReadKpis && monitor) return [`${root}/#`];
    // An admin profile with fewer permissions: the site's state, and only what those permissions show.
    const out = [`${root}/sys/+`, `${root}/queue/+/state`];
    if (s.canReadKpis) out.push(`${root}/kpi/#`);
    if (monitor) out.push(`${root}/g/#`, `${root}/agent/#`, `${root}/alert/#`);
    else if (s.agent) out.push(`${root}/agent/${s.agent}/state`, `${root}/agent/${s.agent}/inbox`, `${root}/alert/agent/${s.agent}/+`);
    return out;
  }
  const out = [`${root}/sys/online`, `${root}/sys/seq`];
  for (const q of s.queues) {
    out.push(`${root}/queue/${q}/state`);
    if (s.canReadKpis) out.push(`${root}/kpi/q/${q}`);
  }
  for (const g of s.groups) {
    if (s.canReadKpis) out.push(`${root}/kpi/g/${g}`);
  }
  if (s.agent) {
    out.push(`${root}/agent/${s.agent}/state`, `${root}/agent/${s.agent}/inbox`, `${root}/alert/agent/${s.agent}/+`);
  }
  if (s.kind === 'supervisor') {
    if (s.canReadKpis) out.push(`${root}/kpi/branch`);
    if (!monitor) return out;
    for (const g of s.groups) {
      out.push(`${root}/g/${g}/agent/+/state`, `${root}/alert/g/${g}/+`);
    }
  }
  return out;
}

/**
 * True when every topic that `filter` can match is matched by `pattern`, so
 * granting the filter grants nothing beyond the pattern. Wildcards in the
 * filter are only allowed where the pattern has them.
 */
export function patternCovers(pattern: string, filter: string): boolean {
  const p = pattern.split('/');
  const f = filter.split('/');
  for (let i = 0; i < p.length; i++) {
    const ps = p[i];
    if (ps === '#') return true;
    const fs = f[i];
    if (fs === undefined) return false;
    if (fs === '#') return false;
    if (ps === '+') continue;
    if (fs === '+' || fs !== ps) return false;
  }
  return f.length === p.length;
}

/** Does `topic` (no wildcards) match the MQTT filter `filter`? */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (t[i] === undefined) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

export function isValidFilter(filter: string): boolean {
  if (filter.length === 0 || filter.length > 512) return false;
  const parts = filter.split('/');
  return parts.every((s, i) => (s.includes('#') ? s === '#' && i === parts.length - 1 : !s.includes('+') || s === '+'));
}

export function maySubscribe(s: LiveSubject, filter: string): boolean {
  if (!isValidFilter(filter)) return false;
  return allowedPatterns(s).some((p) => patternCovers(p, filter));
}

/** Re-checked per delivered message (aedes authorizeForward). */
export function mayReceive(s: LiveSubject, topic: string): boolean {
  return allowedPatterns(s).some((p) => topicMatches(p, topic));
}
