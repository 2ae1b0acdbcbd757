/**
 * MQTT topics of DESIGN.md §5. Every topic is `ec/v1/<site>/…`; payloads are
 * `{seq, ts, data}` with a per-site monotonic seq.
 */
export const TOPIC_ROOT = 'ec/v1';

export function siteRoot(site: string): string {
  return `${TOPIC_ROOT}/${site}`;
}

export const topics = {
  sysOnline: (site: string) => `${siteRoot(site)}/sys/online`,
  sysSeq: (site: string) => `${siteRoot(site)}/sys/seq`,
  queueState: (site: string, queue: string) => `${siteRoot(site)}/queue/${queue}/state`,
  agentState: (site: string, agent: string) => `${siteRoot(site)}/agent/${agent}/state`,
  groupAgentState: (site: string, group: string, agent: string) =>
    `${siteRoot(site)}/g/${group}/agent/${agent}/state`,
  agentInbox: (site: string, agent: string) => `${siteRoot(site)}/agent/${agent}/inbox`,
  kpiBranch: (site: string) => `${siteRoot(site)}/kpi/branch`,
  kpiQueue: (site: string, queue: string) => `${siteRoot(site)}/kpi/q/${queue}`,
  kpiGroup: (site: string, group: string) => `${siteRoot(site)}/kpi/g/${group}`,
  groupAlert: (site: string, group: string, id: string) => `${siteRoot(site)}/alert/g/${group}/${id}`,
  agentAlert: (site: string, agent: string, id: string) => `${siteRoot(site)}/alert/agent/${agent}/${id}`,
};

export interface LiveEnvelope<T = unknown> {
  seq: number;
  ts: string;
  data: T;
}

/** Topic ids (site, queue, group, agent) must be one safe topic level. */
export function isTopicId(value: string): boolean {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value);
}
