/**
 * What a card profile (profiles/*.json) may say. Profiles are data written by
 * people, so they are validated like any other input: a typo in a shipped
 * profile must fail a test, not produce a system.conf that dahdi_cfg rejects
 * on a branch server.
 */
import { z } from 'zod';

/** The two kinds of line EdgeCall terminates on DAHDI hardware. */
export const LineKind = z.enum(['e1', 'fxo']);
export type LineKind = z.infer<typeof LineKind>;

/**
 * DAHDI echo canceller names accepted by dahdi_cfg (`echocanceller=<name>,…`).
 * `hwec` asks for the card's own echo canceller module; `none` writes no line.
 */
export const EchoCanceller = z.enum(['hwec', 'mg2', 'oslec', 'kb1', 'sec2', 'sec', 'none']);
export type EchoCanceller = z.infer<typeof EchoCanceller>;

/** ISDN numbering plans accepted by chan_dahdi's pridialplan/prilocaldialplan. */
export const PriDialplan = z.enum(['unknown', 'private', 'local', 'national', 'international', 'dynamic', 'redundant']);
export type PriDialplan = z.infer<typeof PriDialplan>;

export const PriSignalling = z.enum(['pri_cpe', 'pri_net']);
export const SwitchType = z.enum(['euroisdn', 'national', 'ni1', 'dms100', '4ess', '5ess', 'qsig']);

/** Caller id prefixes chan_dahdi adds according to the ISDN type of number. */
const DialPrefix = z.string().regex(/^\+?[0-9]{0,8}$/, 'must be digits, optionally starting with +');

export const E1Defaults = z.strictObject({
  signalling: PriSignalling,
  switchtype: SwitchType,
  // PRI is always common-channel signalling; CAS (MFC/R2) is not generated.
  framing: z.literal('ccs'),
  coding: z.enum(['hdb3', 'ami']),
  crc4: z.boolean(),
  /** Line build-out 0–7; 0 for E1 in practice. */
  lbo: z.number().int().min(0).max(7),
  pridialplan: PriDialplan,
  prilocaldialplan: PriDialplan,
  internationalPrefix: DialPrefix,
  nationalPrefix: DialPrefix,
  echoCanceller: EchoCanceller,
});
export type E1Defaults = z.infer<typeof E1Defaults>;

/** chan_dahdi `cidsignalling` and `cidstart` values. */
export const CidSignalling = z.enum(['bell', 'v23', 'v23_jp', 'dtmf', 'smdi']);
export const CidStart = z.enum(['ring', 'polarity', 'polarity_IN', 'dtmf']);

export const FxoDefaults = z.strictObject({
  // An FXO *port* talks to the exchange like a phone does, so DAHDI drives it
  // with FXS signalling; kewlstart notices the far end hanging up.
  signalling: z.enum(['fxs_ks', 'fxs_ls']),
  cidSignalling: CidSignalling,
  cidStart: CidStart,
  busyDetect: z.boolean(),
  busyCount: z.number().int().min(2).max(20),
  /** Busy tone on/off in ms, used by busydetect on lines without disconnect supervision. */
  busyPattern: z.tuple([z.number().int().min(50).max(2000), z.number().int().min(50).max(2000)]),
  answerOnPolaritySwitch: z.boolean(),
  hangupOnPolaritySwitch: z.boolean(),
  echoCanceller: EchoCanceller,
});
export type FxoDefaults = z.infer<typeof FxoDefaults>;

export const HardwareProfileSchema = z
  .strictObject({
    /** Notes for people editing the JSON; ignored by the generator. */
    $comment: z.string().optional(),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
    vendor: z.string().min(1),
    model: z.string().min(1),
    /** Other product names the same profile covers (same driver and layout). */
    aliases: z.array(z.string().min(1)).default([]),
    description: z.string().min(1),
    bus: z.enum(['pci', 'pcie']),
    driver: z.strictObject({
      /** Kernel module that registers the spans with DAHDI. */
      module: z.string().regex(/^[a-z0-9_]+$/),
      /** dahdi-linux drivers are loaded from /etc/dahdi/modules; Wanpipe by wanrouter. */
      source: z.enum(['dahdi-linux', 'sangoma-wanpipe']),
      /** Module parameter that forces E1 instead of reading jumpers (wct4xxp: default_linemode). */
      lineModeParam: z.string().regex(/^[a-z0-9_]+$/).optional(),
      /** Module parameter selecting the FXO line impedance profile (wctdm24xxp: opermode). */
      opermodeParam: z.string().regex(/^[a-z0-9_]+$/).optional(),
      /**
       * How system.conf declares the ISDN D-channel: `dchan` (DAHDI does HDLC in
       * software, Digium cards) or `hardhdlc` (the card does it, as Sangoma's
       * wancfg_dahdi writes for AFT cards).
       */
      dChannel: z.enum(['dchan', 'hardhdlc']).default('dchan'),
    }),
    /** PCI vendor:device ids, so an installer can match `lspci -n` output to a profile. */
    pciIds: z.array(z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}$/, 'must look like d161:1220')),
    spanCount: z.number().int().min(1).max(8),
    lineTypes: z.array(LineKind).min(1),
    /** DAHDI channels per span: 31 for an E1 span, the port count for an analog card. */
    channelsPerSpan: z.number().int().min(1).max(31),
    hardwareEchoCanceller: z.strictObject({
      availability: z.enum(['none', 'optional', 'builtin']),
      module: z.string().min(1).optional(),
    }),
    defaults: z.strictObject({ e1: E1Defaults.optional(), fxo: FxoDefaults.optional() }),
  })
  .superRefine((p, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (p.lineTypes.includes('e1')) {
      if (!p.defaults.e1) issue(['defaults', 'e1'], 'an E1 card needs E1 defaults');
      if (p.channelsPerSpan !== 31) issue(['channelsPerSpan'], 'an E1 span has 31 DAHDI channels');
    }
    if (p.lineTypes.includes('fxo') && !p.defaults.fxo) issue(['defaults', 'fxo'], 'an FXO card needs FXO defaults');
    if (p.lineTypes.includes('e1') && p.lineTypes.includes('fxo')) {
      issue(['lineTypes'], 'one profile describes either a digital or an analog card');
    }
    if (p.driver.source === 'sangoma-wanpipe' && (p.driver.lineModeParam || p.driver.opermodeParam)) {
      issue(['driver'], 'Wanpipe cards take line mode and opermode from wanpipeN.conf, not module parameters');
    }
  });

export type HardwareProfile = z.infer<typeof HardwareProfileSchema>;
export type HardwareProfileInput = z.input<typeof HardwareProfileSchema>;
