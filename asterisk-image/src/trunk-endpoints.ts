/**
 * A SIP trunk's auth, aor and endpoint as the field lists the appliance PUTs
 * to `/ari/asterisk/config/dynamic/res_pjsip/...`, so outbound calls through
 * a new trunk work without a PBX reload. The values are those of
 * render-pjsip.ts's trunk blocks. What ARI cannot create stays in pjsip.conf
 * only and needs `module reload res_pjsip.so`: the `registration` (its type
 * has no writable sorcery mapping: 403) and the `identify` that recognises
 * the provider's calls by address (ARI answers 500 "Allocation failed").
 */
import type { ConfigTuple, DynamicObject } from './agent-endpoints.ts';
import { hostForUri } from './safe-values.ts';
import { parseSettings, type SettingsInput } from './settings.ts';
import { SettingsError } from './settings-error.ts';

/** The objects in creation order (auth, aor, endpoint); delete in reverse. */
export function trunkDynamicObjects(input: SettingsInput, trunkId: string): DynamicObject[] {
  const s = parseSettings(input);
  const t = s.sip.trunks.find((x) => x.id === trunkId);
  if (!t) throw new SettingsError([{ path: 'sip.trunks', message: `no trunk with id ${trunkId}` }]);
  const auth = `${t.id}-auth`;
  const object = (objectType: DynamicObject['objectType'], id: string, fields: [string, string][]): DynamicObject => ({
    objectType,
    id,
    path: `/asterisk/config/dynamic/res_pjsip/${objectType}/${encodeURIComponent(id)}`,
    body: { fields: fields.map(([attribute, value]): ConfigTuple => ({ attribute, value })) },
  });
  const out: DynamicObject[] = [];
  if (t.username && t.secret) {
    out.push(object('auth', auth, [['auth_type', 'digest'], ['username', t.username], ['password', t.secret]]));
  }
  out.push(object('aor', t.id, [['contact', `sip:${hostForUri(t.host)}:${t.port}`], ['qualify_frequency', String(t.qualifyFrequency)]]));
  const endpoint: [string, string][] = [
    ['transport', `transport-${t.transport}`],
    ['context', 'edgecall-trunk'],
    ['disallow', 'all'],
    ['allow', t.codecs.join(',')],
    ['aors', t.id],
  ];
  if (t.username && t.secret) endpoint.push(['outbound_auth', auth]);
  if (t.username) endpoint.push(['from_user', t.username]);
  endpoint.push(
    ['from_domain', t.fromDomain ?? t.host],
    ['direct_media', 'no'],
    ['rtp_symmetric', 'yes'],
    ['force_rport', 'yes'],
    ['rewrite_contact', 'yes'],
    ['dtmf_mode', 'rfc4733'],
    ['trust_id_inbound', 'yes'],
    ['send_pai', 'yes'],
  );
  out.push(object('endpoint', t.id, endpoint));
  return out;
}
