import type { MessageKey, Translator } from './translator.ts';

export type FigureUnit = 'count' | 'seconds' | 'percent';

/** KPIS.md's units by figure (the appliance's definitions say the same; alerts and targets come without them). */
const PERCENT = new Set(['serviceLevel', 'serviceLevelV1', 'serviceLevelV2', 'serviceLevelV3', 'serviceLevelV4', 'lostCallRate']);
const SECONDS = new Set(['asa', 'awt', 'longestWaitNow', 'aht', 'averageCallLength', 'talkTimeSeconds']);

export function figureUnit(key: string): FigureUnit {
  return PERCENT.has(key) ? 'percent' : SECONDS.has(key) ? 'seconds' : 'count';
}

/** A figure in the user's language; null (a ratio over nothing) is "—", never 0. */
export function formatFigure(t: Translator, value: number | null | undefined, unit: FigureUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t.t('common.none');
  if (unit === 'seconds') return t.t('unit.seconds', { value: Math.round(value) });
  if (unit === 'percent') return t.t('unit.percent', { value: Math.round(value * 10) / 10 });
  return t.number(value);
}

/** A KPI's name from the glossary; the wire name for one the catalogue lacks. */
export function figureLabel(t: Translator, key: string): string {
  const k = `kpi.${key}`;
  return t.has(k) ? t.t(k as MessageKey) : key;
}

/** `branch`, `queue:<id>` or `group:<id>` in words. */
export function scopeLabel(t: Translator, scope: string): string {
  if (scope === 'branch') return t.t('dashboard.scope.branch');
  const [kind, id] = scope.split(':');
  return t.t(kind === 'group' ? 'dashboard.scope.group' : 'dashboard.scope.queue', { id: id ?? '' });
}

/** A level target in words: "target ≥ 80 %" for a minimum, "target ≤ 20 s" for a maximum. */
export function targetBound(t: Translator, kind: 'min' | 'max', target: number, figure: string): string {
  const value = formatFigure(t, target, figureUnit(figure));
  return t.t(kind === 'min' ? 'target.atLeast' : 'target.atMost', { value });
}
