import { randomBytes } from 'node:crypto';
import { AppError } from '@edgecall/contracts';
import { writeAudit, type Actor } from '../audit/store.ts';
import { num, type CentralDb, type Em } from '../db/orm.ts';
import { credentialOf, digestOf, mintSecret, parseCredential, sameDigest } from './credentials.ts';

export interface ApplianceView {
  id: string;
  name: string;
  enrolled: boolean;
  enrolledAt: string | null;
  createdAt: string;
  epoch: string | null;
  ackedSeq: number;
  headSeq: number;
  /** Records the appliance reported written but HQ has not acked yet. */
  backlog: number;
  lastContactAt: string | null;
  lastAckAt: string | null;
  /** How old the oldest unsynced record is now (its age at the last report plus the time since). */
  lagMs: number | null;
  schemaVersion: number | null;
  appVersion: string | null;
  clockSkewMs: number | null;
  lastError: { id: string; message: string; at: string } | null;
  rejectsOpen: number;
  totals: { batches: number; records: number; duplicates: number; rejects: number };
}

const iso = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

function toView(r: Record<string, unknown>, now: number): ApplianceView {
  const acked = num(r.acked_seq);
  const head = num(r.head_seq);
  const backlog = Math.max(0, head - acked);
  const contact = r.last_contact_at ? new Date(r.last_contact_at as string).getTime() : null;
  return {
    id: String(r.id),
    name: String(r.name),
    enrolled: r.credential_digest !== null,
    enrolledAt: iso(r.enrolled_at),
    createdAt: iso(r.created_at)!,
    epoch: (r.epoch as string | null) ?? null,
    ackedSeq: acked,
    headSeq: head,
    backlog,
    lastContactAt: iso(r.last_contact_at),
    lastAckAt: iso(r.last_ack_at),
    lagMs: contact === null ? null : backlog === 0 ? 0 : num(r.oldest_pending_age_ms) + Math.max(0, now - contact),
    schemaVersion: r.schema_version === null ? null : num(r.schema_version),
    appVersion: (r.app_version as string | null) ?? null,
    clockSkewMs: r.clock_skew_ms === null ? null : num(r.clock_skew_ms),
    lastError: r.last_error_id ? { id: String(r.last_error_id), message: String(r.last_error_message ?? ''), at: iso(r.last_error_at)! } : null,
    rejectsOpen: num(r.rejects_open),
    totals: { batches: num(r.batches_total), records: num(r.records_total), duplicates: num(r.duplicates_total), rejects: num(r.rejects_total) },
  };
}

const SELECT_VIEW = `select a.*, (select count(*) from sync_reject r where r.appliance_id = a.id and r.resolved_at is null) as rejects_open from appliance a`;

/** Appliance registry, enrollment tokens and credentials. */
export function createApplianceStore(db: CentralDb, now: () => number) {
  /** The token is shown once; the audit log records that one was issued and until when, never the token. */
  async function issueToken(tx: Em, applianceId: string, ttlHours: number) {
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now() + ttlHours * 3_600_000);
    await tx.execute(`insert into enrollment_token (digest, appliance_id, expires_at) values (?, ?, ?)`, [digestOf(token), applianceId, expiresAt]);
    return { applianceId, enrollmentToken: token, expiresAt: expiresAt.toISOString() };
  }

  return {
    create: (id: string, name: string, ttlHours: number, actor: Actor) =>
      db.tx(async (tx) => {
        const rows = await tx.execute(`insert into appliance (id, name) values (?, ?) on conflict (id) do nothing returning id`, [id, name]);
        if (rows.length === 0) throw new AppError('conflict', `Appliance ${id} already exists`, { id });
        const issued = await issueToken(tx, id, ttlHours);
        await writeAudit(tx, actor, { action: 'appliance.create', target: `appliance:${id}`, after: { id, name, tokenExpiresAt: issued.expiresAt } });
        return issued;
      }),

    issueToken: (id: string, ttlHours: number, actor: Actor) =>
      db.tx(async (tx) => {
        const rows = await tx.execute(`select id from appliance where id = ?`, [id]);
        if (rows.length === 0) throw new AppError('not_found', `No appliance ${id}`);
        const issued = await issueToken(tx, id, ttlHours);
        await writeAudit(tx, actor, { action: 'appliance.token', target: `appliance:${id}`, after: { tokenExpiresAt: issued.expiresAt } });
        return issued;
      }),

    /** One-time exchange: the token is spent and a fresh credential replaces any earlier one. */
    async enroll(applianceId: string, token: string) {
      return db.tx(async (tx) => {
        const [t] = await tx.execute(
          `select t.appliance_id, t.expires_at, t.used_at from enrollment_token t where t.digest = ? for update`,
          [digestOf(token)],
        );
        const valid = t && t.appliance_id === applianceId && t.used_at === null && new Date(t.expires_at as string).getTime() > now();
        if (!valid) throw new AppError('invalid_credentials', 'The enrollment token is unknown, already used, expired or for another appliance');
        const secret = mintSecret();
        await tx.execute(`update enrollment_token set used_at = now() where digest = ?`, [digestOf(token)]);
        await tx.execute(`update appliance set credential_digest = ?, enrolled_at = now(), disabled = false where id = ?`, [digestOf(secret), applianceId]);
        return { applianceId, credential: credentialOf(applianceId, secret) };
      });
    },

    /** Revokes the credential: the appliance must enroll again with a new token. */
    revoke: (id: string, actor: Actor) =>
      db.tx(async (tx) => {
        const [before] = await tx.execute(`select credential_digest is not null as enrolled, disabled from appliance where id = ? for update`, [id]);
        if (!before) throw new AppError('not_found', `No appliance ${id}`);
        await tx.execute(`update appliance set credential_digest = null, disabled = true where id = ?`, [id]);
        await writeAudit(tx, actor, { action: 'appliance.revoke', target: `appliance:${id}`, before: { enrolled: Boolean(before.enrolled), disabled: Boolean(before.disabled) }, after: { enrolled: false, disabled: true } });
      }),

    async authenticate(bearer: string): Promise<string | null> {
      const c = parseCredential(bearer);
      if (!c) return null;
      const [row] = await db.em().execute(`select credential_digest, disabled from appliance where id = ?`, [c.applianceId]);
      if (!row || row.disabled || !row.credential_digest) return null;
      return sameDigest(digestOf(c.secret), String(row.credential_digest)) ? c.applianceId : null;
    },

    async list(): Promise<ApplianceView[]> {
      const rows = await db.em().execute(`${SELECT_VIEW} order by a.id`);
      const t = now();
      return rows.map((r) => toView(r, t));
    },

    async get(id: string): Promise<ApplianceView> {
      const [row] = await db.em().execute(`${SELECT_VIEW} where a.id = ?`, [id]);
      if (!row) throw new AppError('not_found', `No appliance ${id}`);
      return toView(row, now());
    },
  };
}

export type ApplianceStore = ReturnType<typeof createApplianceStore>;
