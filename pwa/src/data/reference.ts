import type { FaqEntry, ReferenceBundle } from '@edgecall/contracts/crm';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import { NetworkError } from './errors.ts';
import type { OfflineCaches } from '../offline/caches.ts';

export type { ReferenceBundle, RequestType, Classification, Location, FieldDefinition, FaqEntry } from '@edgecall/contracts/crm';

export interface CachedBundle {
  bundle: ReferenceBundle;
  savedAt: number;
  fromCache: boolean;
}

/**
 * The reference lists the call-handling window builds its selects from.
 * Saved on the device whenever the appliance answers, so the window opens
 * offline with the last copy.
 */
export async function fetchReferenceBundle(api: ApiClient, caches: OfflineCaches): Promise<CachedBundle> {
  try {
    const bundle = await api.request<ReferenceBundle>('GET', '/api/v1/reference-bundle');
    const saved = await caches.loadReference();
    if (saved?.bundle.version !== bundle.version || !saved) await caches.saveReference(bundle);
    return { bundle, savedAt: Date.now(), fromCache: false };
  } catch (e) {
    if (e instanceof NetworkError) {
      const saved = await caches.loadReference();
      if (saved) return { bundle: saved.bundle, savedAt: saved.savedAt, fromCache: true };
    }
    throw e;
  }
}

export interface FaqQuery {
  search?: string;
  requestTypeId?: string | null;
  offset?: number;
  limit?: number;
}

export interface FaqPage {
  items: FaqEntry[];
  total: number;
  fromCache: boolean;
}

/** Up to FAQ_SYNC_PAGES × FAQ_PAGE entries are kept on the device (200 is the search endpoint's largest page). */
const FAQ_SYNC_PAGES = 10;
const FAQ_PAGE = 200;

/** Copies the FAQ to the device (the operator panel does it when it opens online). */
export async function syncFaq(api: ApiClient, caches: OfflineCaches): Promise<void> {
  const all: FaqEntry[] = [];
  for (let page = 0; page < FAQ_SYNC_PAGES; page++) {
    const r = await api.request<{ items: FaqEntry[]; total: number }>('GET', `/api/v1/faq${query({ offset: page * FAQ_PAGE, limit: FAQ_PAGE })}`);
    all.push(...r.items);
    if (all.length >= r.total || r.items.length === 0) break;
  }
  await caches.replaceFaq(all);
}

/**
 * FAQ entries for the selected request type (and the general ones), by
 * search text: from the appliance, or from the device's copy offline.
 */
export async function fetchFaq(api: ApiClient, caches: OfflineCaches, q: FaqQuery): Promise<FaqPage> {
  try {
    const r = await api.request<{ items: FaqEntry[]; total: number }>(
      'GET',
      `/api/v1/faq${query({ search: q.search?.trim(), requestTypeId: q.requestTypeId ?? undefined, offset: q.offset, limit: q.limit })}`,
    );
    await caches.saveFaq(r.items);
    return { ...r, fromCache: false };
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    const items = filterFaq(await caches.allFaq(), q);
    const offset = q.offset ?? 0;
    return { items: items.slice(offset, offset + (q.limit ?? 50)), total: items.length, fromCache: true };
  }
}

/** The offline search: every word in the title, body or tags; the type's entries and the general ones. */
export function filterFaq(entries: FaqEntry[], q: FaqQuery): FaqEntry[] {
  const words = (q.search ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return entries
    .filter((e) => e.active)
    .filter((e) => !q.requestTypeId || e.requestTypeId === null || e.requestTypeId === q.requestTypeId)
    .filter((e) => {
      const text = `${e.title} ${e.body} ${e.tags.join(' ')}`.toLocaleLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}
