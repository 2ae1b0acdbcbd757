/**
 * The downlink (HQ → branch reference data) and enrollment halves of the sync
 * protocol. HQ is the single writer of reference data; appliances apply the
 * change log in order with its cursor, and fall back to a snapshot when the
 * log no longer reaches back to their cursor (410 cursor_expired).
 */
import { z } from 'zod';

const MAX_INT = Number.MAX_SAFE_INTEGER;
const REV = z.number().int().nonnegative().max(MAX_INT);
const NAME = z.string().trim().min(1).max(200);
const APPLIANCE = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export const REF_SCHEMA_VERSION = 1;
export const REF_DATASETS = ['faq', 'template', 'classification', 'evaluation_criterion', 'holiday'] as const;
export const RefDataset = z.enum(REF_DATASETS);
export type RefDataset = z.infer<typeof RefDataset>;
export const REF_KEY = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, '1–128 letters, digits or ._:-');

/**
 * Item schemas. Objects are not strict: an appliance older than HQ ignores
 * fields it does not know yet instead of refusing the item.
 */
export const REF_ITEM_SCHEMAS = {
  faq: z.object({
    question: z.string().trim().min(1).max(500),
    answer: z.string().min(1).max(20_000),
    tags: z.array(z.string().min(1).max(50)).max(20).default([]),
    locale: z.enum(['az', 'en', 'ru']).default('az'),
  }),
  template: z.object({
    name: NAME,
    channel: z.enum(['sms', 'email', 'script']),
    subject: z.string().max(200).optional(),
    body: z.string().min(1).max(20_000),
  }),
  classification: z.object({
    name: NAME,
    parentKey: REF_KEY.nullable().default(null),
    active: z.boolean().default(true),
  }),
  evaluation_criterion: z.object({
    name: NAME,
    description: z.string().max(2000).optional(),
    weight: z.number().min(0).max(100),
    maxScore: z.number().int().min(1).max(100).default(10),
    active: z.boolean().default(true),
  }),
  holiday: z.object({
    date: z.iso.date(),
    name: NAME,
    /** Absent: every branch observes it. */
    branches: z.array(APPLIANCE).max(1000).optional(),
  }),
} satisfies Record<RefDataset, z.ZodType>;

export type RefItemOf<D extends RefDataset> = z.infer<(typeof REF_ITEM_SCHEMAS)[D]>;

export const RefChange = z.object({
  rev: REV,
  dataset: z.string().max(64),
  key: REF_KEY,
  op: z.enum(['upsert', 'delete']),
  payload: z.unknown(),
  schemaVersion: z.number().int().nonnegative(),
});
export type RefChange = z.infer<typeof RefChange>;

export const RefPullQuery = z.strictObject({
  since: z.coerce.number().int().nonnegative().max(MAX_INT).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const RefPage = z.object({
  changes: z.array(RefChange),
  /** The cursor to store with these changes (the last rev served, or `since` when none). */
  nextRev: REV,
  hasMore: z.boolean(),
  /** Changes at or below this rev were pruned; a cursor below it gets 410. */
  horizonRev: REV,
});
export type RefPage = z.infer<typeof RefPage>;

export const RefSnapshot = z.object({
  asOfRev: REV,
  items: z.array(z.object({ dataset: z.string().max(64), key: REF_KEY, rev: REV, payload: z.unknown(), schemaVersion: z.number().int() })),
});
export type RefSnapshot = z.infer<typeof RefSnapshot>;

// ── enrollment ────────────────────────────────────────────────────────────

export const CreateApplianceRequest = z.strictObject({
  id: APPLIANCE,
  name: NAME,
  tokenTtlHours: z.number().int().min(1).max(24 * 30).default(72),
});
export const IssueTokenRequest = z.strictObject({ tokenTtlHours: z.number().int().min(1).max(24 * 30).default(72) });

export const EnrollmentTokenResponse = z.object({ applianceId: APPLIANCE, enrollmentToken: z.string(), expiresAt: z.string() });
export type EnrollmentTokenResponse = z.infer<typeof EnrollmentTokenResponse>;

export const EnrollRequest = z.strictObject({ applianceId: APPLIANCE, token: z.string().min(20).max(200) });
export type EnrollRequest = z.infer<typeof EnrollRequest>;

/** `credential` is `<applianceId>.<secret>`, sent as `Authorization: Bearer …`; HQ stores only its digest. */
export const EnrollResponse = z.object({ applianceId: APPLIANCE, credential: z.string().min(20).max(300) });
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** The file enrollment writes into the appliance's data dir (mode 0600). */
export const SyncCredentialFile = z.strictObject({
  version: z.literal(1),
  applianceId: APPLIANCE,
  credential: z.string().min(20).max(300),
  centralUrl: z.url({ protocol: /^https?$/ }),
  enrolledAt: z.string(),
});
export type SyncCredentialFile = z.infer<typeof SyncCredentialFile>;
export const SYNC_CREDENTIAL_FILE_NAME = 'sync-credential.json';
