/**
 * The appliance's telephony settings as asterisk-image's Settings: one object
 * to validate (the schema refuses anything that could rewrite a config file,
 * hardware-profiles checks the spans against the card), to derive the ARI
 * objects from, and to render pjsip.conf, extensions.conf and the DAHDI files.
 */
import {
  SettingsError,
  agentDynamicObjects,
  dahdiPlanOf,
  parseSettings,
  renderChanDahdiConf,
  renderDahdiHostFiles,
  renderExtensionsConf,
  renderPjsipConf,
  trunkDynamicObjects,
  type Settings,
  type SettingsInput,
} from '@edgecall/asterisk-image';
import { AppError, type SettingProblem, type SipCodec, type TrunkInput } from '@edgecall/contracts';
import type { PbxConfigObject } from '../../core/telephony.ts';

export interface AgentPhone {
  number: string;
  displayName: string;
  password: string;
  codecs: SipCodec[];
}

export type TrunkWithSecret = TrunkInput & { secret?: string };

/**
 * The schema needs an ARI section; these files never contain it (ari.conf is
 * not written from here), so a fixed placeholder stands in for the real one.
 */
const RENDER_ONLY_ARI = { user: 'edgecall', password: 'not-rendered-from-here' };

export function pbxSettings(site: string, agents: AgentPhone[], trunk: TrunkWithSecret | null): SettingsInput {
  const sip = trunk?.kind === 'sip' ? trunk : null;
  return {
    site: { id: site, name: site },
    ari: RENDER_ONLY_ARI,
    sip: {
      transports: [{ protocol: 'udp' }, ...(sip?.transport === 'tcp' ? [{ protocol: 'tcp' as const }] : [])],
      trunks: sip
        ? [
            {
              id: sip.id,
              ...(sip.name ? { name: sip.name } : {}),
              host: sip.host,
              port: sip.port,
              transport: sip.transport,
              register: sip.register,
              ...(sip.username ? { username: sip.username } : {}),
              ...(sip.secret ? { secret: sip.secret } : {}),
              codecs: sip.codecs,
              dids: sip.dids,
              ...(sip.outboundCallerId ? { outboundCallerId: sip.outboundCallerId } : {}),
              matchAddresses: sip.matchAddresses,
            },
          ]
        : [],
    },
    agents: {
      provisioning: 'ari',
      phones: agents.map((a) => ({ kind: 'sip' as const, number: a.number, name: a.displayName, password: a.password, codecs: a.codecs })),
    },
    ...(trunk?.kind === 'dahdi' ? { dahdi: { cards: trunk.cards as never } } : {}),
  };
}

/** `sip.trunks[0].secret` → `secret` under `prefix`; other paths stay (with dots for indexes). */
function fieldOf(path: string, prefixes: [RegExp, string][]): string {
  const dotted = path.replace(/\[(\d+)\]/g, '.$1');
  for (const [re, to] of prefixes) if (re.test(dotted)) return dotted.replace(re, to);
  return dotted;
}

/** Parses, turning the schema's issues into problems at the admin's fields. */
export function checkSettings(input: SettingsInput, prefixes: [RegExp, string][]): Settings {
  try {
    return parseSettings(input);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    const problems: SettingProblem[] = e.issues.map((i) => ({ field: fieldOf(i.path, prefixes), message: i.message }));
    throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }
}

export const AGENT_FIELDS: [RegExp, string][] = [
  [/^agents\.phones\.0\.name/, 'displayName'],
  [/^agents\.phones\.0\./, ''],
];
export const TRUNK_FIELDS: [RegExp, string][] = [
  [/^sip\.trunks\.0\./, ''],
  [/^dahdi\.cards/, 'cards'],
  [/^dahdi\./, ''],
];

const toObjects = (objects: { objectType: PbxConfigObject['type']; id: string; body: { fields: PbxConfigObject['fields'] } }[]): PbxConfigObject[] =>
  objects.map((o) => ({ type: o.objectType, id: o.id, fields: o.body.fields }));

export function agentObjects(site: string, agent: AgentPhone): PbxConfigObject[] {
  return toObjects(agentDynamicObjects(pbxSettings(site, [agent], null), agent.number));
}

export function trunkObjects(site: string, trunk: TrunkWithSecret & { kind: 'sip' }): PbxConfigObject[] {
  return toObjects(trunkDynamicObjects(pbxSettings(site, [], trunk), trunk.id));
}

/** The ids of a SIP trunk's objects, in deletion order. */
export const trunkObjectIds = (id: string): [PbxConfigObject['type'], string][] => [
  ['endpoint', id],
  ['aor', id],
  ['auth', `${id}-auth`],
];

/** Files for the PBX image: pjsip.conf and extensions.conf, and with E1/FXO chan_dahdi.conf and the host's DAHDI files. */
export function renderFiles(settings: Settings): Record<string, string> {
  const files: Record<string, string> = { 'pjsip.conf': renderPjsipConf(settings), 'extensions.conf': renderExtensionsConf(settings) };
  if (settings.dahdi) {
    files['chan_dahdi.conf'] = renderChanDahdiConf(settings);
    // Absolute paths on the host (/etc/dahdi/system.conf…) land below host/.
    for (const [path, text] of Object.entries(renderDahdiHostFiles(settings))) files[`host${path}`] = text;
  }
  return files;
}

/** The outbound dial template of a trunk: the SIP endpoint, or the first DAHDI group. */
export function outboundTemplateOf(settings: Settings, trunk: TrunkInput): string {
  if (trunk.kind === 'sip') return `PJSIP/{number}@${trunk.id}`;
  const group = dahdiPlanOf(settings)?.groups[0]?.group ?? 1;
  return `DAHDI/g${group}/{number}`;
}

/** DIDs of the trunk (SIP list, or the E1 spans' lists). */
export function trunkDids(settings: Settings, trunk: TrunkInput): string[] {
  if (trunk.kind === 'sip') return trunk.dids;
  return (dahdiPlanOf(settings)?.spans ?? []).flatMap((s) => (s.kind === 'e1' ? s.settings.dids : []));
}
