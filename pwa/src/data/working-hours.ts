import type { WorkingHours } from '@edgecall/contracts/acd-settings';
import type { PublicHoliday } from '@edgecall/contracts/settings/working-time';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';

export type { WorkingHours } from '@edgecall/contracts/acd-settings';
export type { PublicHoliday } from '@edgecall/contracts/settings/working-time';

export function fetchWorkingHours(api: ApiClient): Promise<WorkingHours> {
  return api.request('GET', '/api/v1/settings/hours');
}

export function saveWorkingHours(api: ApiClient, hours: WorkingHours): Promise<WorkingHours> {
  return api.request('PUT', '/api/v1/settings/hours', hours);
}

/** Adds Azerbaijan's public holidays of a year (and the days off they move to); dates already there stay. */
export function addHolidayPreset(api: ApiClient, year: number): Promise<{ hours: WorkingHours; added: PublicHoliday[]; missing: string[] }> {
  return api.request('POST', `/api/v1/settings/hours/holidays/preset${query({ year })}`);
}
