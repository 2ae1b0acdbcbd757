import type { AppState } from '../../state/app-state.ts';
import { fetchReferenceBundle, type CachedBundle } from '../../data/reference.ts';
import { fetchTicketMeta, type TicketMeta } from '../../data/tickets.ts';
import { fetchOrLast } from '../../offline/last-data.ts';

/** What every request screen names things with: the reference lists and the statuses, both kept on the device. */
export interface TicketRefs {
  bundle: CachedBundle | null;
  meta: TicketMeta | null;
  /** Request types, classifications and locations by id. */
  names: Map<string, string>;
}

export async function loadTicketRefs(app: AppState): Promise<TicketRefs> {
  const [bundle, meta] = await Promise.allSettled([fetchReferenceBundle(app.api, app.caches), fetchOrLast(app.offline, 'tickets.meta', () => fetchTicketMeta(app.api))]);
  const b = bundle.status === 'fulfilled' ? bundle.value : null;
  const names = new Map<string, string>();
  for (const i of [...(b?.bundle.requestTypes ?? []), ...(b?.bundle.classifications ?? []), ...(b?.bundle.locations ?? [])]) names.set(i.id, i.name);
  return { bundle: b, meta: meta.status === 'fulfilled' ? meta.value.value : null, names };
}
