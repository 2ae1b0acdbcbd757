import type { IvrSound } from '@edgecall/contracts/settings/sounds';
import type { ApiClient } from './http.ts';
import { query } from './http.ts';
import type { Page } from './catalog.ts';

export type { IvrSound } from '@edgecall/contracts/settings/sounds';

export function fetchSounds(api: ApiClient, q: { search?: string; offset: number; limit: number }): Promise<Page<IvrSound>> {
  return api.request('GET', `/api/v1/settings/sounds${query({ search: q.search?.trim(), offset: q.offset, limit: q.limit })}`);
}

/** The file goes as the raw body with its audio content type; the appliance converts it for the IVR. */
export function uploadSound(api: ApiClient, file: File, opts: { name: string; title?: string; replace?: boolean }): Promise<IvrSound> {
  const q = query({ name: opts.name, title: opts.title?.trim() || undefined, replace: opts.replace ? 'true' : undefined });
  return api.request('POST', `/api/v1/settings/sounds${q}`, file.type ? file : file.slice(0, file.size, audioType(file.name)));
}

/** Some systems give no type for a file: the extension says it. */
function audioType(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'mp3' ? 'audio/mpeg' : ext === 'ogg' ? 'audio/ogg' : 'audio/wav';
}

export function updateSound(api: ApiClient, id: string, title: string): Promise<IvrSound> {
  return api.request('PATCH', `/api/v1/settings/sounds/${encodeURIComponent(id)}`, { title });
}

export function deleteSound(api: ApiClient, id: string): Promise<void> {
  return api.request('DELETE', `/api/v1/settings/sounds/${encodeURIComponent(id)}`);
}

/** The converted WAV, for an <audio> element. */
export function soundAudioUrl(api: ApiClient, sound: Pick<IvrSound, 'id' | 'updatedAt'>): string {
  // The version in the URL keeps a replaced sound from playing the old cached audio.
  return api.url(`/api/v1/settings/sounds/${encodeURIComponent(sound.id)}/audio`, { v: sound.updatedAt });
}
