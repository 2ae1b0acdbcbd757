/**
 * extensions.conf. Asterisk runs no call logic of its own: each context hands
 * the call to the ACD in the Stasis app and hangs up when the app lets go.
 *
 *   edgecall-trunk     calls from SIP trunks and DAHDI spans  → Stasis(app,inbound,<number>)
 *   edgecall-agent     calls agent phones place               → Stasis(app,agent-dial,<number>)
 *   edgecall-internal  Local channels the appliance creates to inject an inbound call
 *   edgecall-outbound  Local channels the appliance creates to dial out (customers, remote agents)
 *
 * Only edgecall-outbound reaches a trunk, and no endpoint or DAHDI channel has
 * it as its context: nothing outside the appliance can place outside calls.
 */
import { banner, comments, joinBlocks } from './conf-text.ts';
import { dahdiPlanOf, outboundRoute, parseSettings, trunkContactUser, type Settings, type SettingsInput } from './settings.ts';

/** Any number a caller, an agent or the appliance may dial (at least two characters). */
const ANY_NUMBER = '_[0-9*#+].';
/** The same, one character long: `.` needs at least one more character. */
const ONE_CHAR = '_[0-9*#+]';
/** Digits with an optional leading + (outbound numbers). */
const DIALABLE = '_[+0-9].';

export function renderExtensionsConf(input: SettingsInput): string {
  const s = parseSettings(input);
  return joinBlocks([
    banner('extensions.conf', s.site.name, [
      'Every call is handed to the ACD in the Stasis app; Asterisk only carries media.',
    ]),
    [
      '[general]',
      'static=yes',
      '; The appliance owns this file: `dialplan save` must not overwrite it.',
      'writeprotect=yes',
      'autofallthrough=yes',
      'clearglobalvars=yes',
    ],
    ['[globals]', `EDGECALL_SITE=${s.site.id}`],
    trunkContext(s),
    agentContext(s),
    internalContext(s),
    outboundContext(s),
  ]);
}

function stasis(s: Settings, extension: string, kind: string, note: string): string[] {
  return [
    `exten => ${extension},1,NoOp(EdgeCall ${note} \${EXTEN} from \${CALLERID(num)} on \${CHANNEL})`,
    ` same => n,Stasis(${s.stasisApp},${kind},\${EXTEN})`,
    ' same => n,Hangup()',
  ];
}

function hangupHandler(): string[] {
  return [
    '; Runs after the caller hangs up; the ACD has already seen StasisEnd and records the journey.',
    'exten => h,1,NoOp(EdgeCall ${CHANNEL} ended, cause ${HANGUPCAUSE})',
  ];
}

function trunkContext(s: Settings): string[] {
  const lines = [
    ...comments(['--- Inbound calls from SIP trunks and DAHDI spans: straight to the ACD.']),
    '[edgecall-trunk]',
  ];
  const seen = new Set<string>();
  const catchAll: string[] = [];
  const add = (ext: string, source: string) => {
    if (seen.has(ext)) return;
    seen.add(ext);
    lines.push(`; ${source}`, ...stasis(s, ext, 'inbound', 'inbound'));
  };
  for (const t of s.sip.trunks) {
    for (const did of t.dids) add(did, `DID of trunk ${t.id}`);
    if (t.dids.length === 0) catchAll.push(`trunk ${t.id}`);
    const contact = trunkContactUser(t);
    if (t.register && contact !== 's') add(contact, `registration contact of trunk ${t.id}`);
  }
  for (const span of dahdiPlanOf(s)?.spans ?? []) {
    if (span.kind !== 'e1') continue;
    for (const did of span.settings.dids) add(did, `DID of DAHDI span ${span.span}`);
    if (span.settings.dids.length === 0) catchAll.push(`DAHDI span ${span.span}`);
  }
  if (catchAll.length) add(DIALABLE, `any number: no DID list for ${catchAll.join(', ')}`);
  add('s', 'no dialled number: FXO lines and providers calling the registration contact');
  lines.push(...hangupHandler());
  return lines;
}

function agentContext(s: Settings): string[] {
  return [
    ...comments(['--- Calls agent phones place (agents.* endpoints use this context): the ACD decides.']),
    '[edgecall-agent]',
    ...stasis(s, ANY_NUMBER, 'agent-dial', 'agent dials'),
    ...stasis(s, ONE_CHAR, 'agent-dial', 'agent dials'),
    ...hangupHandler(),
  ];
}

function internalContext(s: Settings): string[] {
  return [
    ...comments([
      '--- Local/<number>@edgecall-internal enters the ACD exactly like a trunk call to <number>.',
      'The appliance uses it for its self-test and for calls handed over inside the branch.',
    ]),
    '[edgecall-internal]',
    ...stasis(s, ANY_NUMBER, 'inbound', 'internal inbound'),
    ...hangupHandler(),
  ];
}

function outboundContext(s: Settings): string[] {
  const route = outboundRoute(s);
  const timeout = s.outbound.dialTimeoutSeconds;
  const lines = [
    ...comments([
      '--- Local/<number>@edgecall-outbound/n: customers, call-backs and remote agents, dialled',
      `through the outbound route (${route.length ? route.join(' -> ') : 'empty'}). Only channels the appliance`,
      'originates get here. The next step is tried when a step has no free channel.',
    ]),
    '[edgecall-outbound]',
    `exten => ${DIALABLE},1,NoOp(EdgeCall outbound to \${EXTEN})`,
    ' same => n,Set(EDGECALL_CID=${CALLERID(all)})',
  ];
  if (route.length === 0) {
    lines.push('; No trunk and no DAHDI group: refuse with cause 34 (no circuit available).', ' same => n,Hangup(34)');
  }
  route.forEach((step, i) => {
    const [kind, ref] = step.split(':');
    const label = `step${i + 1}`;
    const last = i === route.length - 1;
    const trunk = kind === 'trunk' ? s.sip.trunks.find((t) => t.id === ref) : undefined;
    lines.push(`; ${label}: ${kind === 'trunk' ? `SIP trunk ${ref}` : `DAHDI group ${ref}`}`);
    if (trunk?.outboundCallerId) {
      // Providers reject or rewrite numbers they did not assign: present the trunk's own.
      lines.push(` same => n(${label}),Set(CALLERID(num)=${trunk.outboundCallerId.number})`);
      if (trunk.outboundCallerId.name) lines.push(` same => n,Set(CALLERID(name)=${trunk.outboundCallerId.name})`);
    } else {
      lines.push(` same => n(${label}),Set(CALLERID(all)=\${EDGECALL_CID})`);
    }
    // PRI and analog lines take digits only; a leading + is dropped.
    const target = kind === 'trunk' ? `PJSIP/\${EXTEN}@${ref}` : `DAHDI/g${ref}/\${FILTER(0-9*#,\${EXTEN})}`;
    lines.push(` same => n,Dial(${target},${timeout})`);
    if (!last) {
      lines.push(` same => n,GotoIf($["\${DIALSTATUS}" = "CHANUNAVAIL" | "\${DIALSTATUS}" = "CONGESTION"]?step${i + 2})`);
    }
    lines.push(' same => n,Hangup()');
  });
  lines.push(...hangupHandler());
  return lines;
}
