import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertGolden } from './test/golden.ts';
import {
  AGENT_ENDPOINT_OPTIONS,
  agentDynamicObjects,
  APPLY_CHANGES,
  ASTERISK_CONFIG_FILES,
  parseSettings,
  renderAll,
  renderDahdiHostFiles,
  renderPjsipConf,
  resolveAgentDialString,
  type SettingsInput,
} from './index.ts';
import { MINIMAL_SETTINGS, SAMPLE_SETTINGS } from './sample-settings.ts';

test('the sample branch renders its golden files', () => {
  const files = renderAll(SAMPLE_SETTINGS);
  assert.equal(Object.keys(files).sort(), [...ASTERISK_CONFIG_FILES].sort());
  for (const [name, text] of Object.entries(files)) assertGolden(`sample/${name}`, text);
  for (const [path, text] of Object.entries(renderDahdiHostFiles(SAMPLE_SETTINGS))) {
    assertGolden(`sample/host${path}`, text);
  }
});

test('minimal settings (site and ARI only) render their golden files, without chan_dahdi.conf', () => {
  const files = renderAll(MINIMAL_SETTINGS);
  assert.not.ok('chan_dahdi.conf' in files);
  assert.equal(renderDahdiHostFiles(MINIMAL_SETTINGS), {});
  for (const [name, text] of Object.entries(files)) assertGolden(`minimal/${name}`, text);
});

test('ARI provisioning leaves agents out of pjsip.conf but keeps the templates', () => {
  const settings: SettingsInput = { ...SAMPLE_SETTINGS, agents: { ...SAMPLE_SETTINGS.agents, provisioning: 'ari' } };
  const pjsip = renderPjsipConf(settings);
  assertGolden('ari-provisioning/pjsip.conf', pjsip);
  assert.not.match(pjsip, /^\[1001\]/m);
  assert.match(pjsip, /^\[edgecall-agent-endpoint\]\(!\)$/m);
});

test('every file is plain Asterisk config: sections, options, comments, nothing else', () => {
  const line = /^(|;.*|\[[^\][]+\](\((!|[a-z0-9_,-]+)\))?|[A-Za-z0-9_.]+ ?(=|=>) ?.*|exten => .+| same => .+)$/;
  for (const [name, text] of Object.entries(renderAll(SAMPLE_SETTINGS))) {
    text.split('\n').forEach((l, i) => assert.ok(line.test(l), `${name}:${i + 1} is not a config line: ${JSON.stringify(l)}`));
    assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), `${name} must end with exactly one newline`);
  }
});

test('every context used by an endpoint or DAHDI exists, and none of them can dial out', () => {
  const files = renderAll(SAMPLE_SETTINGS);
  const defined = new Set([...files['extensions.conf'].matchAll(/^\[([a-z0-9-]+)\]$/gm)].map((m) => m[1]));
  const used = [files['pjsip.conf'], files['chan_dahdi.conf']].flatMap((t) => [...t.matchAll(/^context=(.+)$/gm)].map((m) => m[1]));
  assert.ok(used.length >= 4, 'expected trunks, the agent template and DAHDI to set a context');
  for (const ctx of used) {
    assert.ok(defined.has(ctx), `context ${ctx} is used but not defined`);
    // Toll-fraud guard: only Local channels made by the appliance may reach the trunks.
    assert.is.not(ctx, 'edgecall-outbound');
  }
});

test('inbound and agent calls enter the Stasis app with the documented arguments', () => {
  const ext = renderAll(SAMPLE_SETTINGS)['extensions.conf'];
  const section = (name: string) => ext.split(/^\[/m).find((s) => s.startsWith(`${name}]`)) ?? '';
  assert.match(section('edgecall-trunk'), ' same => n,Stasis(edgecall,inbound,${EXTEN})');
  assert.match(section('edgecall-internal'), ' same => n,Stasis(edgecall,inbound,${EXTEN})');
  assert.match(section('edgecall-agent'), ' same => n,Stasis(edgecall,agent-dial,${EXTEN})');
  for (const ctx of ['edgecall-trunk', 'edgecall-agent', 'edgecall-internal', 'edgecall-outbound']) {
    assert.match(section(ctx), /^exten => h,1,/m, `${ctx} needs an h extension`);
  }
  assert.not.match(section('edgecall-trunk'), /Dial\(/, 'inbound calls must never be dialled onwards by the dialplan');
});

test('a custom Stasis app name is used everywhere', () => {
  const ext = renderAll({ ...MINIMAL_SETTINGS, stasisApp: 'edgecall-test' })['extensions.conf'];
  assert.match(ext, 'Stasis(edgecall-test,inbound,${EXTEN})');
  assert.not.match(ext, 'Stasis(edgecall,');
});

test('agents pushed through ARI get the same endpoint options as the pjsip.conf template', () => {
  const objects = agentDynamicObjects(SAMPLE_SETTINGS, '1001');
  assert.equal(objects.map((o) => o.objectType), ['auth', 'aor', 'endpoint']);
  assert.is(objects[2].path, '/asterisk/config/dynamic/res_pjsip/endpoint/1001');
  const endpoint = new Map(objects[2].body.fields.map((f) => [f.attribute, f.value]));
  const template = `${renderPjsipConf(SAMPLE_SETTINGS).split('[edgecall-agent-endpoint](!)')[1].split('\n\n')[0]}\n`;
  for (const o of AGENT_ENDPOINT_OPTIONS) {
    assert.is(endpoint.get(o.key), o.value);
    assert.match(template, `\n${o.key}=${o.value}\n`);
  }
  assert.is(endpoint.get('moh_passthrough'), 'no');
  assert.is(endpoint.get('allow'), '!all,alaw,ulaw');
  assert.is(endpoint.get('callerid'), '"Aysel Məmmədova" <1001>');
  const auth = new Map(objects[0].body.fields.map((f) => [f.attribute, f.value]));
  assert.is(auth.get('password'), 'Kx9!mPq2-Lw');
});

test('dial strings: PJSIP by default, Local through the outbound context for remote agents, custom templates', () => {
  assert.is(resolveAgentDialString(SAMPLE_SETTINGS, '1001'), 'PJSIP/1001');
  assert.is(resolveAgentDialString(SAMPLE_SETTINGS, '1050'), 'Local/+994501234567@edgecall-outbound/n');
  const custom: SettingsInput = {
    ...MINIMAL_SETTINGS,
    agents: { phones: [{ kind: 'remote', number: '2001', dialString: 'Local/{number}@branch-pbx/n' }] },
  };
  assert.is(resolveAgentDialString(custom, '2001'), 'Local/2001@branch-pbx/n');
});

test('parsing is idempotent, so parsed settings can be passed back to every renderer', () => {
  const once = parseSettings(SAMPLE_SETTINGS);
  assert.equal(parseSettings(once), once);
  assert.equal(renderAll(once), renderAll(SAMPLE_SETTINGS));
});

test('every file renderAll can produce says how a running Asterisk picks it up', () => {
  for (const f of ASTERISK_CONFIG_FILES) {
    const how = APPLY_CHANGES[f];
    assert.ok(how.reloadModule || how.cli || how.restart, f);
  }
});

test.run();
