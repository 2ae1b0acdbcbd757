/**
 * The smaller files that make Asterisk behave like an EdgeCall media server:
 * sorcery.conf (ARI-writable agents), modules.conf, logger.conf,
 * musiconhold.conf, rtp.conf and indications.conf.
 */
import { banner, joinBlocks, section, type Entry } from './conf-text.ts';
import { dahdiPlanOf, parseSettings, type SettingsInput } from './settings.ts';

export function renderSorceryConf(input: SettingsInput): string {
  const s = parseSettings(input);
  const mapping = (type: string, family: string): Entry[] => [
    [type, `config,pjsip.conf,criteria=type=${type}`],
    [type, `astdb,${family}`],
  ];
  return joinBlocks([
    banner('sorcery.conf', s.site.name, [
      'Where res_pjsip finds endpoints, AORs and auths: first pjsip.conf, then astdb.',
      'The config wizard is read-only, so ARI creates (PUT /ari/asterisk/config/dynamic/res_pjsip/...)',
      'land in astdb and survive restarts, while trunks in pjsip.conf cannot be changed over ARI.',
      'Object types not listed here (transport, contact, identify, registration...) keep their defaults.',
      'identify has no writable mapping on purpose: ARI cannot create it anyway ("Allocation failed").',
    ]),
    section('res_pjsip', [...mapping('endpoint', 'ps_endpoints'), ...mapping('aor', 'ps_aors'), ...mapping('auth', 'ps_auths')]),
  ]);
}

/** Modules Asterisk must not load, each with the reason. */
const NOLOAD: ReadonlyArray<[string, string]> = [
  ['app_queue.so', 'the ACD (queues, agent selection) runs in the appliance'],
  ['app_agent_pool.so', 'agents are managed by the appliance'],
  ['app_voicemail.so', 'no voicemail'],
  ['app_voicemail_imap.so', 'no voicemail'],
  ['app_voicemail_odbc.so', 'no voicemail'],
  ['res_parking.so', 'holding is done in ACD bridges'],
  ['chan_iax2.so', 'protocol not offered (attack surface)'],
  ['chan_unistim.so', 'protocol not offered (attack surface)'],
  ['pbx_dundi.so', 'no DUNDi routing'],
  ['res_phoneprov.so', 'phones are not provisioned by Asterisk'],
  ['res_pjsip_phoneprov_provider.so', 'phones are not provisioned by Asterisk'],
  ['cdr_csv.so', 'call records are the appliance journeys (KPIS.md), not CDR files'],
  ['cdr_custom.so', 'call records are the appliance journeys, not CDR files'],
  ['cel_custom.so', 'no CEL files'],
  ['chan_console.so', 'no sound card console'],
  ['res_hep.so', 'no HEP capture server'],
  ['res_hep_pjsip.so', 'no HEP capture server'],
  ['res_hep_rtcp.so', 'no HEP capture server'],
];

/** Modules whose failure must stop Asterisk: without them EdgeCall cannot take a call. */
const REQUIRE = [
  'res_http_websocket.so',
  'res_ari.so',
  'res_stasis.so',
  'app_stasis.so',
  'res_sorcery_astdb.so',
  'res_pjsip.so',
  'chan_pjsip.so',
  'res_musiconhold.so',
];

export function renderModulesConf(input: SettingsInput): string {
  const s = parseSettings(input);
  const dahdiSpans = dahdiPlanOf(s)?.spans.length ?? 0;
  const entries: Entry[] = [
    ['autoload', true, '='],
    { comment: 'Removed from Asterisk before 22, so nothing to noload: chan_sip, chan_skinny, chan_mgcp, chan_alsa, chan_oss.' },
    { comment: 'Asterisk exits (status 2) if one of these does not load: without them no call can be taken.' },
    ...REQUIRE.map((m): Entry => ['require', m, ' = ']),
    ...NOLOAD.flatMap(([m, why]): Entry[] => [{ comment: why }, ['noload', m]]),
  ];
  if (dahdiSpans === 0) {
    entries.push({ comment: 'no DAHDI span is configured for this branch' }, ['noload', 'chan_dahdi.so']);
  } else {
    entries.push({ comment: `chan_dahdi loads (${dahdiSpans} span(s)) but is not required: SIP keeps working if a card fails.` });
  }
  return joinBlocks([banner('modules.conf', s.site.name), section('modules', entries, { separator: ' => ' })]);
}

export function renderLoggerConf(input: SettingsInput): string {
  const s = parseSettings(input);
  const levels = {
    normal: 'notice,warning,error',
    verbose: 'notice,warning,error,verbose(3)',
    debug: 'notice,warning,error,verbose(5),debug',
  }[s.logging.level];
  const files: Entry[] = [
    ['console', levels],
    ['messages.log', levels],
  ];
  if (s.logging.securityLog) files.push({ comment: 'Failed SIP/ARI logins, for fail2ban or the appliance.' }, ['security.log', 'security']);
  return joinBlocks([
    banner('logger.conf', s.site.name),
    section('general', [
      ['dateformat', '%F %T.%3q'],
      ['use_callids', true],
      ['appendhostname', false],
      { comment: 'app_queue is not used: the appliance records every moment of a call itself.' },
      ['queue_log', false],
    ]),
    section('logfiles', files, { separator: ' => ' }),
  ]);
}

export function renderMusicOnHoldConf(input: SettingsInput): string {
  const s = parseSettings(input);
  return joinBlocks([
    banner('musiconhold.conf', s.site.name, [
      'The ACD starts these classes on holding bridges (POST /ari/bridges/{id}/moh?mohClass=<name>).',
      'Files must be in a format Asterisk can play (wav, gsm, ulaw, alaw); the appliance converts uploads with sox.',
    ]),
    ['[general]'],
    ...s.musicOnHold.map((m) =>
      section(m.name, [
        ['mode', 'files'],
        ['directory', m.directory],
        ['sort', m.sort],
      ]),
    ),
  ]);
}

export function renderRtpConf(input: SettingsInput): string {
  const s = parseSettings(input);
  return joinBlocks([
    banner('rtp.conf', s.site.name, [`Open UDP ${s.rtp.portStart}-${s.rtp.portEnd} in the firewall for call audio.`]),
    section('general', [
      ['rtpstart', s.rtp.portStart],
      ['rtpend', s.rtp.portEnd],
      { comment: 'Only accept media from the address the call negotiated.' },
      ['strictrtp', true],
      ['icesupport', false],
    ]),
  ]);
}

/**
 * Asterisk ships no Azerbaijani tone zone. These values are the 425 Hz CIS
 * tone plan (the same as DAHDI's `ru` zone); verify them against the local
 * exchange. They matter when Asterisk itself plays ringback or busy tones.
 */
export function renderIndicationsConf(input: SettingsInput): string {
  const s = parseSettings(input);
  return joinBlocks([
    banner('indications.conf', s.site.name, ['Tones Asterisk generates itself (ringback, busy, congestion).']),
    section('general', [['country', 'az']], { separator: ' = ' }),
    section(
      'az',
      [
        ['description', 'Azerbaijan (CIS 425 Hz tone plan)'],
        ['ringcadence', '1000,4000'],
        ['dial', '425'],
        ['busy', '425/350,0/350'],
        ['ring', '425/1000,0/4000'],
        ['congestion', '425/175,0/175'],
        ['callwaiting', '425/200,0/5000'],
        ['dialrecall', '!425/100,!0/100,!425/100,!0/100,!425/100,!0/100,425'],
        ['record', '1400/400,0/15000'],
        ['info', '950/330,1400/330,1800/330,0/1000'],
        ['stutter', '!425/100,!0/100,!425/100,!0/100,!425/100,!0/100,!425/100,!0/100,!425/100,!0/100,!425/100,!0/100,425'],
      ],
      { separator: ' = ' },
    ),
  ]);
}
