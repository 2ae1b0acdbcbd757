import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  agentDynamicObjects,
  parseSettings,
  renderAll,
  renderAriConf,
  renderChanDahdiConf,
  renderDahdiHostFiles,
  renderExtensionsConf,
  renderHttpConf,
  renderIndicationsConf,
  renderLoggerConf,
  renderModulesConf,
  renderMusicOnHoldConf,
  renderPjsipConf,
  renderRtpConf,
  renderSorceryConf,
  resolveAgentDialString,
  SettingsError,
  type SettingsInput,
} from './index.ts';
import { MINIMAL_SETTINGS, SAMPLE_SETTINGS } from './sample-settings.ts';

/** Runs fn, expects a SettingsError, returns its issues as `path: message` lines. */
function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof SettingsError)) assert.unreachable(`expected SettingsError, got ${String(err)}`);
    return (err as SettingsError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.unreachable('expected a SettingsError');
  return [];
}

function expectIssue(settings: unknown, path: string, fragment: string): void {
  const found = issues(() => parseSettings(settings));
  assert.ok(
    found.some((l) => l.startsWith(`${path}: `) && l.includes(fragment)),
    `expected an issue at ${path} containing "${fragment}", got:\n${found.join('\n')}`,
  );
}

const withTrunk = (trunk: Record<string, unknown>): unknown => ({ ...MINIMAL_SETTINGS, sip: { trunks: [{ id: 'tr', host: 'sip.example.az', ...trunk }] } });

test('config injection through a secret is refused, naming the field and the character', () => {
  expectIssue(withTrunk({ username: 'u', secret: 'abc\n[evil]\ntype=endpoint' }), 'sip.trunks[0].secret', 'a line break');
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'long-enough-pass;x' } }, 'ari.password', "';'");
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'long-enough-[pass]' } }, 'ari.password', "'[' or ']'");
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'long enough password' } }, 'ari.password', 'without spaces');
});

test('config injection through names and text is refused', () => {
  expectIssue({ ...MINIMAL_SETTINGS, site: { id: 'demo', name: 'Demo\n[general]' } }, 'site.name', 'a line break');
  expectIssue({ ...MINIMAL_SETTINGS, site: { id: 'demo', name: 'Demo ${SHELL}' } }, 'site.name', "'$'");
  expectIssue(withTrunk({ outboundCallerId: { number: '124405000', name: 'Evil)' } }), 'sip.trunks[0].outboundCallerId.name', "')'");
  expectIssue(withTrunk({ id: 'Tr;unk' }), 'sip.trunks[0].id', 'must start with a letter');
  expectIssue(withTrunk({ dids: ['1234,1,Dial(PJSIP/x)'] }), 'sip.trunks[0].dids[0]', 'a DID is digits');
  expectIssue({ ...MINIMAL_SETTINGS, musicOnHold: [{ name: 'default', directory: '/var/../etc' }] }, 'musicOnHold[0].directory', "'..'");
  expectIssue(
    { ...MINIMAL_SETTINGS, agents: { phones: [{ kind: 'sip', number: '1001', password: 'pass-word-x', dialString: 'PJSIP/{number}&PJSIP/1002' }] } },
    'agents.phones[0].dialString',
    'no spaces, commas or &',
  );
});

test('typos and missing fields are reported by path', () => {
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', pasword: 'x' } }, 'ari', 'Unrecognized key: "pasword"');
  expectIssue({ site: { id: 'demo', name: 'Demo' } }, 'ari', 'expected object');
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'short' } }, 'ari.password', 'at least 16 characters');
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'change-me-0123456789', port: 70000 } }, 'ari.port', '1–65535');
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'change-me-0123456789', bindAddress: 'localhost' } }, 'ari.bindAddress', 'IPv4 or IPv6');
  expectIssue({ ...MINIMAL_SETTINGS, agents: { phones: [{ kind: 'softphone', number: '1001' }] } }, 'agents.phones[0].kind', 'Invalid discriminator');
});

test('cross-field rules: trunks', () => {
  expectIssue(withTrunk({ register: true }), 'sip.trunks[0].username', 'needs a username');
  expectIssue(withTrunk({ register: true, username: 'u' }), 'sip.trunks[0].secret', 'needs a secret');
  expectIssue(withTrunk({ transport: 'tcp' }), 'sip.trunks[0].transport', 'no tcp transport');
  expectIssue(
    { ...MINIMAL_SETTINGS, sip: { trunks: [{ id: 'a', host: 'h.example.az' }, { id: 'a', host: 'g.example.az' }] } },
    'sip.trunks[1].id',
    'used twice',
  );
  expectIssue(
    { ...MINIMAL_SETTINGS, sip: { transports: [{ protocol: 'udp' }, { protocol: 'tcp', port: 8088 }] } },
    'sip.transports[1].port',
    'already used by ARI',
  );
});

test('cross-field rules: agents, route, hold music, RTP, ARI user', () => {
  const agent = (extra: Record<string, unknown>) => ({ ...MINIMAL_SETTINGS, agents: { phones: [{ kind: 'sip', number: '1001', password: 'pass-word-x', ...extra }] } });
  expectIssue({ ...MINIMAL_SETTINGS, agents: { phones: [agent({}).agents.phones[0], agent({}).agents.phones[0]] } }, 'agents.phones[1].number', 'used twice');
  expectIssue(agent({ password: 'my-1001-pass' }), 'agents.phones[0].password', 'must not contain the agent number');
  expectIssue({ ...MINIMAL_SETTINGS, agents: { phones: [{ kind: 'remote', number: '1050' }] } }, 'agents.phones[0].externalNumber', 'needs an externalNumber');
  expectIssue(
    { ...MINIMAL_SETTINGS, agents: { phones: [{ kind: 'remote', number: '1050', externalNumber: '+994501234567' }] } },
    'agents.phones[0]',
    'no trunk or DAHDI group exists',
  );
  expectIssue({ ...MINIMAL_SETTINGS, outbound: { route: ['trunk:nope'] } }, 'outbound.route[0]', "no trunk with id 'nope'");
  expectIssue({ ...MINIMAL_SETTINGS, outbound: { route: ['dahdi:7'] } }, 'outbound.route[0]', 'no DAHDI span is in group 7');
  expectIssue({ ...MINIMAL_SETTINGS, musicOnHold: [{ name: 'jazz', directory: '/moh/jazz' }] }, 'musicOnHold', "named 'default' is required");
  expectIssue({ ...MINIMAL_SETTINGS, rtp: { portStart: 20000, portEnd: 10000 } }, 'rtp.portEnd', 'greater than rtp.portStart');
  expectIssue({ ...MINIMAL_SETTINGS, ari: { user: 'general', password: 'change-me-0123456789' } }, 'ari.user', '[general] section');
});

test('impossible DAHDI selections are reported under dahdi with the card path', () => {
  const dahdi = (cards: unknown, options: unknown = {}) => ({ ...MINIMAL_SETTINGS, dahdi: { cards, options } });
  expectIssue(dahdi([{ profile: 'digium-te122', spans: [{ span: 2, e1: {} }] }]), 'dahdi.cards[0].spans[0].span', 'span 2 does not exist');
  expectIssue(dahdi([{ profile: 'digium-te122', spans: [{ span: 1, e1: {}, fxo: {} }] }]), 'dahdi.cards[0].spans[0]', 'both E1 and FXO');
  expectIssue(dahdi([{ profile: 'digium-te122', spans: [{ span: 1, e1: { group: 99 } }] }]), 'dahdi.cards[0].spans[0].e1.group', 'DAHDI groups are 0–63');
  expectIssue(dahdi([], { context: 'from-pstn' }), 'dahdi.options.context', "must be 'edgecall-trunk'");
});

test('every renderer reports bad settings as a SettingsError, never an obscure throw', () => {
  const bad = { ...MINIMAL_SETTINGS, ari: { user: 'edgecall', password: 'x\ny' } };
  const renderers: Array<(s: SettingsInput) => unknown> = [
    renderAll, renderAriConf, renderHttpConf, renderExtensionsConf, renderPjsipConf, renderSorceryConf,
    renderMusicOnHoldConf, renderModulesConf, renderLoggerConf, renderRtpConf, renderIndicationsConf,
    renderChanDahdiConf, renderDahdiHostFiles,
    (s) => agentDynamicObjects(s, '1001'), (s) => resolveAgentDialString(s, '1001'),
  ];
  for (const render of renderers) {
    const found = issues(() => render(bad as SettingsInput));
    assert.ok(found.some((l) => l.startsWith('ari.password: ')), `${render.name}: ${found.join('; ')}`);
  }
  for (const input of [undefined, null, 42, 'settings', []]) {
    assert.ok(issues(() => renderAll(input as never)).length > 0);
  }
});

test('agent helpers explain unknown or unsuitable agents', () => {
  assert.ok(issues(() => agentDynamicObjects(SAMPLE_SETTINGS, '9999'))[0].includes('no agent with number 9999'));
  assert.ok(issues(() => agentDynamicObjects(SAMPLE_SETTINGS, '1050'))[0].includes('remote agent and has no SIP endpoint'));
});

test('the error message lists every issue for the admin', () => {
  try {
    parseSettings({ site: { id: 'Bad_Id', name: '' }, ari: { user: 'edgecall', password: 'change-me-0123456789' } });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, SettingsError);
    assert.match((err as Error).message, /^Invalid Asterisk settings:/);
    assert.match((err as Error).message, /site\.id: lowercase letters, digits and dashes/);
    assert.match((err as Error).message, /site\.name: must not be empty/);
  }
});

test('IPv6 addresses are bracketed where Asterisk expects a URI or bind address', () => {
  const s: SettingsInput = {
    ...MINIMAL_SETTINGS,
    sip: { transports: [{ protocol: 'udp', bindAddress: '::' }], trunks: [{ id: 'v6', host: '2001:db8::10' }] },
  };
  const pjsip = renderPjsipConf(s);
  assert.match(pjsip, /^bind=\[::\]:5060$/m);
  assert.match(pjsip, /^contact=sip:\[2001:db8::10\]:5060$/m);
  assert.match(pjsip, /^match=2001:db8::10$/m);
});

test.run();
