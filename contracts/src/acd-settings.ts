import { z } from 'zod';

const ID = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, dash, underscore; at most 32');
const SECONDS = (max: number) => z.number().min(0).max(max);
/** A sound the PBX can play: `sound:<name>` (Asterisk's or an uploaded IVR sound). */
const MEDIA = z.string().regex(/^sound:[A-Za-z0-9_/.-]{1,120}$/, 'sound:<name>');

export const ROUTING_STRATEGIES = ['ring_all', 'longest_idle', 'round_robin', 'fewest_calls'] as const;

export const QueueSettings = z.strictObject({
  id: ID,
  name: z.string().min(1).max(80),
  strategy: z.enum(ROUTING_STRATEGIES).default('longest_idle'),
  /** How long one agent's phone rings before the next agent is tried. */
  ringTimeoutSeconds: SECONDS(120).min(1).default(15),
  /** Consecutive unanswered offers after which the agent is paused by the system. */
  missedRingsToPause: z.number().int().min(1).max(20).default(3),
  maxWaitSeconds: SECONDS(7200).min(5).default(600),
  /**
   * What happens when the maximum wait runs out: hang up (after the optional
   * message), or promise a callback — the caller hears the message, the
   * number enters the callback list and the call ends `deflected` (KPIS.md: not lost).
   */
  timeoutAction: z.enum(['hangup', 'callback']).default('hangup'),
  timeoutMessage: MEDIA.optional(),
  /** With nobody logged in: keep the caller waiting, or refuse at entry with a message. */
  noAgentsAction: z.enum(['wait', 'refuse']).default('refuse'),
  noAgentsMessage: MEDIA.optional(),
  wrapUpSeconds: SECONDS(3600).default(10),
  mohClass: z.string().min(1).max(40).default('default'),
  /** Tell waiting callers their position and expected wait, on entry and then periodically. */
  announcePosition: z.boolean().default(false),
  announceEverySeconds: z.number().int().min(15).max(600).default(60),
  /** Lower penalty is offered first (skill level); absent agents have penalty 0. */
  penalties: z.record(z.string(), z.number().int().min(0).max(100)).default({}),
  /** KPI thresholds (KPIS.md). */
  tSl: SECONDS(600).default(20),
  tShort: SECONDS(120).default(5),
  tLong: SECONDS(7200).default(300),
  slVariant: z.enum(['V1', 'V2', 'V3', 'V4', 'V5']).default('V5'),
  callbackWindowHours: z.number().min(1).max(24 * 14).default(24),
});
export type QueueSettings = z.output<typeof QueueSettings>;

export const IvrOption = z.strictObject({
  digit: z.string().regex(/^[0-9*#]$/),
  action: z.enum(['queue', 'menu', 'hangup', 'repeat']),
  target: z.string().max(32).optional(),
});

export const IvrMenu = z.strictObject({
  id: ID,
  prompt: MEDIA,
  options: z.array(IvrOption).max(12),
  /** Seconds to wait for a digit after the prompt ends. */
  timeoutSeconds: SECONDS(60).min(1).default(5),
  /** Prompt repeats before the default action. */
  maxRepeats: z.number().int().min(0).max(5).default(2),
  invalidPrompt: MEDIA.default('sound:option-is-invalid'),
  /** What to do when the caller never chooses: a queue id, or hang up. */
  defaultAction: z.strictObject({ action: z.enum(['queue', 'hangup']), target: z.string().max(32).optional() }),
});
export type IvrMenu = z.output<typeof IvrMenu>;

export const WorkingHours = z.strictObject({
  /** Minutes east of UTC; Azerbaijan is UTC+4 all year. */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(240),
  /** Per weekday 0=Sunday..6=Saturday: [open, close] as "HH:MM", absent = closed. */
  week: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), z.tuple([z.string().regex(/^\d\d:\d\d$/), z.string().regex(/^\d\d:\d\d$/)])).default({}),
  /** Non-working dates "YYYY-MM-DD" (holidays). */
  holidays: z.array(z.string().regex(/^\d{4}-\d\d-\d\d$/)).default([]),
  /** Dates with special hours (or closed when the value is null). */
  special: z.record(z.string().regex(/^\d{4}-\d\d-\d\d$/), z.tuple([z.string(), z.string()]).nullable()).default({}),
  /** Always open when true (the demo and tests that do not care about hours). */
  alwaysOpen: z.boolean().default(false),
});
export type WorkingHours = z.output<typeof WorkingHours>;

export const Entry = z.strictObject({
  /** The dialled number (DID) or "*" for any. */
  did: z.string().min(1).max(32),
  menu: z.string().max(32).optional(),
  queue: z.string().max(32).optional(),
  closedMessage: MEDIA.default('sound:closed-message'),
});

export const AcdSettings = z
  .strictObject({
    queues: z.array(QueueSettings).min(1).max(100),
    menus: z.array(IvrMenu).max(100).default([]),
    entries: z.array(Entry).min(1).max(100),
    hours: WorkingHours.prefault({ alwaysOpen: true }),
    /** Agent phone dial string; `{number}` is replaced by the agent number. */
    dialTemplate: z.string().min(3).max(120).default('PJSIP/{number}'),
    /**
     * Per-agent dial strings for agents not on a branch phone: a remote agent
     * through a Local channel or an external number through the trunk, e.g.
     * `Local/0501234567@edgecall-outbound`.
     */
    agentDialStrings: z.record(z.string().regex(/^[0-9]{2,8}$/), z.string().min(3).max(120).regex(/^[A-Za-z]+\/[^\s,;]+$/, 'Technology/resource, no spaces or commas')).default({}),
    /** Trunk for outbound calls; `{number}` is the customer's number. */
    outboundTemplate: z.string().min(3).max(120).default('PJSIP/{number}@trunk'),
    /** The number (and name) customers see on outbound calls; follows the trunk's setting (issue 6). */
    outboundCallerId: z.strictObject({ number: z.string().regex(/^\+?[0-9]{3,20}$/), name: z.string().max(40).regex(/^[^"<>,()\r\n;$\\]*$/).optional() }).optional(),
    welcomePrompt: MEDIA.optional(),
  })
  .superRefine((s, ctx) => {
    const queues = new Set(s.queues.map((q) => q.id));
    const menus = new Set(s.menus.map((m) => m.id));
    s.entries.forEach((e, i) => {
      if (!e.menu && !e.queue) ctx.addIssue({ code: 'custom', path: ['entries', i], message: 'an entry needs a menu or a queue' });
      if (e.menu && !menus.has(e.menu)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'menu'], message: `unknown menu ${e.menu}` });
      if (e.queue && !queues.has(e.queue)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'queue'], message: `unknown queue ${e.queue}` });
    });
    s.menus.forEach((m, i) =>
      [...m.options.map((o) => ({ action: o.action, target: o.target })), m.defaultAction].forEach((o, j) => {
        if (o.action === 'queue' && !queues.has(o.target ?? '')) ctx.addIssue({ code: 'custom', path: ['menus', i, 'options', j], message: `unknown queue ${o.target}` });
        if (o.action === 'menu' && !menus.has(o.target ?? '')) ctx.addIssue({ code: 'custom', path: ['menus', i, 'options', j], message: `unknown menu ${o.target}` });
      }),
    );
  });
export type AcdSettings = z.output<typeof AcdSettings>;
export type AcdSettingsInput = z.input<typeof AcdSettings>;

/** The demo branch: two queues behind a two-option menu, always open. */
export const DEMO_ACD_SETTINGS: AcdSettingsInput = {
  queues: [
    { id: 'sales', name: 'Satış', strategy: 'longest_idle', ringTimeoutSeconds: 15, wrapUpSeconds: 10, maxWaitSeconds: 300, noAgentsAction: 'wait', timeoutAction: 'callback' },
    { id: 'support', name: 'Dəstək', strategy: 'round_robin', ringTimeoutSeconds: 15, wrapUpSeconds: 10, maxWaitSeconds: 300, noAgentsAction: 'wait' },
  ],
  menus: [
    {
      id: 'main',
      prompt: 'sound:ivr-main',
      options: [
        { digit: '1', action: 'queue', target: 'sales' },
        { digit: '2', action: 'queue', target: 'support' },
        { digit: '0', action: 'repeat' },
      ],
      timeoutSeconds: 5,
      maxRepeats: 1,
      defaultAction: { action: 'queue', target: 'sales' },
    },
  ],
  entries: [{ did: '*', menu: 'main' }],
  hours: { alwaysOpen: true },
  // The demo's customers are phones of the simulator (no trunk): callbacks reach them directly.
  outboundTemplate: 'PJSIP/{number}',
};
