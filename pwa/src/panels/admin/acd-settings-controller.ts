import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BUILTIN_SOUNDS } from '@edgecall/contracts/settings/sounds';
import type { AppState } from '../../state/app-state.ts';
import { fetchOrLast, type Fetched } from '../../offline/last-data.ts';
import { fetchAcdSettings, saveAcdSettings, type AcdSettings } from '../../data/acd-settings.ts';
import { fetchSounds } from '../../data/sounds.ts';
import type { ErrorView } from '../../i18n/describe-error.ts';
import type { FormOption } from '../../components/ec-settings-form.ts';
import { under } from '../../components/field-issues.ts';

interface Loaded {
  settings: AcdSettings;
  /** Uploaded IVR sounds, by name. */
  sounds: { name: string; title: string }[];
}

/**
 * The ACD settings (queues, IVR menus, entries) for the screens that edit
 * one part of them: loaded whole, saved whole with PUT, so the appliance
 * checks every reference between the parts on each save.
 */
export class AcdSettingsController implements ReactiveController {
  current: Fetched<Loaded> | null = null;
  error: unknown = null;
  saving = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly app: () => AppState,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.load();
  }

  async load(): Promise<void> {
    const app = this.app();
    try {
      this.current = await fetchOrLast(app.offline, 'admin.acd', async () => {
        const [settings, sounds] = await Promise.all([fetchAcdSettings(app.api), fetchSounds(app.api, { offset: 0, limit: 500 })]);
        return { settings, sounds: sounds.items.map((s) => ({ name: s.name, title: s.title })) };
      });
      this.error = null;
    } catch (e) {
      this.error = e;
    }
    this.host.requestUpdate();
  }

  /** Saves the whole object; throws the appliance's refusal for the screen to show. */
  async save(next: AcdSettings): Promise<void> {
    this.saving = true;
    this.host.requestUpdate();
    try {
      const settings = await saveAcdSettings(this.app().api, next);
      if (this.current) this.current = { ...this.current, value: { ...this.current.value, settings }, savedAt: Date.now(), fromCache: false };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }

  /** Every sound a message or prompt may play: uploads first, then the PBX's own. */
  soundOptions(none: string | null, current?: string): FormOption[] {
    const uploaded = (this.current?.value.sounds ?? []).map((s) => ({ value: `sound:${s.name}`, label: s.title ? `${s.title} (${s.name})` : s.name }));
    const builtin = BUILTIN_SOUNDS.map((n) => ({ value: `sound:${n}`, label: n }));
    const all = [...(none !== null ? [{ value: '', label: none }] : []), ...uploaded, ...builtin];
    if (current && !all.some((o) => o.value === current)) all.push({ value: current, label: current.replace(/^sound:/, '') });
    return all;
  }
}

/**
 * The part of a refusal about one item (`queues.2`), with paths relative to
 * it so a form shows them at its own fields; issues elsewhere keep their path.
 */
export function scopeError(error: ErrorView | null, prefix: string): ErrorView | null {
  if (!error) return null;
  return { ...error, fields: error.fields.map((f) => (under(f.path, prefix) && f.path !== prefix ? { ...f, path: f.path.slice(prefix.length + 1) } : f)) };
}

/** Search and paging over a short list held on the device (queues, menus, entries: at most 100). */
export function pageOf<T>(items: T[], text: (item: T) => string, search: string, offset: number, limit: number): { items: T[]; total: number } {
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const hits = items.filter((i) => {
    const s = text(i).toLocaleLowerCase();
    return words.every((w) => s.includes(w));
  });
  return { items: hits.slice(offset, offset + limit), total: hits.length };
}
