import type { CallRecord, CallRecordInput } from '@edgecall/contracts/crm';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import type { Outbox, SubmitResult } from '../offline/outbox.ts';

export type { CallRecord } from '@edgecall/contracts/crm';

/** What the call-handling window saves (CallRecordInput before the appliance fills its defaults). */
export type CallRecordDraft = Omit<Partial<CallRecordInput>, 'clientId'> & { requestTypeId: string; classificationId: string };

/**
 * The window's save, through the outbox: sent at once when the appliance
 * answers (its refusal goes back to the form), kept on the device when it
 * does not.
 */
export function createCallRecord(outbox: Outbox, input: CallRecordDraft): Promise<SubmitResult<CallRecord>> {
  return outbox.submit<CallRecord>({
    kind: 'call-record',
    method: 'POST',
    path: '/api/v1/call-records',
    body: { ...input },
    label: input.number ?? input.callId ?? '',
  });
}

export async function fetchCallRecords(api: ApiClient, q: { callId?: string; number?: string }): Promise<CallRecord[]> {
  const r = await api.request<{ items: CallRecord[] } | CallRecord[]>('GET', `/api/v1/call-records${query(q)}`);
  return Array.isArray(r) ? r : r.items;
}
