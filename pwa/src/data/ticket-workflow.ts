import type { LocalizedName, SettingProblem } from '@edgecall/contracts/settings/common';
import type { TicketStatus, TicketStatusInput, TicketTransition, TicketTransitionInput } from '@edgecall/contracts/settings/ticket-workflow';
import type { ApiClient } from './http.ts';

export type { TicketStatus, TicketTransition } from '@edgecall/contracts/settings/ticket-workflow';

export interface TicketWorkflowView {
  statuses: TicketStatus[];
  transitions: TicketTransition[];
  problems: SettingProblem[];
}

export function fetchTicketWorkflow(api: ApiClient): Promise<TicketWorkflowView> {
  return api.request('GET', '/api/v1/settings/ticket-workflow');
}

/** The whole lifecycle at once: valid as a whole, or nothing changes. */
export function saveTicketWorkflow(api: ApiClient, w: { statuses: (Omit<TicketStatusInput, 'name'> & { name: LocalizedName })[]; transitions: TicketTransitionInput[] }): Promise<TicketWorkflowView> {
  return api.request('PUT', '/api/v1/settings/ticket-workflow', w);
}
