import type { WorkingHours } from '@edgecall/contracts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Is the branch open at `now`? Local time from the fixed UTC offset (Azerbaijan has no DST). */
export function isOpen(hours: WorkingHours, now: number): boolean {
  if (hours.alwaysOpen) return true;
  const local = new Date(now + hours.utcOffsetMinutes * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  if (hours.holidays.includes(date)) return false;
  const hm = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const special = hours.special[date];
  if (special === null) return false;
  const span = special ?? hours.week[String(local.getUTCDay()) as keyof WorkingHours['week']];
  if (!span) return false;
  return hm >= span[0] && hm < span[1];
}
