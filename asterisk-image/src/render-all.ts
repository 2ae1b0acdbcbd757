/**
 * Every file the appliance writes for Asterisk, from one settings object, and
 * how to make a running Asterisk pick up each one.
 */
import { DAHDI_FILE_PATHS, planDahdi, renderDahdiFilesFromPlan } from './hardware.ts';
import { renderAriConf, renderHttpConf } from './render-ari.ts';
import { renderExtensionsConf } from './render-extensions.ts';
import {
  renderIndicationsConf,
  renderLoggerConf,
  renderModulesConf,
  renderMusicOnHoldConf,
  renderRtpConf,
  renderSorceryConf,
} from './render-platform.ts';
import { renderPjsipConf } from './render-pjsip.ts';
import { dahdiPlanOf, parseSettings, type SettingsInput } from './settings.ts';

/** chan_dahdi.conf for the settings' DAHDI cards (an empty channel list when there are none). */
export function renderChanDahdiConf(input: SettingsInput): string {
  const s = parseSettings(input);
  // parseSettings already validated the plan, so null here only means "no dahdi section".
  return renderDahdiFilesFromPlan(dahdiPlanOf(s) ?? planDahdi([]))['chan_dahdi.conf'];
}

/**
 * The DAHDI files outside /etc/asterisk, keyed by absolute path
 * (/etc/dahdi/system.conf, /etc/dahdi/modules, /etc/modprobe.d/dahdi.conf,
 * /etc/dahdi/span-types.conf). Empty when the branch has no DAHDI section.
 * They belong to the host, which owns the kernel modules, not to the container.
 */
export function renderDahdiHostFiles(input: SettingsInput): Record<string, string> {
  const s = parseSettings(input);
  const plan = dahdiPlanOf(s);
  if (!plan) return {};
  const files = renderDahdiFilesFromPlan(plan);
  const out: Record<string, string> = {};
  for (const key of ['system.conf', 'modules', 'modprobe.conf', 'span-types.conf'] as const) {
    out[DAHDI_FILE_PATHS[key]] = files[key];
  }
  return out;
}

/** File name (in /etc/asterisk) → content. chan_dahdi.conf only when settings have a dahdi section. */
export function renderAll(input: SettingsInput): Record<string, string> {
  const s = parseSettings(input);
  const files: Record<string, string> = {
    'ari.conf': renderAriConf(s),
    'extensions.conf': renderExtensionsConf(s),
    'http.conf': renderHttpConf(s),
    'indications.conf': renderIndicationsConf(s),
    'logger.conf': renderLoggerConf(s),
    'modules.conf': renderModulesConf(s),
    'musiconhold.conf': renderMusicOnHoldConf(s),
    'pjsip.conf': renderPjsipConf(s),
    'rtp.conf': renderRtpConf(s),
    'sorcery.conf': renderSorceryConf(s),
  };
  if (s.dahdi) files['chan_dahdi.conf'] = renderChanDahdiConf(s);
  return files;
}

/** Every file name renderAll can produce; the container entrypoint links exactly these. */
export const ASTERISK_CONFIG_FILES = [
  'ari.conf',
  'chan_dahdi.conf',
  'extensions.conf',
  'http.conf',
  'indications.conf',
  'logger.conf',
  'modules.conf',
  'musiconhold.conf',
  'pjsip.conf',
  'rtp.conf',
  'sorcery.conf',
] as const;

export type AsteriskConfigFile = (typeof ASTERISK_CONFIG_FILES)[number];

/**
 * How a running Asterisk picks up a changed file. `reloadModule` is the name
 * for ARI `PUT /ari/asterisk/modules/{name}`; `cli` is the equivalent
 * `asterisk -rx` command for files whose owner is part of the core and so has
 * no module to reload; `restart` means only a restart applies every change.
 */
export const APPLY_CHANGES: Readonly<Record<AsteriskConfigFile, { reloadModule?: string; cli?: string; restart?: true; note: string }>> = {
  'ari.conf': { reloadModule: 'res_ari.so', note: 'users and passwords reload; the appliance must reconnect with new credentials' },
  'chan_dahdi.conf': { restart: true, note: 'signalling and PRI options are read only at start' },
  'extensions.conf': { reloadModule: 'pbx_config.so', note: 'dialplan reloads without dropping calls' },
  'http.conf': { restart: true, note: 'bind address and port change only on restart' },
  'indications.conf': { cli: 'module reload indications', note: 'core component' },
  'logger.conf': { cli: 'logger reload', note: 'core component' },
  'modules.conf': { restart: true, note: 'read when modules are loaded at start' },
  'musiconhold.conf': { reloadModule: 'res_musiconhold.so', note: 'new classes and directories' },
  'pjsip.conf': { reloadModule: 'res_pjsip.so', note: 'trunks, transports (a changed bind needs a restart) and file agents' },
  'rtp.conf': { reloadModule: 'res_rtp_asterisk.so', note: 'port range applies to new calls' },
  'sorcery.conf': { restart: true, note: 'wizard mappings are applied when res_pjsip loads' },
};
