import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertGolden } from './test/golden.ts';
import {
  findProfilesByPciId,
  formatChannelRanges,
  getProfile,
  listProfiles,
  planDahdi,
  renderChanDahdiConf,
  renderDahdiFiles,
  renderModprobe,
  renderModules,
  renderSystemConf,
  type SpanSelectionInput,
} from './index.ts';

/** Every span of the card, used the way the profile suggests, with profile defaults. */
function allSpans(id: string): SpanSelectionInput[] {
  const p = getProfile(id);
  return Array.from({ length: p.spanCount }, (_, i) =>
    p.lineTypes[0] === 'e1' ? { span: i + 1, e1: {} } : { span: i + 1, fxo: {} },
  );
}

test('every shipped profile renders its golden DAHDI files', () => {
  const ids = listProfiles().map((p) => p.id);
  assert.equal(ids, [
    'digium-tdm410',
    'digium-te122',
    'digium-te220',
    'digium-te420',
    'sangoma-a101',
    'sangoma-a102',
    'sangoma-a200-4fxo',
  ]);
  for (const id of ids) {
    const files = renderDahdiFiles([{ profile: id, spans: allSpans(id) }]);
    for (const [name, text] of Object.entries(files)) assertGolden(`${id}/${name}`, text);
  }
});

test('single-card helpers give the same text as the multi-card renderer', () => {
  const spans = allSpans('digium-te420');
  const files = renderDahdiFiles([{ profile: 'digium-te420', spans }]);
  assert.is(renderSystemConf('digium-te420', spans), files['system.conf']);
  assert.is(renderChanDahdiConf(getProfile('digium-te420'), spans), files['chan_dahdi.conf']);
  assert.is(renderModules('digium-te420'), files.modules);
  assert.is(renderModprobe('digium-te420'), files['modprobe.conf']);
});

test('a branch with an E1 card and an FXO card (overrides, skipped span) matches its golden files', () => {
  const files = renderDahdiFiles(
    [
      {
        profile: 'digium-te220',
        spans: [{ span: 2, e1: { group: 3, dids: ['124405000', '124405000', '_12440500X'], echoCanceller: 'hwec' } }],
      },
      {
        profile: 'digium-tdm410',
        spans: [{ span: 1, fxo: { ports: [4, 1, 2], group: 5, cidSignalling: 'v23', cidStart: 'polarity', rxGain: 2.5 } }],
      },
    ],
    { toneZone: 'tr', fxoOpermode: 'TBR21' },
  );
  for (const [name, text] of Object.entries(files)) assertGolden(`mixed-branch/${name}`, text);
});

test('channel numbers count every span of earlier cards, used or not', () => {
  const plan = planDahdi([
    { profile: 'digium-te420', spans: [{ span: 3, e1: {} }] },
    { profile: 'sangoma-a200-4fxo', spans: [{ span: 1, fxo: { ports: [2, 3] } }] },
  ]);
  const [e1, fxo] = plan.spans;
  assert.is(e1.span, 3);
  assert.is(e1.firstChannel, 63);
  assert.ok(e1.kind === 'e1' && e1.dChannel === 78);
  assert.is(fxo.span, 5);
  assert.ok(fxo.kind === 'fxo');
  assert.equal(fxo.kind === 'fxo' && fxo.channels, [126, 127]);
  assert.equal(plan.groups, [
    { group: 1, kind: 'e1', spans: [3] },
    { group: 2, kind: 'fxo', spans: [5] },
  ]);
});

test('timing priorities: CPE spans take the next free priority, network spans never give clock', () => {
  const plan = planDahdi([
    {
      profile: 'digium-te420',
      spans: [
        { span: 1, e1: { timing: 2 } },
        { span: 2, e1: {} },
        { span: 3, e1: { signalling: 'pri_net' } },
        { span: 4, e1: {} },
      ],
    },
  ]);
  const timing = plan.spans.map((s) => (s.kind === 'e1' ? s.settings.timing : null));
  assert.equal(timing, [2, 1, 0, 3]);
});

test('Wanpipe E1 cards declare the D-channel as hardhdlc and load no dahdi-linux module', () => {
  const files = renderDahdiFiles([{ profile: 'sangoma-a102', spans: allSpans('sangoma-a102') }]);
  assert.match(files['system.conf'], /^hardhdlc=16$/m);
  assert.match(files['system.conf'], /^hardhdlc=47$/m);
  assert.not.match(files.modules, /^wanpipe$/m);
});

test('formatChannelRanges compresses runs', () => {
  assert.is(formatChannelRanges([5, 1, 2, 3, 7, 8]), '1-3,5,7-8');
  assert.is(formatChannelRanges([16]), '16');
  assert.is(formatChannelRanges([]), '');
});

test('profiles can be found by PCI id from lspci -n', () => {
  assert.equal(findProfilesByPciId('D161:1220').map((p) => p.id), ['digium-te220']);
  assert.equal(findProfilesByPciId('dead:beef'), []);
});

test('an empty selection still renders valid files (no DAHDI in this branch)', () => {
  const files = renderDahdiFiles([]);
  assert.match(files['chan_dahdi.conf'], /No DAHDI spans are selected/);
  assert.match(files['system.conf'], /^loadzone=ru$/m);
});

test.run();
