/**
 * http.conf and ari.conf: the HTTP server ARI rides on, and the one ARI user
 * the appliance logs in with (ASTERISK_ARI_USER / ASTERISK_ARI_PASSWORD).
 */
import { banner, joinBlocks, section, type Entry } from './conf-text.ts';
import { parseSettings, type SettingsInput } from './settings.ts';

export function renderHttpConf(input: SettingsInput): string {
  const s = parseSettings(input);
  return joinBlocks([
    banner('http.conf', s.site.name, [
      'Asterisk serves ARI (REST and the /ari/events WebSocket) on this HTTP server.',
      `Check it with: curl -u <user>:<password> http://${s.ari.bindAddress}:${s.ari.port}/ari/asterisk/ping`,
    ]),
    section(
      'general',
      [
        ['enabled', true],
        ['bindaddr', s.ari.bindAddress],
        ['bindport', s.ari.port],
        // ari-client builds URLs from protocol and host only and ignores any
        // path, so ARI must sit at /ari: no prefix (ari-api-docs/NOTES.md §2.2).
        { comment: 'No prefix: ari-client ignores URL paths, so ARI must stay at /ari.' },
        { comment: 'Empty servername: do not advertise the Asterisk version in the Server header.' },
        ['servername', ''],
        ['sessionlimit', 100],
      ],
      { separator: ' = ' },
    ),
  ]);
}

export function renderAriConf(input: SettingsInput): string {
  const s = parseSettings(input);
  const user: Entry[] = [
    ['type', 'user'],
    ['read_only', false],
    ['password', s.ari.password],
    ['password_format', 'plain'],
  ];
  if (s.ari.allowedNetworks.length) {
    user.push(
      { comment: 'Only the appliance may use ARI: deny everything, then permit its networks.' },
      ['deny', '0.0.0.0/0'],
      ['deny', '::/0'],
      ...s.ari.allowedNetworks.map((n): Entry => ['permit', n]),
    );
  }
  return joinBlocks([
    banner('ari.conf', s.site.name, [`The appliance connects as '${s.ari.user}' and runs the Stasis app '${s.stasisApp}'.`]),
    section(
      'general',
      [
        ['enabled', true],
        ['pretty', false],
        { comment: 'No allowed_origins: browsers never talk to ARI directly, only the appliance does.' },
      ],
      { separator: ' = ' },
    ),
    section(s.ari.user, user, { separator: ' = ', comment: ['The ARI user of the EdgeCall appliance.'] }),
  ]);
}
