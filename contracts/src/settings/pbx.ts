/**
 * The branch's telephony as the admin sets it (issue 6): agent numbers
 * (PJSIP endpoints the appliance pushes to the PBX over ARI) and the trunk
 * (a SIP trunk, or E1/FXO spans of a card from hardware-profiles). These
 * schemas refuse what can never be valid; the appliance checks the rest with
 * asterisk-image's settings schema, which refuses anything that could rewrite
 * an Asterisk config file, and hardware-profiles' span planner.
 */
import { z } from 'zod';
import { RECORD_ID } from '../crm.ts';
import { AGENT_NUMBER } from './operator-modes.ts';

/** Codecs Asterisk 22 knows by these names (asterisk-image safe-values Codec). */
export const SIP_CODECS = ['alaw', 'ulaw', 'g722', 'gsm', 'g726', 'ilbc', 'opus', 'g729'] as const;
export type SipCodec = (typeof SIP_CODECS)[number];

const CONFIG_SYNTAX = /[\r\n;[\]$"\\`\u0000-\u001f\u007f]/;

/** Shown as the caller name on colleagues' phones: no config or caller-id syntax. */
export const CALLER_NAME = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'at most 40 characters')
  .refine((v) => !CONFIG_SYNTAX.test(v) && !/[,<>()]/.test(v), 'no quotes, brackets, commas, ; $ \\ or line breaks');

/** A SIP password the PBX stores: printable ASCII, none of the characters Asterisk config gives a meaning. */
export const SIP_PASSWORD = z
  .string()
  .min(10, 'at least 10 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .refine((v) => !/[;[\]"\\`,']/.test(v), "no ; [ ] , quotes, apostrophes or backslashes");

/** A literal dial string for one agent (a remote agent through a Local channel, a DAHDI line). */
export const AGENT_DIAL_STRING = z
  .string()
  .trim()
  .max(120)
  .regex(/^(PJSIP|Local|DAHDI)\/[A-Za-z0-9_.@+*#/-]+$/, 'PJSIP/…, Local/… or DAHDI/…, without spaces, commas or braces');

/** The agent phone dial template: `{number}` becomes the agent number. */
export const DIAL_TEMPLATE = z
  .string()
  .trim()
  .min(3)
  .max(120)
  .regex(/^(PJSIP|Local|DAHDI)\/[A-Za-z0-9_.@+*#/{}-]+$/, 'PJSIP/…, Local/… or DAHDI/…, without spaces or commas')
  .refine((v) => v.includes('{number}'), 'must contain {number}')
  .refine((v) => !/[{}]/.test(v.replaceAll('{number}', '')), 'only {number} may appear in braces');

export const AgentNumberInput = z.strictObject({
  number: AGENT_NUMBER,
  displayName: CALLER_NAME,
  /** Generated when absent; returned once, in this request's answer. */
  password: SIP_PASSWORD.optional(),
  codecs: z.array(z.enum(SIP_CODECS)).min(1, 'choose at least one codec').max(8).default(['alaw', 'ulaw']),
  /** Instead of the branch's dial template (AcdSettings.agentDialStrings). */
  dialString: AGENT_DIAL_STRING.nullable().default(null),
  /** The user who works as this agent (their agent number is set to it). */
  userId: RECORD_ID.nullable().default(null),
});
export type AgentNumberInput = z.output<typeof AgentNumberInput>;

export const AgentNumberPatch = z.strictObject({
  displayName: CALLER_NAME.optional(),
  password: SIP_PASSWORD.optional(),
  /** A new generated password, returned once. */
  regeneratePassword: z.boolean().optional(),
  codecs: z.array(z.enum(SIP_CODECS)).min(1, 'choose at least one codec').max(8).optional(),
  dialString: AGENT_DIAL_STRING.nullable().optional(),
  userId: RECORD_ID.nullable().optional(),
});
export type AgentNumberPatch = z.output<typeof AgentNumberPatch>;

/** Where a setting stands with the PBX: pushed over ARI, waiting for the PBX, or refused by it. */
export interface PbxPush {
  state: 'pushed' | 'pending' | 'failed';
  error: string | null;
  pushedAt: string | null;
}

export interface AgentNumberView {
  number: string;
  displayName: string;
  codecs: SipCodec[];
  dialString: string | null;
  user: { id: string; username: string; displayName: string } | null;
  pbx: PbxPush;
  createdAt: string;
  updatedAt: string;
  /** Only in the answer that created or changed the password: the PBX needs it in clear, the appliance never shows it again. */
  sipPassword?: string;
}

export const AgentDialingInput = z.strictObject({ dialTemplate: DIAL_TEMPLATE });

// ── trunk ─────────────────────────────────────────────────────────────────

const CALLER_NUMBER = z.string().regex(/^\+?[0-9]{3,20}$/, '3–20 digits, optionally starting with +');
export const OutboundCallerId = z.strictObject({ number: CALLER_NUMBER, name: CALLER_NAME.optional() });
export type OutboundCallerId = z.output<typeof OutboundCallerId>;

const DID = z.string().regex(/^(\+?[0-9]{1,20}|_[0-9XZNxzn.!+\-[\]]{1,40})$/, 'digits (optionally starting with +) or an Asterisk pattern like _12440XX');

export const SipTrunkInput = z.strictObject({
  kind: z.literal('sip'),
  /** The PJSIP endpoint's name: outbound calls dial PJSIP/<number>@<id>. */
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a-z, 0-9, _ and -, starting with a letter').default('trunk'),
  name: z.string().trim().max(60).optional(),
  host: z.string().trim().min(1, 'required').max(253),
  port: z.number().int().min(1).max(65535).default(5060),
  transport: z.enum(['udp', 'tcp']).default('udp'),
  register: z.boolean().default(false),
  username: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, '1–64 of A-Z, a-z, 0-9, . _ + -').optional(),
  /** Omitted on a change: the stored secret stays. */
  secret: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .refine((v) => !/[;[\]"\\`,']/.test(v), "no ; [ ] , quotes, apostrophes or backslashes")
    .optional(),
  codecs: z.array(z.enum(SIP_CODECS)).min(1, 'choose at least one codec').max(8).default(['alaw', 'ulaw']),
  /** Numbers the provider delivers; routed to IVR/queues by the entries (AcdSettings.entries). */
  dids: z.array(DID).max(200).default([]),
  outboundCallerId: OutboundCallerId.nullable().default(null),
  /** Extra source addresses of the provider (IP or CIDR) for identification. */
  matchAddresses: z.array(z.string().max(64)).max(20).default([]),
});
export type SipTrunkInput = z.output<typeof SipTrunkInput>;

/** E1 or FXO spans of the cards in the server, as hardware-profiles' CardSelection (checked against the card's profile). */
export const DahdiTrunkInput = z.strictObject({
  kind: z.literal('dahdi'),
  cards: z
    .array(z.strictObject({ profile: z.string().min(1).max(64), spans: z.array(z.record(z.string(), z.unknown())).min(1, 'choose at least one span').max(32) }))
    .min(1, 'choose a card')
    .max(8),
  outboundCallerId: OutboundCallerId.nullable().default(null),
});
export type DahdiTrunkInput = z.output<typeof DahdiTrunkInput>;

export const TrunkInput = z.discriminatedUnion('kind', [SipTrunkInput, DahdiTrunkInput]);
export type TrunkInput = z.output<typeof TrunkInput>;

export interface TrunkView {
  /** Without the secret; `hasSecret` says whether one is stored. */
  trunk: (Omit<SipTrunkInput, 'secret'> & { hasSecret: boolean }) | DahdiTrunkInput | null;
  pbx: PbxPush | null;
  /** The dial template outbound calls use now (AcdSettings.outboundTemplate). */
  outboundTemplate: string;
  /** Written config files; they take effect when the PBX reloads (Asterisk cannot be reloaded from here). */
  files: string[];
  reloadRequired: boolean;
  /** What the reload applies, in words. */
  notes: string[];
  /** Trunk DIDs no entry routes (and no catch-all entry). */
  unroutedDids: string[];
}

export interface HardwareProfileView {
  id: string;
  vendor: string;
  model: string;
  spanCount: number;
  lineTypes: ('e1' | 'fxo')[];
  channelsPerSpan: number;
}
