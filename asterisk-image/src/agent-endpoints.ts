/**
 * Agent phones, described once and used twice: as pjsip.conf templates (file
 * provisioning) and as the field lists the appliance PUTs to
 * `/ari/asterisk/config/dynamic/res_pjsip/{auth,aor,endpoint}/<number>` (ARI
 * provisioning, stored in astdb through the sorcery mapping in sorcery.conf).
 * Objects pushed through ARI cannot inherit pjsip.conf templates, so sharing
 * this table is what keeps both kinds of agent identical.
 */
import {
  parseSettings,
  REMOTE_DIAL_DEFAULT,
  SIP_DIAL_DEFAULT,
  type AgentPhone,
  type Settings,
  type SettingsInput,
} from './settings.ts';
import { SettingsError } from './settings-error.ts';

export interface TemplateOption {
  key: string;
  value: string;
  /** Why the option is set; rendered as a comment in pjsip.conf. */
  why?: string;
}

/** The agent endpoint options that do not depend on settings. */
export const AGENT_ENDPOINT_OPTIONS: readonly TemplateOption[] = [
  { key: 'context', value: 'edgecall-agent', why: 'calls an agent places go to the ACD (Stasis agent-dial)' },
  { key: 'direct_media', value: 'no', why: 'media stays in Asterisk so the ACD can record, snoop and bridge' },
  { key: 'rtp_symmetric', value: 'yes', why: 'send RTP back where it came from (phones behind NAT)' },
  { key: 'force_rport', value: 'yes' },
  { key: 'rewrite_contact', value: 'yes' },
  { key: 'moh_passthrough', value: 'no', why: 'Asterisk plays hold music itself, the phone does not' },
  { key: 'dtmf_mode', value: 'rfc4733' },
  { key: 'identify_by', value: 'username,auth_username', why: 'agents are identified by name: res_pjsip identify cannot be created over ARI' },
  { key: 'device_state_busy_at', value: '1', why: 'one call makes the agent busy for presence' },
  { key: 'allow_transfer', value: 'no', why: 'transfers go through the appliance so they stay in the call journey' },
  { key: 'send_pai', value: 'yes' },
  { key: 'trust_id_inbound', value: 'no' },
  { key: 'timers', value: 'yes' },
  { key: 'ice_support', value: 'no' },
  { key: 'media_encryption', value: 'no' },
];

export const AGENT_AOR_OPTIONS: readonly TemplateOption[] = [
  { key: 'max_contacts', value: '1', why: 'one registered phone per agent number' },
  { key: 'remove_existing', value: 'yes', why: 'a phone that re-registers replaces its stale contact' },
  { key: 'qualify_frequency', value: '30', why: 'notice unplugged phones within a minute' },
];

export const AGENT_AUTH_OPTIONS: readonly TemplateOption[] = [{ key: 'auth_type', value: 'digest' }];

export const TEMPLATE_NAMES = {
  endpoint: 'edgecall-agent-endpoint',
  aor: 'edgecall-agent-aor',
  auth: 'edgecall-agent-auth',
} as const;

/** Endpoint options that come from settings (transport, codecs) for one agent. */
export function agentEndpointSettingsOptions(s: Settings, agent?: AgentPhone): TemplateOption[] {
  const codecs = (agent?.kind === 'sip' && agent.codecs) || s.agents.codecs;
  return [
    { key: 'transport', value: `transport-${s.agents.transport}` },
    { key: 'allow', value: ['!all', ...codecs].join(',') },
  ];
}

export interface ConfigTuple {
  attribute: string;
  value: string;
}

export interface DynamicObject {
  /** res_pjsip object type, in the order the objects must be created. */
  objectType: 'auth' | 'aor' | 'endpoint';
  id: string;
  /** Path below /ari for PUT (create/update), GET and DELETE. */
  path: string;
  /** Request body for PUT. */
  body: { fields: ConfigTuple[] };
}

/**
 * The three objects to PUT for a SIP agent, in creation order (auth, aor,
 * endpoint: an endpoint created first could be hit by a REGISTER before its
 * auth exists). Delete in the reverse order.
 */
export function agentDynamicObjects(input: SettingsInput, agentNumber: string): DynamicObject[] {
  const s = parseSettings(input);
  const agent = findAgent(s, agentNumber);
  if (agent.kind !== 'sip') {
    throw new SettingsError([{ path: 'agents.phones', message: `agent ${agentNumber} is a remote agent and has no SIP endpoint` }]);
  }
  const tuples = (options: readonly TemplateOption[]): ConfigTuple[] => options.map((o) => ({ attribute: o.key, value: o.value }));
  const object = (objectType: DynamicObject['objectType'], fields: ConfigTuple[]): DynamicObject => ({
    objectType,
    id: agent.number,
    path: `/asterisk/config/dynamic/res_pjsip/${objectType}/${encodeURIComponent(agent.number)}`,
    body: { fields },
  });
  return [
    object('auth', [...tuples(AGENT_AUTH_OPTIONS), { attribute: 'username', value: agent.number }, { attribute: 'password', value: agent.password }]),
    object('aor', [...tuples(AGENT_AOR_OPTIONS), { attribute: 'max_contacts', value: String(agent.maxContacts) }].filter(dedupeLast)),
    object('endpoint', [
      ...tuples(AGENT_ENDPOINT_OPTIONS),
      ...tuples(agentEndpointSettingsOptions(s, agent)),
      { attribute: 'auth', value: agent.number },
      { attribute: 'aors', value: agent.number },
      { attribute: 'callerid', value: callerId(agent) },
    ]),
  ];
}

/** What the ACD passes as `endpoint` when it originates a call to this agent. */
export function resolveAgentDialString(input: SettingsInput, agentNumber: string): string {
  const s = parseSettings(input);
  const agent = findAgent(s, agentNumber);
  const template = agent.dialString ?? (agent.kind === 'sip' ? SIP_DIAL_DEFAULT : REMOTE_DIAL_DEFAULT);
  const external = agent.kind === 'remote' ? agent.externalNumber : undefined;
  if (template.includes('{external}') && !external) {
    throw new SettingsError([{ path: 'agents.phones', message: `agent ${agentNumber} has no externalNumber for {external}` }]);
  }
  return template.replaceAll('{number}', agent.number).replaceAll('{external}', external ?? '');
}

/** `"Aysel Mammadova" <1001>`, or just `<1001>` without a name. */
export function callerId(agent: AgentPhone): string {
  return agent.name ? `"${agent.name}" <${agent.number}>` : `<${agent.number}>`;
}

function findAgent(s: Settings, agentNumber: string): AgentPhone {
  const agent = s.agents.phones.find((a) => a.number === agentNumber);
  if (!agent) throw new SettingsError([{ path: 'agents.phones', message: `no agent with number ${agentNumber}` }]);
  return agent;
}

/** Keeps only the last tuple of each attribute (per-agent values override the template's). */
function dedupeLast(tuple: ConfigTuple, index: number, all: ConfigTuple[]): boolean {
  return all.findLastIndex((t) => t.attribute === tuple.attribute) === index;
}
