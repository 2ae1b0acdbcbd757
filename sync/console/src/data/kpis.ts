import type { HqKpiOverview } from '@edgecall/contracts/hq';
import { api, qs } from './api.ts';

export const fetchKpiOverview = (from: number, to: number) => api<HqKpiOverview>('GET', `/hq/v1/kpis/overview${qs({ from, to })}`);
