/**
 * Turns card selections into a DAHDI plan: global span and channel numbers,
 * resolved settings and call groups. Every renderer works from the plan, so
 * the numbering rules live in exactly one place.
 *
 * DAHDI numbers spans and channels across all cards in registration order, and
 * a span that EdgeCall does not use still occupies its channel numbers. So the
 * plan counts every span of every card, selected or not.
 */
import { z } from 'zod';
import { formatPath, HardwareConfigError, issuesFromZod, type ConfigIssue } from './errors.ts';
import type { E1Defaults, FxoDefaults, HardwareProfile, LineKind } from './profile-schema.ts';
import { getProfile, parseProfile } from './profiles.ts';
import {
  CardSelection,
  DahdiOptions,
  type CardSelectionInput,
  type DahdiOptionsInput,
  type E1Selection,
  type FxoSelection,
} from './selection-schema.ts';

interface PlannedSpanBase {
  /** Index of the card in the selection list. */
  card: number;
  profile: HardwareProfile;
  /** Span number on the card (port). */
  localSpan: number;
  /** Index of this span in the card's `spans` selection list (for error paths). */
  selection: number;
  /** DAHDI span number (global). */
  span: number;
  /** First DAHDI channel number of the span (global). */
  firstChannel: number;
  group: number;
}

export interface PlannedE1Span extends PlannedSpanBase {
  kind: 'e1';
  settings: E1Defaults & { timing: number; dids: string[] };
  bearerChannels: number[];
  dChannel: number;
}

export interface PlannedFxoSpan extends PlannedSpanBase {
  kind: 'fxo';
  settings: FxoDefaults & { rxGain?: number; txGain?: number };
  channels: number[];
}

export type PlannedSpan = PlannedE1Span | PlannedFxoSpan;

export interface DahdiPlan {
  options: DahdiOptions;
  cards: { profile: HardwareProfile; firstSpan: number; firstChannel: number }[];
  /** Selected spans in DAHDI span order. */
  spans: PlannedSpan[];
  /** Call groups in ascending order with the kind of line they hold. */
  groups: { group: number; kind: LineKind; spans: number[] }[];
}

/** E1 time slot 16 carries the ISDN D-channel; 1–15 and 17–31 are bearers. */
const E1_DCHANNEL_SLOT = 16;
const DEFAULT_GROUP: Record<LineKind, number> = { e1: 1, fxo: 2 };

export function planDahdi(cards: readonly CardSelectionInput[], options: DahdiOptionsInput = {}): DahdiPlan {
  const parsedOptions = DahdiOptions.safeParse(options);
  const parsedCards = z.array(CardSelection).safeParse(cards);
  const issues: ConfigIssue[] = [];
  if (!parsedOptions.success) issues.push(...issuesFromZod(parsedOptions.error, ['options']));
  if (!parsedCards.success) issues.push(...issuesFromZod(parsedCards.error, ['cards']));
  if (!parsedOptions.success || !parsedCards.success) throw new HardwareConfigError(issues);

  const plan: DahdiPlan = { options: parsedOptions.data, cards: [], spans: [], groups: [] };
  let nextSpan = 1;
  let nextChannel = 1;
  parsedCards.data.forEach((card, cardIndex) => {
    const at = (...rest: PropertyKey[]) => formatPath(['cards', cardIndex, ...rest]);
    const profile = resolveProfile(card.profile, at('profile'), issues);
    if (!profile) return;
    plan.cards.push({ profile, firstSpan: nextSpan, firstChannel: nextChannel });
    const seen = new Set<number>();
    card.spans.forEach((sel, i) => {
      const where = (...rest: PropertyKey[]) => at('spans', i, ...rest);
      if (sel.span > profile.spanCount) {
        issues.push({ path: where('span'), message: `span ${sel.span} does not exist on ${name(profile)} (${profile.spanCount} span${profile.spanCount > 1 ? 's' : ''})` });
        return;
      }
      if (seen.has(sel.span)) {
        issues.push({ path: where('span'), message: `span ${sel.span} is configured twice` });
        return;
      }
      seen.add(sel.span);
      if (sel.e1 && sel.fxo) {
        issues.push({ path: where(), message: `span ${sel.span} cannot be both E1 and FXO; give either e1 or fxo settings` });
        return;
      }
      if (!sel.e1 && !sel.fxo) {
        issues.push({ path: where(), message: `span ${sel.span}: choose e1 or fxo (${name(profile)} supports: ${profile.lineTypes.join(', ')})` });
        return;
      }
      const kind: LineKind = sel.e1 ? 'e1' : 'fxo';
      if (!profile.lineTypes.includes(kind)) {
        issues.push({ path: where(kind), message: `${name(profile)} has no ${kind.toUpperCase()} lines (its lines are: ${profile.lineTypes.join(', ')})` });
        return;
      }
      const span = nextSpan + sel.span - 1;
      const firstChannel = nextChannel + (sel.span - 1) * profile.channelsPerSpan;
      const base = { card: cardIndex, selection: i, profile, localSpan: sel.span, span, firstChannel };
      const planned = sel.e1
        ? planE1(base, sel.e1, where('e1'), issues)
        : planFxo(base, sel.fxo as FxoSelection, where('fxo'), issues);
      if (planned) plan.spans.push(planned);
    });
    nextSpan += profile.spanCount;
    nextChannel += profile.spanCount * profile.channelsPerSpan;
  });

  plan.spans.sort((a, b) => a.span - b.span);
  assignTiming(plan.spans, issues);
  plan.groups = collectGroups(plan.spans, issues);
  if (issues.length) throw new HardwareConfigError(issues);
  return plan;
}

function resolveProfile(ref: string | Record<string, unknown>, path: string, issues: ConfigIssue[]): HardwareProfile | null {
  try {
    return typeof ref === 'string' ? getProfile(ref) : parseProfile(ref);
  } catch (err) {
    if (err instanceof HardwareConfigError) {
      issues.push(...err.issues.map((i) => ({ path: i.path === 'profile' ? path : `${path}.${i.path}`, message: i.message })));
      return null;
    }
    throw err;
  }
}

type Base = Omit<PlannedSpanBase, 'group'>;

function planE1(base: Base, sel: E1Selection, path: string, issues: ConfigIssue[]): PlannedE1Span | null {
  const defaults = base.profile.defaults.e1 as E1Defaults;
  if (sel.framing === 'cas') {
    issues.push({ path: `${path}.framing`, message: 'CAS (MFC/R2) E1 is not supported; EdgeCall generates ISDN PRI (ccs) only' });
    return null;
  }
  const { group, timing, dids, framing: _framing, ...overrides } = sel;
  const settings = { ...defaults, ...defined(overrides), timing: timing ?? -1, dids: [...new Set(dids ?? [])] };
  if (!checkEchoCanceller(base.profile, settings.echoCanceller, `${path}.echoCanceller`, issues)) return null;
  const slots = Array.from({ length: 31 }, (_, i) => base.firstChannel + i);
  return {
    ...base,
    kind: 'e1',
    group: group ?? DEFAULT_GROUP.e1,
    settings,
    dChannel: base.firstChannel + E1_DCHANNEL_SLOT - 1,
    bearerChannels: slots.filter((c) => c !== base.firstChannel + E1_DCHANNEL_SLOT - 1),
  };
}

function planFxo(base: Base, sel: FxoSelection, path: string, issues: ConfigIssue[]): PlannedFxoSpan | null {
  const defaults = base.profile.defaults.fxo as FxoDefaults;
  const portCount = base.profile.channelsPerSpan;
  const ports = sel.ports ?? Array.from({ length: portCount }, (_, i) => i + 1);
  const bad = ports.filter((p) => p > portCount);
  if (bad.length) {
    issues.push({ path: `${path}.ports`, message: `port ${bad.join(', ')} does not exist on ${name(base.profile)} (${portCount} ports)` });
    return null;
  }
  if (new Set(ports).size !== ports.length) {
    issues.push({ path: `${path}.ports`, message: 'a port is listed twice' });
    return null;
  }
  const { group, ports: _ports, ...overrides } = sel;
  const settings = { ...defaults, ...defined(overrides) };
  if (!checkEchoCanceller(base.profile, settings.echoCanceller, `${path}.echoCanceller`, issues)) return null;
  return {
    ...base,
    kind: 'fxo',
    group: group ?? DEFAULT_GROUP.fxo,
    settings,
    channels: [...ports].sort((a, b) => a - b).map((p) => base.firstChannel + p - 1),
  };
}

function checkEchoCanceller(profile: HardwareProfile, ec: string, path: string, issues: ConfigIssue[]): boolean {
  if (ec === 'hwec' && profile.hardwareEchoCanceller.availability === 'none') {
    issues.push({ path, message: `${name(profile)} has no hardware echo canceller; use mg2 or oslec` });
    return false;
  }
  return true;
}

/**
 * PRI spans facing the telco take their clock from it, in order of preference
 * (1, 2, …). Spans without an explicit priority get the next free one; a
 * network-side span (pri_net) never provides our clock.
 */
function assignTiming(spans: PlannedSpan[], issues: ConfigIssue[]): void {
  const e1 = spans.filter((s): s is PlannedE1Span => s.kind === 'e1');
  const used = new Map<number, PlannedE1Span>();
  for (const s of e1) {
    const t = s.settings.timing;
    if (t <= 0) continue;
    const other = used.get(t);
    if (other) {
      issues.push({
        path: formatPath(['cards', s.card, 'spans', s.selection, 'e1', 'timing']),
        message: `DAHDI spans ${other.span} and ${s.span} both have timing priority ${t}; each clock source needs its own priority`,
      });
    }
    used.set(t, s);
  }
  let next = 1;
  for (const s of e1) {
    if (s.settings.timing !== -1) continue;
    if (s.settings.signalling === 'pri_net') {
      s.settings.timing = 0;
      continue;
    }
    while (used.has(next)) next++;
    s.settings.timing = next;
    used.set(next, s);
  }
}

function collectGroups(spans: PlannedSpan[], issues: ConfigIssue[]): DahdiPlan['groups'] {
  const groups = new Map<number, { group: number; kind: LineKind; spans: number[] }>();
  for (const s of spans) {
    const g = groups.get(s.group);
    if (!g) {
      groups.set(s.group, { group: s.group, kind: s.kind, spans: [s.span] });
    } else if (g.kind !== s.kind) {
      issues.push({
        path: formatPath(['cards', s.card, 'spans', s.selection, s.kind, 'group']),
        message: `group ${s.group} would mix E1 and FXO channels (DAHDI span ${s.span}); give FXO lines their own group`,
      });
    } else {
      g.spans.push(s.span);
    }
  }
  return [...groups.values()].sort((a, b) => a.group - b.group);
}

/** Drops keys whose value is undefined, so an explicit `undefined` never hides a profile default. */
function defined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function name(profile: HardwareProfile): string {
  return `${profile.vendor} ${profile.model}`;
}

/** `[1,2,3,5,7,8]` → `1-3,5,7-8`, the channel list syntax of system.conf and chan_dahdi.conf. */
export function formatChannelRanges(channels: readonly number[]): string {
  const sorted = [...channels].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i];
    parts.push(start === end ? String(start) : `${start}-${end}`);
  }
  return parts.join(',');
}
