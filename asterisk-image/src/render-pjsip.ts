/**
 * pjsip.conf: transports, one block of objects per SIP trunk, the agent
 * templates, and (with file provisioning) the agents themselves.
 *
 * Trunks always live here, never in astdb: sorcery.conf lists this file
 * before astdb, and the file wizard is read-only, so ARI cannot change or
 * delete a trunk by mistake.
 */
import {
  AGENT_AOR_OPTIONS,
  AGENT_AUTH_OPTIONS,
  AGENT_ENDPOINT_OPTIONS,
  agentEndpointSettingsOptions,
  callerId,
  TEMPLATE_NAMES,
  type TemplateOption,
} from './agent-endpoints.ts';
import { banner, joinBlocks, section, type Entry } from './conf-text.ts';
import { hostForUri } from './safe-values.ts';
import { parseSettings, trunkContactUser, type Settings, type SettingsInput, type Trunk } from './settings.ts';

export function renderPjsipConf(input: SettingsInput): string {
  const s = parseSettings(input);
  const blocks: string[][] = [
    banner('pjsip.conf', s.site.name, [
      'Trunks and transports live here. Agent endpoints live here too with file provisioning,',
      'or in astdb when the appliance creates them through ARI (see sorcery.conf).',
    ]),
    section(
      'global',
      [
        ['type', 'global'],
        ['user_agent', 'EdgeCall'],
        { comment: 'Trunks are recognised by source address first, agents by their user name.' },
        ['endpoint_identifier_order', 'ip,username,anonymous'],
      ],
      { comment: ['--- Global'] },
    ),
  ];
  for (const t of s.sip.transports) {
    const entries: Entry[] = [
      ['type', 'transport'],
      ['protocol', t.protocol],
      ['bind', `${hostForUri(t.bindAddress)}:${t.port}`],
    ];
    if (t.externalAddress) {
      entries.push(
        { comment: 'Behind NAT: advertise the public address to everything outside local_net.' },
        ['external_media_address', t.externalAddress],
        ['external_signaling_address', t.externalAddress],
        ...t.localNets.map((n): Entry => ['local_net', n]),
      );
    }
    blocks.push(section(`transport-${t.protocol}`, entries, { comment: [`--- Transport (${t.protocol.toUpperCase()})`] }));
  }
  for (const t of s.sip.trunks) blocks.push(...trunkBlocks(s, t));
  blocks.push(...agentTemplates(s));
  if (s.agents.provisioning === 'file') {
    for (const a of s.agents.phones) {
      if (a.kind !== 'sip') continue;
      const codecs = a.codecs ? [['disallow', 'all'] as Entry, ['allow', a.codecs.join(',')] as Entry] : [];
      blocks.push(
        section(a.number, [['auth', a.number], ['aors', a.number], ['callerid', callerId(a)], ...codecs], {
          templates: [TEMPLATE_NAMES.endpoint],
          comment: [`--- Agent ${a.number}${a.name ? ` (${a.name})` : ''}`],
        }),
        section(a.number, [['max_contacts', a.maxContacts]], { templates: [TEMPLATE_NAMES.aor] }),
        section(a.number, [['username', a.number], ['password', a.password]], { templates: [TEMPLATE_NAMES.auth] }),
      );
    }
  } else {
    blocks.push([
      '; --- Agents are provisioned through ARI (agents.provisioning = ari): the appliance PUTs',
      '; auth, aor and endpoint objects to /ari/asterisk/config/dynamic/res_pjsip/... and astdb keeps them.',
    ]);
  }
  return joinBlocks(blocks);
}

function trunkBlocks(s: Settings, t: Trunk): string[][] {
  const server = `sip:${hostForUri(t.host)}:${t.port}`;
  const transport = `transport-${t.transport}`;
  const auth = `${t.id}-auth`;
  const title = `--- Trunk ${t.id}${t.name ? ` (${t.name})` : ''}: ${t.host}:${t.port}/${t.transport}${t.register ? ', registers' : ''}`;
  const blocks: string[][] = [];
  if (t.username && t.secret) {
    blocks.push(
      section(
        auth,
        [
          ['type', 'auth'],
          ['auth_type', 'digest'],
          ['username', t.username],
          ['password', t.secret],
        ],
        { comment: [title] },
      ),
    );
  }
  if (t.register) {
    blocks.push(
      section(t.id, [
        ['type', 'registration'],
        ['transport', transport],
        ['outbound_auth', auth],
        ['server_uri', server],
        ['client_uri', `sip:${t.username}@${hostForUri(t.host)}:${t.port}`],
        ['contact_user', trunkContactUser(t)],
        { comment: 'A branch must never give up registering: retry forever, also after 401/403.' },
        ['retry_interval', 60],
        ['forbidden_retry_interval', 300],
        ['fatal_retry_interval', 300],
        ['max_retries', 1000000],
        ['auth_rejection_permanent', false],
        ['expiration', 600],
        { comment: 'Calls the provider sends to our registration belong to this endpoint.' },
        ['line', true],
        ['endpoint', t.id],
      ]),
    );
  }
  blocks.push(
    section(t.id, [
      ['type', 'aor'],
      ['contact', server],
      ['qualify_frequency', t.qualifyFrequency],
    ]),
  );
  const endpoint: Entry[] = [
    ['type', 'endpoint'],
    ['transport', transport],
    { comment: 'Every call from the provider goes to the ACD (Stasis inbound).' },
    ['context', 'edgecall-trunk'],
    ['disallow', 'all'],
    ['allow', t.codecs.join(',')],
    ['aors', t.id],
  ];
  if (t.username && t.secret) endpoint.push(['outbound_auth', auth]);
  if (t.username) endpoint.push(['from_user', t.username]);
  endpoint.push(
    ['from_domain', t.fromDomain ?? t.host],
    ['direct_media', false],
    ['rtp_symmetric', true],
    ['force_rport', true],
    ['rewrite_contact', true],
    ['dtmf_mode', 'rfc4733'],
    { comment: 'Trust the provider for the caller number (P-Asserted-Identity), send ours the same way.' },
    ['trust_id_inbound', true],
    ['send_pai', true],
  );
  blocks.push(section(t.id, endpoint));
  blocks.push(
    section(t.id, [
      ['type', 'identify'],
      ['endpoint', t.id],
      ['match', t.host],
      ...t.matchAddresses.map((m): Entry => ['match', m]),
    ]),
  );
  return blocks;
}

function agentTemplates(s: Settings): string[][] {
  const toEntries = (options: readonly TemplateOption[]): Entry[] =>
    options.flatMap((o): Entry[] => (o.why ? [{ comment: o.why }, [o.key, o.value]] : [[o.key, o.value]]));
  // Written as disallow/allow pairs here; over ARI the same thing is one `allow=!all,…` field.
  const settingsOptions = agentEndpointSettingsOptions(s).flatMap((o): Entry[] =>
    o.key === 'allow' ? [['disallow', 'all'], ['allow', o.value.replace(/^!all,/, '')]] : [[o.key, o.value]],
  );
  return [
    section(TEMPLATE_NAMES.endpoint, [['type', 'endpoint'], ...settingsOptions, ...toEntries(AGENT_ENDPOINT_OPTIONS)], {
      isTemplate: true,
      comment: [
        '--- Agent templates. Agents pushed through ARI get exactly these values',
        '(agentDynamicObjects in agent-endpoints.ts uses the same table).',
      ],
    }),
    section(TEMPLATE_NAMES.aor, [['type', 'aor'], ...toEntries(AGENT_AOR_OPTIONS)], { isTemplate: true }),
    section(TEMPLATE_NAMES.auth, [['type', 'auth'], ...toEntries(AGENT_AUTH_OPTIONS)], { isTemplate: true }),
  ];
}
