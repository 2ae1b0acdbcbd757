/**
 * Agent numbers (issue 6): each is a PJSIP endpoint (auth, aor, endpoint)
 * the appliance pushes to the PBX over ARI, its SIP password (sealed at rest,
 * shown once), codecs, an optional own dial string (AcdSettings.agentDialStrings)
 * and the user who works as that agent (the user's agent number). When the
 * PBX cannot be reached the number is saved as pending and pushed when the
 * ARI link comes back (service.ts); a deletion waits the same way.
 */
import { AppError, type AgentNumberInput, type AgentNumberPatch, type AgentNumberView, type PbxPush } from '@edgecall/contracts';
import type { Actor } from '../../lib/audit.ts';
import { searchWords } from '../../lib/search-text.ts';
import { AGENT_FIELDS, agentObjects, checkSettings, pbxSettings, type AgentPhone } from './pbx-config.ts';
import type { PbxDeps, StoredAgentNumber } from './ports.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const OBJECT_TYPES = ['endpoint', 'aor', 'auth'] as const;

export function pbxPush(row: { pbxState: string; pbxError: string | null; pushedAt: number | null }): PbxPush {
  return { state: row.pbxState === 'pushed' ? 'pushed' : row.pbxState === 'failed' ? 'failed' : 'pending', error: row.pbxError, pushedAt: iso(row.pushedAt) };
}

/** A TelephonyError's status: 503/504 mean "not now", anything else is the PBX refusing. */
export const unreachable = (e: unknown) => [503, 504].includes((e as { status?: number })?.status ?? 0);
export const messageOf = (e: unknown) => String((e as { message?: string })?.message ?? e).slice(0, 300);

export function createAgentNumbers(deps: PbxDeps, serial: <T>(fn: () => Promise<T>) => Promise<T>) {
  const { store, clock } = deps;
  const log = deps.logger.child('feature:pbx');

  const phoneOf = (row: StoredAgentNumber): AgentPhone => ({ number: row.number, displayName: row.displayName, password: deps.secrets.open(row.secret), codecs: row.codecs });

  async function view(row: StoredAgentNumber, sipPassword?: string): Promise<AgentNumberView> {
    const user = await deps.users.byAgentNumber(row.number);
    return {
      number: row.number,
      displayName: row.displayName,
      codecs: row.codecs,
      dialString: deps.acd.current().agentDialStrings[row.number] ?? null,
      user: user ? { id: user.id, username: user.username, displayName: user.displayName } : null,
      pbx: pbxPush(row),
      createdAt: iso(row.createdAt)!,
      updatedAt: iso(row.updatedAt)!,
      ...(sipPassword ? { sipPassword } : {}),
    };
  }

  /** Audited without the secret. */
  const audited = (v: AgentNumberView) => {
    const { sipPassword, ...rest } = v;
    return { ...rest, ...(sipPassword ? { password: 'set' } : {}) };
  };

  /** A generated password the PBX schema accepts (it may not contain the agent number). */
  function generated(number: string): string {
    for (;;) {
      const p = deps.newPassword();
      if (!p.includes(number)) return p;
    }
  }

  async function list(q: { search?: string; offset: number; limit: number }) {
    const { items, total } = await store.page(searchWords(q.search), q.offset, q.limit);
    return { items: await Promise.all(items.map((r) => view(r))), total, offset: q.offset, limit: q.limit };
  }

  async function get(number: string): Promise<StoredAgentNumber> {
    const row = await store.agentNumber(number);
    if (!row || row.pbxState === 'delete_pending') throw new AppError('not_found', `No agent number ${number}`);
    return row;
  }

  /** Pushes auth, aor and endpoint; the row records where the PBX stands. */
  async function push(row: StoredAgentNumber): Promise<StoredAgentNumber> {
    if (!deps.pbx.connected()) return row;
    let state: Pick<StoredAgentNumber, 'pbxState' | 'pbxError' | 'pushedAt'>;
    try {
      for (const obj of agentObjects(deps.site, phoneOf(row))) await deps.pbx.put(obj);
      state = { pbxState: 'pushed', pbxError: null, pushedAt: clock.now() };
    } catch (e) {
      log.warn('agent endpoint not pushed', { number: row.number, err: messageOf(e) });
      state = unreachable(e) ? { pbxState: 'pending', pbxError: messageOf(e), pushedAt: row.pushedAt } : { pbxState: 'failed', pbxError: messageOf(e), pushedAt: row.pushedAt };
    }
    await store.setAgentPbx(row.number, state);
    return { ...row, ...state };
  }

  /** Deletes the endpoint's objects on the PBX; false when it must wait for the PBX. */
  async function unpush(number: string): Promise<boolean> {
    if (!deps.pbx.connected()) return false;
    try {
      for (const type of OBJECT_TYPES) await deps.pbx.remove(type, number);
      return true;
    } catch (e) {
      log.warn('agent endpoint not deleted on the PBX', { number, err: messageOf(e) });
      return false;
    }
  }

  async function link(number: string, userId: string | null | undefined, actor: Actor) {
    if (userId === undefined) return;
    const holder = await deps.users.byAgentNumber(number);
    if (userId === null) {
      if (holder) await deps.users.setAgentNumber(holder.id, null, actor);
      return;
    }
    if (holder?.id === userId) return;
    if (holder) await deps.users.setAgentNumber(holder.id, null, actor);
    await deps.users.setAgentNumber(userId, number, actor);
  }

  async function checkUser(userId: string | null | undefined) {
    if (!userId) return;
    if (!(await deps.users.get(userId))) throw new AppError('validation_failed', `No user ${userId}`, [{ field: 'userId', message: 'no such user' }]);
  }

  async function setDialString(number: string, dialString: string | null | undefined) {
    if (dialString === undefined) return;
    const acd = deps.acd.current();
    const next = { ...acd.agentDialStrings };
    if (dialString) next[number] = dialString;
    else delete next[number];
    if (JSON.stringify(next) !== JSON.stringify(acd.agentDialStrings)) await deps.acd.apply({ ...acd, agentDialStrings: next });
  }

  function create(input: AgentNumberInput, actor: Actor): Promise<AgentNumberView> {
    return serial(async () => {
      const existing = await store.agentNumber(input.number);
      if (existing && existing.pbxState !== 'delete_pending') throw new AppError('conflict', `Agent number ${input.number} already exists`);
      const password = input.password ?? generated(input.number);
      checkSettings(pbxSettings(deps.site, [{ number: input.number, displayName: input.displayName, password, codecs: input.codecs }], null), AGENT_FIELDS);
      await checkUser(input.userId);
      const now = clock.now();
      const row: StoredAgentNumber = {
        number: input.number,
        displayName: input.displayName,
        secret: deps.secrets.seal(password),
        codecs: input.codecs,
        pbxState: 'pending',
        pbxError: null,
        pushedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await store.putAgentNumber(row);
      await setDialString(input.number, input.dialString);
      await link(input.number, input.userId, actor);
      const out = await view(await push(row), password);
      await deps.audit.record({ ...actor, action: 'settings.agent_number.create', targetType: 'agent_number', targetId: row.number, after: audited(out) });
      return out;
    });
  }

  function update(number: string, patch: AgentNumberPatch, actor: Actor): Promise<AgentNumberView> {
    return serial(async () => {
      const before = await get(number);
      const beforeView = await view(before);
      const password = patch.password ?? (patch.regeneratePassword ? generated(number) : undefined);
      const next: StoredAgentNumber = {
        ...before,
        displayName: patch.displayName ?? before.displayName,
        codecs: patch.codecs ?? before.codecs,
        secret: password ? deps.secrets.seal(password) : before.secret,
        updatedAt: clock.now(),
      };
      checkSettings(pbxSettings(deps.site, [phoneOf(next)], null), AGENT_FIELDS);
      await checkUser(patch.userId);
      const pbxChanged = password !== undefined || next.displayName !== before.displayName || next.codecs.join() !== before.codecs.join();
      await store.putAgentNumber(pbxChanged ? { ...next, pbxState: 'pending' } : next);
      await setDialString(number, patch.dialString);
      await link(number, patch.userId, actor);
      const saved = pbxChanged || before.pbxState !== 'pushed' ? await push({ ...next, pbxState: 'pending' }) : next;
      const out = await view(saved, password);
      await deps.audit.record({ ...actor, action: 'settings.agent_number.update', targetType: 'agent_number', targetId: number, before: audited(beforeView), after: audited(out) });
      return out;
    });
  }

  function remove(number: string, actor: Actor): Promise<{ pbx: 'deleted' | 'pending' }> {
    return serial(async () => {
      const before = await get(number);
      const user = await deps.users.byAgentNumber(number);
      if (user) throw new AppError('in_use', `Agent number ${number} is in use (user ${user.username} works as this agent); unlink the user first`, [{ what: 'user', count: 1 }]);
      const beforeView = await view(before);
      await setDialString(number, null);
      const gone = await unpush(number);
      if (gone) await store.removeAgentNumber(number);
      else await store.setAgentPbx(number, { pbxState: 'delete_pending', pbxError: null, pushedAt: before.pushedAt });
      await deps.audit.record({ ...actor, action: 'settings.agent_number.delete', targetType: 'agent_number', targetId: number, before: audited(beforeView) });
      return { pbx: gone ? 'deleted' : 'pending' };
    });
  }

  /** After an ARI (re)connect: push what waits, delete what waits. */
  async function resync(): Promise<void> {
    for (const row of await store.agentNumbers()) {
      if (row.pbxState === 'delete_pending') {
        if (await unpush(row.number)) await store.removeAgentNumber(row.number);
      } else if (row.pbxState !== 'pushed') {
        await push(row);
      }
    }
  }

  return { list, get: async (n: string) => view(await get(n)), create, update, remove, resync };
}

export type AgentNumbers = ReturnType<typeof createAgentNumbers>;
