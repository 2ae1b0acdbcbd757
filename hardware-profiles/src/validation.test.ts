import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  getProfile,
  HardwareConfigError,
  parseProfile,
  planDahdi,
  renderSystemConf,
  type CardSelectionInput,
} from './index.ts';

/** Runs fn, expects a HardwareConfigError, and returns its issues as `path: message` lines. */
function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.instance(err, HardwareConfigError);
    return (err as HardwareConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.unreachable('expected a HardwareConfigError');
  return [];
}

function expectIssue(cards: CardSelectionInput[], path: string, fragment: string | RegExp): void {
  const found = issues(() => planDahdi(cards));
  const matches = (line: string) => (typeof fragment === 'string' ? line.includes(fragment) : fragment.test(line));
  const hit = found.find((line) => line.startsWith(`${path}: `) && matches(line));
  assert.ok(hit, `expected an issue at ${path} matching ${fragment}, got:\n${found.join('\n')}`);
}

test('a span beyond the card is refused, naming the card and its span count', () => {
  expectIssue([{ profile: 'digium-te220', spans: [{ span: 3, e1: {} }] }], 'cards[0].spans[0].span', 'span 3 does not exist on Digium (Sangoma) TE220 (2 spans)');
});

test('one span cannot carry both E1 and FXO settings', () => {
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1, e1: {}, fxo: {} }] }], 'cards[0].spans[0]', 'cannot be both E1 and FXO');
});

test('a span must say whether it is E1 or FXO', () => {
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1 }] }], 'cards[0].spans[0]', 'choose e1 or fxo');
});

test('E1 settings on an analog card and FXO settings on an E1 card are refused', () => {
  expectIssue([{ profile: 'digium-tdm410', spans: [{ span: 1, e1: {} }] }], 'cards[0].spans[0].e1', 'has no E1 lines (its lines are: fxo)');
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1, fxo: {} }] }], 'cards[0].spans[0].fxo', 'has no FXO lines');
});

test('the same span twice is refused', () => {
  expectIssue([{ profile: 'digium-te220', spans: [{ span: 1, e1: {} }, { span: 1, e1: {} }] }], 'cards[0].spans[1].span', 'configured twice');
});

test('FXO ports beyond the card or listed twice are refused', () => {
  expectIssue([{ profile: 'digium-tdm410', spans: [{ span: 1, fxo: { ports: [1, 5] } }] }], 'cards[0].spans[0].fxo.ports', 'port 5 does not exist');
  expectIssue([{ profile: 'digium-tdm410', spans: [{ span: 1, fxo: { ports: [2, 2] } }] }], 'cards[0].spans[0].fxo.ports', 'listed twice');
});

test('CAS/MFC-R2 framing is refused with an explanation', () => {
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1, e1: { framing: 'cas' } }] }], 'cards[0].spans[0].e1.framing', 'ISDN PRI (ccs) only');
});

test('two spans with the same clock priority are refused', () => {
  expectIssue(
    [{ profile: 'digium-te220', spans: [{ span: 1, e1: { timing: 1 } }, { span: 2, e1: { timing: 1 } }] }],
    'cards[0].spans[1].e1.timing',
    'both have timing priority 1',
  );
});

test('a call group cannot mix E1 and FXO channels', () => {
  expectIssue(
    [
      { profile: 'digium-te122', spans: [{ span: 1, e1: { group: 4 } }] },
      { profile: 'digium-tdm410', spans: [{ span: 1, fxo: { group: 4 } }] },
    ],
    'cards[1].spans[0].fxo.group',
    'group 4 would mix E1 and FXO',
  );
});

test('a hardware echo canceller is refused on a card that cannot have one', () => {
  const noHwec = { ...structuredClone(getProfile('digium-te122')), id: 'test-no-hwec', hardwareEchoCanceller: { availability: 'none' } };
  expectIssue([{ profile: noHwec, spans: [{ span: 1, e1: { echoCanceller: 'hwec' } }] }], 'cards[0].spans[0].e1.echoCanceller', 'no hardware echo canceller');
});

test('schema errors name the field: group out of range, unknown key, wrong type', () => {
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1, e1: { group: 64 } }] }], 'cards[0].spans[0].e1.group', 'DAHDI groups are 0–63');
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1, e1: { swichtype: 'euroisdn' } as never }] }], 'cards[0].spans[0].e1', /Unrecognized key/);
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 0, e1: {} }] }], 'cards[0].spans[0].span', 'numbered from 1');
  expectIssue([{ profile: 'digium-te122', spans: [{ span: 1, e1: { dids: ['12;34'] } }] }], 'cards[0].spans[0].e1.dids[0]', 'a DID is digits');
});

test('unknown profile ids list the known ones', () => {
  expectIssue([{ profile: 'digium-te999', spans: [] }], 'cards[0].profile', /unknown hardware profile 'digium-te999'; known: digium-tdm410, /);
});

test('a custom profile object is validated like a shipped one', () => {
  const broken = { ...structuredClone(getProfile('digium-te122')), id: 'custom', channelsPerSpan: 24 };
  expectIssue([{ profile: broken, spans: [] }], 'cards[0].profile.channelsPerSpan', 'an E1 span has 31 DAHDI channels');
  const found = issues(() => parseProfile({ id: 'Bad Id' }));
  assert.ok(found.some((l) => l.startsWith('id: ')), found.join('\n'));
});

test('bad options are reported under options', () => {
  const found = issues(() => renderSystemConf('digium-te122', [{ span: 1, e1: {} }], { toneZone: 'azerbaijan' }));
  assert.ok(found.some((l) => l.startsWith('options.toneZone: ')), found.join('\n'));
});

test('the error message lists every issue for the admin', () => {
  try {
    planDahdi([{ profile: 'digium-te220', spans: [{ span: 9, e1: {} }, { span: 1 }] }]);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, HardwareConfigError);
    assert.match((err as Error).message, /cards\[0\]\.spans\[0\]\.span: span 9 does not exist/);
    assert.match((err as Error).message, /cards\[0\]\.spans\[1\]: span 1: choose e1 or fxo/);
  }
});

test.run();
