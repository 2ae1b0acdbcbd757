/**
 * IVR sounds: uploads converted to 8 kHz mono 16-bit WAV (the converter and
 * the files are adapters wired in main.ts), listened to in the browser, and
 * the check that every `sound:<name>` of the ACD settings exists.
 */
import {
  AppError,
  BUILTIN_SOUNDS,
  SOUND_MAX_BYTES,
  SOUND_MAX_SECONDS,
  soundReferences,
  type AcdSettings,
  type IvrSound,
  type SettingProblem,
} from '@edgecall/contracts';
import type { Actor } from '../../lib/audit.ts';
import { createCatalog, invalid, type CatalogDeps } from './catalog.ts';
import type { SoundConverter, SoundFiles, SoundInputType } from './ports.ts';

export interface SoundDeps extends CatalogDeps {
  converter: SoundConverter;
  files: SoundFiles;
  /** The ACD settings in force (which sounds the IVR plays). */
  acdSettings: () => AcdSettings;
  /** Does the PBX have this sound? null when it cannot be asked now (link down): the name is then accepted. */
  pbxHasSound: (name: string) => Promise<boolean | null>;
}

const LABEL: Record<SoundInputType, string> = { wav: 'WAV', mp3: 'MP3', ogg: 'OGG' };

export function createSounds(deps: SoundDeps) {
  const builtin = new Set(BUILTIN_SOUNDS);
  const usedBy = (name: string) => soundReferences(deps.acdSettings()).filter((r) => r.name === name);

  const catalog = createCatalog<'sound', IvrSound, { title: string }>(deps, {
    kind: 'sound',
    label: 'sound',
    make: (input) => input,
    merge: (before, patch, now) => ({ ...before, title: patch.title, updatedAt: now }),
    check: async () => [],
    async usage(_tx, item) {
      const refs = usedBy(item.name);
      return refs.length ? [{ what: `use${refs.length === 1 ? '' : 's'} in the ACD settings (${refs.map((r) => r.path).join(', ')})`, count: refs.length }] : [];
    },
    nameOf: (s) => s.name,
    inUseAdvice: 'point those menus and messages at another sound first',
  });

  async function upload(u: { name: string; title?: string; replace: boolean; type: SoundInputType; bytes: Buffer }, actor: Actor): Promise<IvrSound> {
    if (builtin.has(u.name)) throw invalid([{ field: 'name', message: `${u.name} is a sound the PBX has built in: choose another name` }]);
    if (u.bytes.length === 0) throw invalid([{ field: 'file', message: 'the file is empty' }]);
    if (u.bytes.length > SOUND_MAX_BYTES) throw new AppError('payload_too_large', `The file is larger than ${SOUND_MAX_BYTES / 1024 / 1024} MB`);
    const before = await deps.store.get('sound', u.name);
    if (before && !u.replace) throw new AppError('conflict', `A sound named ${u.name} already exists; upload with replace=true to replace its audio`, { id: u.name });
    const result = await deps.converter.convert(u.bytes, u.type, SOUND_MAX_SECONDS);
    if (!result.ok) {
      switch (result.reason) {
        case 'too_long':
          throw invalid([{ field: 'file', message: `the sound is too long (${result.detail}); at most ${SOUND_MAX_SECONDS / 60} minutes` }]);
        case 'unreadable':
          throw invalid([{ field: 'file', message: `the file is not ${LABEL[u.type]} audio that can be read (${result.detail})` }]);
        case 'unsupported':
          throw new AppError('service_unavailable', `This appliance cannot convert ${LABEL[u.type]} files: ${result.detail}`);
        default:
          throw new AppError('service_unavailable', `The sound could not be converted: ${result.detail}`);
      }
    }
    await deps.files.write(u.name, result.wav);
    const sound: IvrSound = {
      id: u.name,
      name: u.name,
      title: u.title ?? before?.title ?? '',
      durationMs: result.durationMs,
      sizeBytes: result.wav.length,
      sourceType: u.type,
      updatedAt: new Date(deps.clock.now()).toISOString(),
    };
    await deps.store.transaction(async (tx) => ((await tx.get('sound', sound.id)) ? tx.update('sound', sound) : tx.insert('sound', sound)));
    await deps.audit.record({ ...actor, action: before ? 'settings.sound.replace' : 'settings.sound.create', targetType: 'sound', targetId: sound.id, before: before ?? undefined, after: sound });
    return sound;
  }

  async function remove(name: string, actor: Actor) {
    await catalog.remove(name, actor);
    await deps.files.remove(name);
  }

  async function audio(name: string) {
    await catalog.get(name);
    const file = await deps.files.read(name);
    if (!file) throw new AppError('not_found', `The audio of sound ${name} is missing`);
    return file;
  }

  /**
   * Every `sound:<name>` the settings bring in must be an uploaded sound, a
   * built-in one, or one the PBX reports. Names the settings in force already
   * play are not asked again, so an edit elsewhere is never blocked by them.
   * Throws validation_failed listing each unknown name with where it is used.
   */
  async function checkSettings(settings: AcdSettings, current?: AcdSettings): Promise<void> {
    const uploaded = new Set((await deps.store.all('sound')).map((s) => s.name));
    const known = new Map<string, boolean>((current ? soundReferences(current) : []).map((r) => [r.name, true]));
    const problems: SettingProblem[] = [];
    for (const ref of soundReferences(settings)) {
      let ok = known.get(ref.name);
      if (ok === undefined) {
        ok = uploaded.has(ref.name) || builtin.has(ref.name) || ((await deps.pbxHasSound(ref.name).catch(() => null)) ?? true);
        known.set(ref.name, ok);
      }
      if (!ok) problems.push({ field: ref.path, message: `no sound “${ref.name}”: upload it under sounds, or name one the PBX has` });
    }
    if (problems.length) throw invalid(problems, 'Unknown sounds: ');
  }

  return { ...catalog, upload, remove, audio, checkSettings };
}

export type Sounds = ReturnType<typeof createSounds>;
