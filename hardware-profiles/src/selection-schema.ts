/**
 * What an admin chooses for the cards in one branch server: which spans are
 * used, whether each is an E1 PRI or a set of FXO lines, and the few settings
 * that differ from the card profile's defaults. Everything is optional except
 * the span number, so the common case ("use the E1 on port 1") stays short.
 */
import { z } from 'zod';
import {
  CidSignalling,
  CidStart,
  EchoCanceller,
  PriDialplan,
  PriSignalling,
  SwitchType,
} from './profile-schema.ts';

/** chan_dahdi call groups are 0–63; `Dial(DAHDI/g<n>/…)` picks a free channel in one. */
export const DahdiGroup = z.number().int().min(0, 'DAHDI groups are 0–63').max(63, 'DAHDI groups are 0–63');

/**
 * An inbound number as the exchange sends it (digits, optional leading +), or
 * an Asterisk pattern such as `_12440XX`. Kept strict because DIDs end up as
 * extensions in extensions.conf.
 */
export const Did = z
  .string()
  .regex(
    /^(\+?[0-9]{1,20}|_[0-9XZNxzn.!+\-[\]]{1,40})$/,
    'a DID is digits (optionally starting with +) or an Asterisk pattern like _12440XX',
  );

const DialPrefix = z.string().regex(/^\+?[0-9]{0,8}$/, 'must be digits, optionally starting with +');
const Gain = z.number().min(-20).max(20);

export const E1Selection = z.strictObject({
  group: DahdiGroup.optional(),
  signalling: PriSignalling.optional(),
  switchtype: SwitchType.optional(),
  /** Only `ccs` (ISDN PRI) is generated; `cas` is accepted here so the planner can explain why not. */
  framing: z.enum(['ccs', 'cas']).optional(),
  coding: z.enum(['hdb3', 'ami']).optional(),
  crc4: z.boolean().optional(),
  lbo: z.number().int().min(0).max(7).optional(),
  /** Clock source priority (1 = preferred); 0 = never take clock from this span. */
  timing: z.number().int().min(0).max(32).optional(),
  pridialplan: PriDialplan.optional(),
  prilocaldialplan: PriDialplan.optional(),
  internationalPrefix: DialPrefix.optional(),
  nationalPrefix: DialPrefix.optional(),
  /** Numbers the exchange delivers on this span; empty = accept any number. */
  dids: z.array(Did).optional(),
  echoCanceller: EchoCanceller.optional(),
});
export type E1Selection = z.infer<typeof E1Selection>;

export const FxoSelection = z.strictObject({
  group: DahdiGroup.optional(),
  /** 1-based ports on the card that carry FXO modules; default: all ports. */
  ports: z.array(z.number().int().min(1, 'ports are numbered from 1')).min(1).optional(),
  signalling: z.enum(['fxs_ks', 'fxs_ls']).optional(),
  cidSignalling: CidSignalling.optional(),
  cidStart: CidStart.optional(),
  busyDetect: z.boolean().optional(),
  busyCount: z.number().int().min(2).max(20).optional(),
  busyPattern: z.tuple([z.number().int().min(50).max(2000), z.number().int().min(50).max(2000)]).optional(),
  answerOnPolaritySwitch: z.boolean().optional(),
  hangupOnPolaritySwitch: z.boolean().optional(),
  echoCanceller: EchoCanceller.optional(),
  /** Software gain in dB (chan_dahdi rxgain/txgain), for quiet or loud lines. */
  rxGain: Gain.optional(),
  txGain: Gain.optional(),
});
export type FxoSelection = z.infer<typeof FxoSelection>;

export const SpanSelection = z.strictObject({
  /** 1-based span (port) number on this card. */
  span: z.number().int().min(1, 'spans are numbered from 1'),
  e1: E1Selection.optional(),
  fxo: FxoSelection.optional(),
});
export type SpanSelection = z.infer<typeof SpanSelection>;
export type SpanSelectionInput = z.input<typeof SpanSelection>;

export const CardSelection = z.strictObject({
  /** A shipped profile id, or a full profile object for a card we do not ship. */
  profile: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  spans: z.array(SpanSelection),
});
export type CardSelectionInput = z.input<typeof CardSelection>;

/** FXO line impedance profiles known to dahdi-linux (drivers/dahdi/fxo_modes.h). */
export const FxoOpermode = z.enum([
  'FCC', 'TBR21', 'ARGENTINA', 'AUSTRALIA', 'AUSTRIA', 'BAHRAIN', 'BELGIUM', 'BRAZIL', 'BULGARIA',
  'CANADA', 'CHILE', 'CHINA', 'COLOMBIA', 'CROATIA', 'CYPRUS', 'CZECH', 'DENMARK', 'ECUADOR', 'EGYPT',
  'ELSALVADOR', 'FINLAND', 'FRANCE', 'GERMANY', 'GREECE', 'GUAM', 'HONGKONG', 'HUNGARY', 'ICELAND',
  'INDIA', 'INDONESIA', 'IRELAND', 'ISRAEL', 'ITALY', 'JAPAN', 'JORDAN', 'KAZAKHSTAN', 'KUWAIT',
  'LATVIA', 'LEBANON', 'LUXEMBOURG', 'MACAO', 'MALAYSIA', 'MALTA', 'MEXICO', 'MOROCCO', 'NETHERLANDS',
  'NEWZEALAND', 'NIGERIA', 'NORWAY', 'OMAN', 'PAKISTAN', 'PERU', 'PHILIPPINES', 'POLAND', 'PORTUGAL',
  'ROMANIA', 'RUSSIA', 'SAUDIARABIA', 'SINGAPORE', 'SLOVAKIA', 'SLOVENIA', 'SOUTHAFRICA', 'SOUTHKOREA',
  'SPAIN', 'SWEDEN', 'SWITZERLAND', 'SYRIA', 'TAIWAN', 'THAILAND', 'UAE', 'UK', 'USA', 'YEMEN',
]);
export type FxoOpermode = z.infer<typeof FxoOpermode>;

export const DahdiOptions = z.strictObject({
  /**
   * DAHDI tone zone (libtonezone). There is no `az` zone; `ru` has the same
   * 425 Hz CIS tone plan Azerbaijani exchanges use. Verify on site.
   */
  toneZone: z.string().regex(/^[a-z]{2}(-old)?$/, 'a DAHDI tone zone is a two-letter code such as ru').default('ru'),
  /** FXO impedance for dahdi-linux analog cards; no AZERBAIJAN entry exists, RUSSIA is the nearest match. */
  fxoOpermode: FxoOpermode.default('RUSSIA'),
  /** Dialplan context every DAHDI channel delivers calls to. */
  context: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/).default('edgecall-trunk'),
});
export type DahdiOptions = z.infer<typeof DahdiOptions>;
export type DahdiOptionsInput = z.input<typeof DahdiOptions>;
