import { randomUUID } from 'node:crypto';
import { AppError, type HqCreateUserRequest, type HqRole, type HqUpdateUserRequest, type HqUserView } from '@edgecall/contracts';
import type { CentralDb, Em } from '../db/orm.ts';
import { writeAudit, type Actor } from '../audit/store.ts';
import { digestToken, dummyHash, hashPassword, newSessionToken, verifyPassword } from './passwords.ts';

/** The signed-in HQ user a request acts as; the role is read with the session, so a change applies at once. */
export interface HqSessionUser {
  id: string;
  username: string;
  displayName: string;
  role: HqRole;
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

const toView = (r: Record<string, unknown>): HqUserView => ({
  id: String(r.id),
  username: String(r.username),
  displayName: String(r.display_name),
  role: r.role as HqRole,
  disabled: Boolean(r.disabled),
  createdAt: iso(r.created_at)!,
  lastLoginAt: iso(r.last_login_at),
});

/** Serialises changes to who is an admin, so two requests cannot each remove "the other" last admin. */
const ADMIN_SET_LOCK = 0x45434841; // "ECHA"

async function activeAdmins(tx: Em): Promise<number> {
  await tx.execute(`select pg_advisory_xact_lock(?)`, [ADMIN_SET_LOCK]);
  const [row] = await tx.execute(`select count(*)::int as n from hq_user where role = 'hq_admin' and not disabled`);
  return Number(row?.n ?? 0);
}

/** HQ accounts and their sessions (DESIGN.md §7): scrypt hashes, session tokens stored as digests, every change audited. */
export function createAccounts(db: CentralDb, opts: { now: () => number; sessionTtlMs: number }) {
  async function insertUser(tx: Em, b: HqCreateUserRequest, actor: Actor, action: string): Promise<HqUserView> {
    const hash = await hashPassword(b.password);
    const rows = await tx.execute(
      `insert into hq_user (id, username, display_name, role, password_hash) values (?, ?, ?, ?, ?) on conflict (username) do nothing returning *`,
      [randomUUID(), b.username, b.displayName, b.role, hash],
    );
    if (rows.length === 0) throw new AppError('conflict', `User ${b.username} already exists`, { username: b.username });
    const view = toView(rows[0]);
    await writeAudit(tx, actor, { action, target: `user:${view.username}`, after: view });
    return view;
  }

  return {
    async list(): Promise<HqUserView[]> {
      return (await db.em().execute(`select * from hq_user order by username`)).map(toView);
    },

    create: (b: HqCreateUserRequest, actor: Actor) => db.tx((tx) => insertUser(tx, b, actor, 'user.create')),

    /** The first admin, and only while HQ has no admin at all (the bootstrap token's one use). */
    bootstrap: (b: { username: string; displayName: string; password: string }, actor: Actor) =>
      db.tx(async (tx) => {
        if ((await activeAdmins(tx)) > 0) throw new AppError('conflict', 'HQ already has an admin: sign in, or ask an admin for an account');
        return insertUser(tx, { ...b, role: 'hq_admin' }, actor, 'user.bootstrap');
      }),

    /** `create-admin` CLI: a new admin, or with `reset` a new password (and admin role) for an existing user. */
    cliAdmin: (b: { username: string; displayName: string; password: string }, actor: Actor, reset: boolean) =>
      db.tx(async (tx) => {
        const [existing] = await tx.execute(`select * from hq_user where username = ? for update`, [b.username]);
        if (!existing) return insertUser(tx, { ...b, role: 'hq_admin' }, actor, 'user.create');
        if (!reset) throw new AppError('conflict', `User ${b.username} already exists (pass --reset-password to set a new password)`);
        const [row] = await tx.execute(`update hq_user set password_hash = ?, role = 'hq_admin', disabled = false, updated_at = now() where id = ? returning *`, [
          await hashPassword(b.password),
          existing.id,
        ]);
        await tx.execute(`delete from hq_session where user_id = ?`, [existing.id]);
        await writeAudit(tx, actor, { action: 'user.update', target: `user:${b.username}`, before: toView(existing), after: { ...toView(row), passwordChanged: true } });
        return toView(row);
      }),

    update: (id: string, b: HqUpdateUserRequest, actor: Actor) =>
      db.tx(async (tx) => {
        const [row] = /^[0-9a-f-]{36}$/.test(id) ? await tx.execute(`select * from hq_user where id = ? for update`, [id]) : [];
        if (!row) throw new AppError('not_found', `No HQ user ${id}`);
        const before = toView(row);
        const losesAdmin = before.role === 'hq_admin' && !before.disabled && ((b.role && b.role !== 'hq_admin') || b.disabled === true);
        if (losesAdmin && (await activeAdmins(tx)) <= 1) throw new AppError('conflict', 'This is the last active admin: make another admin first');
        const [updated] = await tx.execute(
          `update hq_user set display_name = coalesce(?, display_name), role = coalesce(?, role), disabled = coalesce(?, disabled),
             password_hash = coalesce(?, password_hash), updated_at = now() where id = ? returning *`,
          [b.displayName ?? null, b.role ?? null, b.disabled ?? null, b.password ? await hashPassword(b.password) : null, id],
        );
        const after = toView(updated);
        // A new password, a lost role or a disabled account ends the sessions it had.
        if (b.password || b.disabled === true || (b.role && b.role !== before.role)) await tx.execute(`delete from hq_session where user_id = ?`, [id]);
        await writeAudit(tx, actor, { action: 'user.update', target: `user:${after.username}`, before, after: b.password ? { ...after, passwordChanged: true } : after });
        return after;
      }),

    /** Checks the password; on success opens a session. Unknown users cost a hash too (no timing oracle). */
    async login(username: string, password: string, address: string): Promise<{ token: string; user: HqSessionUser; expiresAt: number } | null> {
      const [row] = await db.em().execute(`select * from hq_user where username = ?`, [username]);
      const ok = await verifyPassword(password, row ? String(row.password_hash) : await dummyHash());
      if (!row || !ok || row.disabled) return null;
      const token = newSessionToken();
      const expiresAt = opts.now() + opts.sessionTtlMs;
      const user: HqSessionUser = { id: String(row.id), username: String(row.username), displayName: String(row.display_name), role: row.role as HqRole };
      await db.tx(async (tx) => {
        await tx.execute(`insert into hq_session (digest, user_id, expires_at, address) values (?, ?, ?, ?)`, [digestToken(token), user.id, new Date(expiresAt), address]);
        await tx.execute(`update hq_user set last_login_at = now() where id = ?`, [user.id]);
        await writeAudit(tx, { userId: user.id, name: user.username, address }, { action: 'auth.login', target: `user:${user.username}` });
      });
      return { token, user, expiresAt };
    },

    async sessionUser(token: string): Promise<HqSessionUser | null> {
      const [row] = await db
        .em()
        .execute(`select u.id, u.username, u.display_name, u.role from hq_session s join hq_user u on u.id = s.user_id where s.digest = ? and s.expires_at > ? and not u.disabled`, [
          digestToken(token),
          new Date(opts.now()),
        ]);
      return row ? { id: String(row.id), username: String(row.username), displayName: String(row.display_name), role: row.role as HqRole } : null;
    },

    logout: (token: string, actor: Actor) =>
      db.tx(async (tx) => {
        const rows = await tx.execute(`delete from hq_session where digest = ? returning user_id`, [digestToken(token)]);
        if (rows.length) await writeAudit(tx, actor, { action: 'auth.logout', target: `user:${actor.name}` });
      }),

    /** Own password: needs the current one; every other session of the user ends. */
    changeOwnPassword: (user: HqSessionUser, current: string, next: string, keepToken: string, actor: Actor) =>
      db.tx(async (tx) => {
        const [row] = await tx.execute(`select password_hash from hq_user where id = ? for update`, [user.id]);
        if (!row || !(await verifyPassword(current, String(row.password_hash)))) throw new AppError('invalid_credentials', 'The current password is wrong');
        await tx.execute(`update hq_user set password_hash = ?, updated_at = now() where id = ?`, [await hashPassword(next), user.id]);
        await tx.execute(`delete from hq_session where user_id = ? and digest <> ?`, [user.id, digestToken(keepToken)]);
        await writeAudit(tx, actor, { action: 'user.password', target: `user:${user.username}`, after: { passwordChanged: true } });
      }),

    async pruneSessions(): Promise<number> {
      return (await db.em().execute(`delete from hq_session where expires_at < ? returning 1`, [new Date(opts.now())])).length;
    },

    async count(): Promise<number> {
      const [row] = await db.em().execute(`select count(*)::int as n from hq_user`);
      return Number(row?.n ?? 0);
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
