/**
 * Azerbaijani date, number and unit formatting for browsers whose ICU data
 * lacks the az locale (Debian's Chromium, some kiosk builds): there
 * Intl.DateTimeFormat('az') silently falls back to "2026 M11 27" and numbers
 * to "12,345.5". Follows CLDR az: "27 noy 2026, 15:02:51", "12.345,5".
 */
const MONTHS_SHORT = ['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avq', 'sen', 'okt', 'noy', 'dek'];

/** True when this browser's Intl really knows Azerbaijani. */
export function intlHasAzerbaijani(): boolean {
  try {
    return new Intl.DateTimeFormat('az', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 15)) === 'noyabr';
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

export function azTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function azDateTime(d: Date): string {
  return `${d.getDate()} ${MONTHS_SHORT[d.getMonth()]} ${d.getFullYear()}, ${azTime(d)}`;
}

export function azNumber(n: number): string {
  const [int, frac] = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 }).format(n).split('.');
  return int.replace(/,/g, '.') + (frac ? `,${frac}` : '');
}

/** Azerbaijani nouns stay singular after a numeral: "15 dəqiqə". */
export function azUnit(n: number, unit: 'second' | 'minute'): string {
  return `${azNumber(n)} ${unit === 'second' ? 'saniyə' : 'dəqiqə'}`;
}
