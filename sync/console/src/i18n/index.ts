/**
 * The console's i18n: az (default), en, ru. Numbers, dates and durations use
 * the locale; Azerbaijani is formatted by hand where the browser's ICU data
 * lacks it (Debian's Chromium), following CLDR az: "27 noy 2026, 15:02", "12.345,5".
 */
import { az, type MessageKey, type Messages } from './az.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';

export const LOCALES = ['az', 'en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
const CATALOGS: Record<Locale, Messages> = { az, en, ru };
export const LOCALE_EVENT = 'ec-hq-locale';
const STORAGE_KEY = 'ec-hq-locale';

function initial(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    /* storage blocked: the default */
  }
  return 'az';
}

let current: Locale = initial();

export const locale = (): Locale => current;

export function setLocale(next: Locale): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not remembered, still applied */
  }
  document.documentElement.lang = next;
  window.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: next }));
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGS[current][key] ?? az[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Translates a key built at run time (a reason id, a role); falls back to the raw text. */
export function tMaybe(key: string, fallback: string): string {
  return key in az ? t(key as MessageKey) : fallback;
}

const AZ_MONTHS = ['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avq', 'sen', 'okt', 'noy', 'dek'];
let azIntl: boolean | null = null;
function intlHasAz(): boolean {
  if (azIntl === null) {
    try {
      azIntl = new Intl.DateTimeFormat('az', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 15)) === 'noyabr';
    } catch {
      azIntl = false;
    }
  }
  return azIntl;
}
const pad = (n: number) => String(n).padStart(2, '0');

export function fmtNumber(n: number, maxFraction = 1): string {
  if (current === 'az' && !intlHasAz()) {
    const [int, frac] = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxFraction }).format(n).split('.');
    return int.replace(/,/g, '.') + (frac ? `,${frac}` : '');
  }
  return new Intl.NumberFormat(current, { maximumFractionDigits: maxFraction }).format(n);
}

export function fmtDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return t('common.none');
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return t('common.none');
  if (current === 'az' && !intlHasAz()) return `${d.getDate()} ${AZ_MONTHS[d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

/** A duration in the largest sensible unit: "850 ms", "42 s", "3,5 min", "2 h", "3 d". */
export function fmtDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return t('common.none');
  const a = Math.abs(ms);
  const sign = ms < 0 ? '−' : '';
  if (a < 1000) return sign + t('duration.ms', { value: fmtNumber(a, 0) });
  if (a < 60_000) return sign + t('duration.s', { value: fmtNumber(a / 1000, 1) });
  if (a < 3_600_000) return sign + t('duration.min', { value: fmtNumber(a / 60_000, 1) });
  if (a < 86_400_000) return sign + t('duration.h', { value: fmtNumber(a / 3_600_000, 1) });
  return sign + t('duration.d', { value: fmtNumber(a / 86_400_000, 1) });
}

/** A KPI value in its unit; null (a ratio over nothing) is "—", never 0 or 100. */
export function fmtKpi(value: number | null | undefined, unit: 'count' | 'seconds' | 'percent'): string {
  if (value === null || value === undefined) return t('common.none');
  if (unit === 'count') return fmtNumber(value, 0);
  if (unit === 'percent') return t('unit.percent', { value: fmtNumber(value, 1) });
  return t('unit.seconds', { value: fmtNumber(value, 1) });
}

export type { MessageKey };
