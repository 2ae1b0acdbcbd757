/**
 * Working time (issue 6): checks of the weekly hours, holidays and special
 * days the ACD already reads (AcdSettings.hours), working milliseconds for
 * SLA clocks, and Azerbaijan's public holidays as a preset.
 */
import type { WorkingHours } from '../acd-settings.ts';
import type { LocalizedName, SettingProblem } from './common.ts';

const DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "HH:MM" → minutes; 24:00 is allowed as a closing time. */
function minutes(hm: string): number | null {
  const m = /^(\d\d):(\d\d)$/.exec(hm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === date;
}

function spanProblems(field: string, span: readonly [string, string], label: string): SettingProblem[] {
  const open = minutes(span[0]);
  const close = minutes(span[1]);
  if (open === null || open >= 24 * 60) return [{ field, message: `${label}: opening time “${span[0]}” is not a time of day (00:00–23:59)` }];
  if (close === null) return [{ field, message: `${label}: closing time “${span[1]}” is not a time of day (00:00–24:00)` }];
  if (close <= open) return [{ field, message: `${label}: closes at ${span[1]}, not after it opens at ${span[0]}` }];
  return [];
}

/** What the schema cannot say: real dates, times of day, closing after opening. */
export function workingHoursProblems(h: WorkingHours): SettingProblem[] {
  const out: SettingProblem[] = [];
  for (const [day, span] of Object.entries(h.week)) if (span) out.push(...spanProblems(`week.${day}`, span, WEEKDAYS[Number(day)]));
  h.holidays.forEach((d, i) => {
    if (!isCalendarDate(d)) out.push({ field: `holidays.${i}`, message: `holiday ${d} is not a calendar date` });
  });
  for (const [d, span] of Object.entries(h.special)) {
    if (!isCalendarDate(d)) out.push({ field: `special.${d}`, message: `special day ${d} is not a calendar date` });
    else if (span) out.push(...spanProblems(`special.${d}`, span, `special day ${d}`));
  }
  return out;
}

/** The same hours with holidays sorted and unique (what is stored). */
export function tidyWorkingHours(h: WorkingHours): WorkingHours {
  return { ...h, holidays: [...new Set(h.holidays)].sort() };
}

/** Local date "YYYY-MM-DD" of an instant in the branch's fixed offset. */
export function localDate(at: number, utcOffsetMinutes: number): string {
  return new Date(at + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The open span of a local date as [open, close) instants, or null when closed all day. */
function openSpan(h: WorkingHours, dayStartUtc: number, date: string, weekday: number): [number, number] | null {
  if (h.holidays.includes(date)) return null;
  const special = h.special[date];
  if (special === null) return null;
  const span = special ?? h.week[String(weekday) as keyof WorkingHours['week']];
  if (!span) return null;
  const open = minutes(span[0]);
  const close = minutes(span[1]);
  if (open === null || close === null || close <= open) return null;
  return [dayStartUtc + open * 60_000, dayStartUtc + close * 60_000];
}

/**
 * Working milliseconds in [from, to): SLA clocks stop outside the weekly
 * hours, on holidays and on special days closed. Always-open hours count
 * everything. Looks at most ten years ahead.
 */
export function workingMsBetween(h: WorkingHours, from: number, to: number): number {
  if (to <= from) return 0;
  if (h.alwaysOpen) return to - from;
  const offset = h.utcOffsetMinutes * 60_000;
  let total = 0;
  let dayStart = Math.floor((from + offset) / DAY) * DAY - offset;
  for (let i = 0; dayStart < to && i < 3700; i++, dayStart += DAY) {
    const local = new Date(dayStart + offset);
    const span = openSpan(h, dayStart, local.toISOString().slice(0, 10), local.getUTCDay());
    if (!span) continue;
    total += Math.max(0, Math.min(span[1], to) - Math.max(span[0], from));
  }
  return total;
}

/** The instant `ms` working milliseconds after `from` (an SLA deadline); null when the hours never open. */
export function addWorkingMs(h: WorkingHours, from: number, ms: number): number | null {
  if (h.alwaysOpen) return from + ms;
  const offset = h.utcOffsetMinutes * 60_000;
  let left = ms;
  let dayStart = Math.floor((from + offset) / DAY) * DAY - offset;
  for (let i = 0; i < 3700; i++, dayStart += DAY) {
    const local = new Date(dayStart + offset);
    const span = openSpan(h, dayStart, local.toISOString().slice(0, 10), local.getUTCDay());
    if (!span) continue;
    const start = Math.max(span[0], from);
    const avail = span[1] - start;
    if (avail <= 0) continue;
    if (left <= avail) return start + left;
    left -= avail;
  }
  return null;
}

// ── Azerbaijan's public holidays ─────────────────────────────────────────

export interface PublicHoliday {
  date: string;
  name: LocalizedName;
  /** `moved`: a working day off because a holiday fell on a weekend or on another holiday (Labour Code art. 105.5–6). */
  kind: 'holiday' | 'moved';
  /** False for movable dates not yet announced (an astronomical estimate). */
  confirmed: boolean;
}

const N = (az: string, en: string, ru: string): LocalizedName => ({ az, en, ru });

/** Fixed-date non-working holidays of the Labour Code, art. 105 (12 Nov and 17 Nov are holidays but working days). */
const FIXED: [string, LocalizedName][] = [
  ['01-01', N('Yeni il', "New Year's Day", 'Новый год')],
  ['01-02', N('Yeni il', "New Year's Day", 'Новый год')],
  ['03-08', N('Qadınlar günü', "Women's Day", 'Женский день')],
  ['03-20', N('Novruz bayramı', 'Novruz', 'Новруз байрамы')],
  ['03-21', N('Novruz bayramı', 'Novruz', 'Новруз байрамы')],
  ['03-22', N('Novruz bayramı', 'Novruz', 'Новруз байрамы')],
  ['03-23', N('Novruz bayramı', 'Novruz', 'Новруз байрамы')],
  ['03-24', N('Novruz bayramı', 'Novruz', 'Новруз байрамы')],
  ['05-09', N('Faşizm üzərində qələbə günü', 'Victory over Fascism Day', 'День победы над фашизмом')],
  ['05-28', N('Müstəqillik günü', 'Independence Day', 'День независимости')],
  ['06-15', N('Milli Qurtuluş günü', 'National Salvation Day', 'День национального спасения')],
  ['06-26', N('Silahlı Qüvvələr günü', 'Armed Forces Day', 'День Вооружённых сил')],
  ['11-08', N('Zəfər günü', 'Victory Day', 'День Победы')],
  ['11-09', N('Dövlət Bayrağı günü', 'National Flag Day', 'День Государственного флага')],
  ['12-31', N('Dünya azərbaycanlılarının həmrəylik günü', 'Solidarity Day of World Azerbaijanis', 'День солидарности азербайджанцев мира')],
];

const RAMAZAN = N('Ramazan bayramı', 'Eid al-Fitr (Ramazan Bayrami)', 'Рамазан байрамы');
const GURBAN = N('Qurban bayramı', 'Eid al-Adha (Gurban Bayrami)', 'Гурбан байрамы');

/**
 * Ramazan and Gurban Bayrami follow the lunar calendar: the Cabinet of
 * Ministers announces each year's dates (Labour Code art. 105.4), usually in
 * December of the year before. 2026 is its decision; later years are
 * astronomical estimates until announced — update this table when they are.
 */
export const MOVABLE_HOLIDAYS: Record<number, { ramazan: [string, string]; gurban: [string, string]; confirmed: boolean }> = {
  2026: { ramazan: ['2026-03-20', '2026-03-21'], gurban: ['2026-05-27', '2026-05-28'], confirmed: true },
  2027: { ramazan: ['2027-03-09', '2027-03-10'], gurban: ['2027-05-16', '2027-05-17'], confirmed: false },
  2028: { ramazan: ['2028-02-26', '2028-02-27'], gurban: ['2028-05-05', '2028-05-06'], confirmed: false },
};

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * The year's non-working days: fixed holidays, Ramazan and Gurban when the
 * table has the year, and the days off they move to — a holiday on a
 * Saturday or Sunday, or on another holiday, moves to the next working day
 * (Monday–Friday, not itself a holiday). Sorted by date.
 */
export function azerbaijanHolidays(year: number): { holidays: PublicHoliday[]; missing: string[] } {
  const movable = MOVABLE_HOLIDAYS[year];
  const list: PublicHoliday[] = FIXED.map(([md, name]) => ({ date: `${year}-${md}`, name, kind: 'holiday', confirmed: true }));
  if (movable) {
    for (const date of movable.ramazan) list.push({ date, name: RAMAZAN, kind: 'holiday', confirmed: movable.confirmed });
    for (const date of movable.gurban) list.push({ date, name: GURBAN, kind: 'holiday', confirmed: movable.confirmed });
  }
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const holidayDates = new Set(list.map((h) => h.date));
  const taken = new Set<string>();
  const moved: PublicHoliday[] = [];
  for (const h of list) {
    const weekend = weekdayOf(h.date) === 0 || weekdayOf(h.date) === 6;
    if (!weekend && !taken.has(h.date)) {
      taken.add(h.date);
      continue;
    }
    let d = nextDate(h.date);
    while (weekdayOf(d) === 0 || weekdayOf(d) === 6 || holidayDates.has(d) || taken.has(d)) d = nextDate(d);
    taken.add(d);
    moved.push({ date: d, name: h.name, kind: 'moved', confirmed: h.confirmed });
  }
  const all = [...list, ...moved].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === b.kind ? 0 : a.kind === 'holiday' ? -1 : 1));
  return { holidays: all, missing: movable ? [] : ['Ramazan bayramı', 'Qurban bayramı'] };
}

