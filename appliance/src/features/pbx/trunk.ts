/**
 * The branch's trunk (issue 6): a SIP trunk whose auth, aor and endpoint are
 * pushed over ARI (outbound calls use it at once), or E1/FXO spans of a card
 * checked against its hardware profile. Either way the rendered pjsip.conf,
 * extensions.conf (and chan_dahdi.conf with the host's DAHDI files) are
 * written for the PBX image: registration, identification by address and
 * DAHDI take effect when the PBX reloads, which the answer says
 * (`reloadRequired`). The outbound dial template and caller id follow the trunk.
 */
import { listProfiles } from '@edgecall/hardware-profiles';
import { type HardwareProfileView, type TrunkInput, type TrunkView } from '@edgecall/contracts';
import type { Actor } from '../../lib/audit.ts';
import { messageOf, pbxPush, unreachable } from './agent-numbers.ts';
import { TRUNK_FIELDS, checkSettings, outboundTemplateOf, pbxSettings, renderFiles, trunkDids, trunkObjectIds, trunkObjects, type TrunkWithSecret } from './pbx-config.ts';
import type { PbxDeps, StoredTrunk } from './ports.ts';

/** AcdSettings' default when no trunk is set. */
const DEFAULT_OUTBOUND = 'PJSIP/{number}@trunk';

const NOTES = {
  sip: [
    'The trunk endpoint, aor and auth were pushed over ARI: outbound calls can use it now.',
    'Registration and recognising the provider by address live in pjsip.conf only (ARI cannot create them): reload res_pjsip (module reload res_pjsip.so) to apply them.',
    'Inbound numbers are routed by the entries (DID → IVR or queue).',
  ],
  dahdi: [
    'chan_dahdi.conf and the DAHDI host files were written; E1/FXO settings apply only when the PBX restarts (dahdi_cfg, then Asterisk).',
    'Inbound numbers are routed by the entries (DID → IVR or queue).',
  ],
};

export function createTrunk(deps: PbxDeps, serial: <T>(fn: () => Promise<T>) => Promise<T>) {
  const { store, clock } = deps;
  const log = deps.logger.child('feature:pbx');

  const withSecret = (row: StoredTrunk): TrunkWithSecret => ({ ...row.settings, ...(row.secret ? { secret: deps.secrets.open(row.secret) } : {}) }) as TrunkWithSecret;

  function unroutedDids(dids: string[]): string[] {
    const entries = deps.acd.current().entries;
    if (entries.some((e) => e.did === '*')) return [];
    return dids.filter((d) => !entries.some((e) => e.did === d));
  }

  /** `reloadRequired` is true in the answer of a change: the appliance cannot know when the PBX reloaded since. */
  async function view(row: StoredTrunk | null, reloadRequired = false): Promise<TrunkView> {
    const acd = deps.acd.current();
    const files = await deps.files.list();
    if (!row) return { trunk: null, pbx: null, outboundTemplate: acd.outboundTemplate, files, reloadRequired, notes: [], unroutedDids: [] };
    const trunk = row.settings.kind === 'sip' ? { ...row.settings, secret: undefined, hasSecret: !!row.secret } : row.settings;
    delete (trunk as { secret?: string }).secret;
    // A stored trunk a newer schema refuses still shows; only its DID check is skipped.
    let unrouted: string[] = [];
    try {
      unrouted = unroutedDids(trunkDids(checkSettings(pbxSettings(deps.site, [], withSecret(row)), TRUNK_FIELDS), row.settings));
    } catch (e) {
      log.warn('stored trunk no longer validates', { err: messageOf(e) });
    }
    return {
      trunk,
      pbx: row.settings.kind === 'sip' ? pbxPush(row) : null,
      outboundTemplate: acd.outboundTemplate,
      files,
      reloadRequired,
      notes: NOTES[row.settings.kind],
      unroutedDids: unrouted,
    };
  }

  async function push(row: StoredTrunk): Promise<StoredTrunk> {
    const t = withSecret(row);
    if (t.kind !== 'sip' || !deps.pbx.connected()) return row;
    let state: Pick<StoredTrunk, 'pbxState' | 'pbxError' | 'pushedAt'>;
    try {
      for (const obj of trunkObjects(deps.site, t)) await deps.pbx.put(obj);
      state = { pbxState: 'pushed', pbxError: null, pushedAt: clock.now() };
    } catch (e) {
      log.warn('trunk not pushed', { err: messageOf(e) });
      state = { pbxState: unreachable(e) ? 'pending' : 'failed', pbxError: messageOf(e), pushedAt: row.pushedAt };
    }
    await store.setTrunkPbx(state);
    return { ...row, ...state };
  }

  /** Removes a SIP trunk's objects from the PBX (a renamed or removed trunk); best effort, the next save pushes again. */
  async function unpush(settings: TrunkInput | undefined) {
    if (settings?.kind !== 'sip' || !deps.pbx.connected()) return;
    for (const [type, id] of trunkObjectIds(settings.id)) await deps.pbx.remove(type, id).catch((e) => log.warn('old trunk object not deleted', { type, id, err: messageOf(e) }));
  }

  async function writeFiles(t: TrunkWithSecret | null) {
    const settings = checkSettings(pbxSettings(deps.site, [], t), TRUNK_FIELDS);
    const rendered = renderFiles(settings);
    if (!t || t.kind !== 'dahdi') await deps.files.remove(['chan_dahdi.conf', 'host']);
    await deps.files.write(rendered);
    return settings;
  }

  async function applyToAcd(outboundTemplate: string, callerId: TrunkInput['outboundCallerId'] | undefined) {
    const acd = deps.acd.current();
    const next = { ...acd, outboundTemplate, outboundCallerId: callerId ?? undefined };
    if (!callerId) delete next.outboundCallerId;
    if (JSON.stringify(next) !== JSON.stringify(acd)) await deps.acd.apply(next);
  }

  const redacted = (t: TrunkInput | undefined) => (t?.kind === 'sip' ? { ...t, secret: undefined } : t);

  function save(input: TrunkInput, actor: Actor): Promise<TrunkView> {
    return serial(async () => {
      const before = await store.trunk();
      const keepSecret = input.kind === 'sip' && input.secret === undefined && before?.settings.kind === 'sip' && before.secret ? deps.secrets.open(before.secret) : undefined;
      const t: TrunkWithSecret = input.kind === 'sip' ? { ...input, ...(keepSecret ? { secret: keepSecret } : {}) } : input;
      const settings = checkSettings(pbxSettings(deps.site, [], t), TRUNK_FIELDS);
      const { secret, ...plain } = t as TrunkWithSecret & { secret?: string };
      const row: StoredTrunk = { settings: plain as TrunkInput, secret: secret ? deps.secrets.seal(secret) : null, pbxState: 'pending', pbxError: null, pushedAt: null, updatedAt: clock.now() };
      if (before?.settings.kind === 'sip' && (input.kind !== 'sip' || input.id !== before.settings.id)) await unpush(before.settings);
      await store.putTrunk(row);
      await writeFiles(t);
      await applyToAcd(outboundTemplateOf(settings, input), input.outboundCallerId);
      const saved = await push(row);
      const out = await view(saved, true);
      await deps.audit.record({ ...actor, action: 'settings.trunk.update', targetType: 'trunk', targetId: input.kind === 'sip' ? input.id : 'dahdi', before: redacted(before?.settings), after: { ...out, secretChanged: input.kind === 'sip' && input.secret !== undefined } });
      return out;
    });
  }

  function remove(actor: Actor): Promise<TrunkView> {
    return serial(async () => {
      const before = await store.trunk();
      if (!before) return view(null);
      await unpush(before.settings);
      await store.putTrunk(null);
      await writeFiles(null);
      await applyToAcd(DEFAULT_OUTBOUND, null);
      const out = { ...(await view(null, true)), notes: ['The trunk was removed from the rendered files; reload the PBX to drop its registration.'] };
      await deps.audit.record({ ...actor, action: 'settings.trunk.delete', targetType: 'trunk', targetId: null, before: redacted(before.settings) });
      return out;
    });
  }

  async function resync(): Promise<void> {
    const row = await store.trunk();
    if (row && row.settings.kind === 'sip' && row.pbxState !== 'pushed') await push(row);
  }

  function hardware(): HardwareProfileView[] {
    return listProfiles().map((p) => ({ id: p.id, vendor: p.vendor, model: p.model, spanCount: p.spanCount, lineTypes: [...p.lineTypes], channelsPerSpan: p.channelsPerSpan }));
  }

  return { get: async () => view(await store.trunk()), save, remove, resync, hardware };
}

export type Trunk = ReturnType<typeof createTrunk>;
