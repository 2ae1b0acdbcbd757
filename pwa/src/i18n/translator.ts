import { az, type MessageKey, type Messages } from './az.ts';
import { en } from './en.ts';
import { ru } from './ru.ts';
import { azDateTime, azNumber, azTime, azUnit, intlHasAzerbaijani } from './az-format.ts';

export type { MessageKey } from './az.ts';

export const LOCALES = ['az', 'en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'az';

/** Each language's own name, shown the same whatever the UI language is. */
export const LOCALE_NAMES: Record<Locale, string> = { az: 'Azərbaycanca', en: 'English', ru: 'Русский' };

const CATALOGS: Record<Locale, Messages> = { az, en, ru };

export type MessageParams = Record<string, string | number>;

/**
 * Everything a view needs to speak the user's language. A new object per
 * locale, so elements that receive it as a property re-render when it changes.
 */
export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, params?: MessageParams): string;
  has(key: string): key is MessageKey;
  dateTime(value: number | string | Date): string;
  time(value: number | string | Date): string;
  number(value: number): string;
  /** A wait such as "15 minutes", rounded up to whole minutes past one minute. */
  duration(seconds: number): string;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function createTranslator(locale: Locale): Translator {
  const messages = CATALOGS[locale];
  const formats = locale === 'az' && !intlHasAzerbaijani() ? azFallbackFormats() : intlFormats(locale);

  const t = (key: MessageKey, params?: MessageParams): string => {
    const text = messages[key] ?? az[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formats.number(value) : value;
    });
  };

  return {
    locale,
    t,
    has: (key: string): key is MessageKey => key in messages,
    dateTime: (v) => formats.dateTime(toDate(v)),
    time: (v) => formats.time(toDate(v)),
    number: (v) => formats.number(v),
    duration(seconds) {
      const s = Math.max(1, Math.ceil(seconds));
      return s < 60 ? formats.unit(s, 'second') : formats.unit(Math.ceil(s / 60), 'minute');
    },
  };
}

interface Formats {
  dateTime(d: Date): string;
  time(d: Date): string;
  number(n: number): string;
  unit(n: number, unit: 'second' | 'minute'): string;
}

const toDate = (v: number | string | Date) => (v instanceof Date ? v : new Date(v));

function intlFormats(locale: Locale): Formats {
  const numberFmt = new Intl.NumberFormat(locale);
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const timeFmt = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  return {
    dateTime: (d) => dateTimeFmt.format(d),
    time: (d) => timeFmt.format(d),
    number: (n) => numberFmt.format(n),
    unit: (n, unit) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n),
  };
}

function azFallbackFormats(): Formats {
  return { dateTime: azDateTime, time: azTime, number: azNumber, unit: azUnit };
}
