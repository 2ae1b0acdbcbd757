/**
 * Working hours, holidays and special days: the part of the ACD settings the
 * IVR's closed branch and SLA clocks read, edited on its own.
 */
import { azerbaijanHolidays, tidyWorkingHours, workingHoursProblems, type AcdSettings, type PublicHoliday, type WorkingHours } from '@edgecall/contracts';
import type { Actor, AuditRecorder } from '../../lib/audit.ts';
import { invalid } from './catalog.ts';

export function createHours(deps: { current: () => AcdSettings; apply: (next: AcdSettings) => Promise<void>; audit: AuditRecorder }) {
  const get = (): WorkingHours => deps.current().hours;

  async function save(hours: WorkingHours, actor: Actor, action: string) {
    const problems = workingHoursProblems(hours);
    if (problems.length) throw invalid(problems);
    const before = get();
    const after = tidyWorkingHours(hours);
    await deps.apply({ ...deps.current(), hours: after });
    await deps.audit.record({ ...actor, action, targetType: 'settings', targetId: 'hours', before, after });
    return after;
  }

  /** The year's public holidays as the preset would add them. */
  const preset = (year: number) => azerbaijanHolidays(year);

  /** Adds the year's public holidays (dates already there stay); says which movable ones are not in the table. */
  async function addPreset(year: number, actor: Actor): Promise<{ hours: WorkingHours; added: PublicHoliday[]; missing: string[] }> {
    const { holidays, missing } = azerbaijanHolidays(year);
    const current = get();
    const have = new Set(current.holidays);
    const added = holidays.filter((h) => !have.has(h.date) && (have.add(h.date), true));
    const hours = await save({ ...current, holidays: [...current.holidays, ...added.map((h) => h.date)] }, actor, 'settings.hours.preset');
    return { hours, added, missing };
  }

  return { get, save: (hours: WorkingHours, actor: Actor) => save(hours, actor, 'settings.hours.update'), preset, addPreset };
}

export type Hours = ReturnType<typeof createHours>;
