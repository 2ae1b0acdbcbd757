/**
 * Everything the appliance knows that shapes Asterisk's configuration. The
 * renderers accept only what this schema accepts; parsing is idempotent (no
 * transforms), so parsed settings can be passed back in.
 */
import { z } from 'zod';
import { CardSelection, DahdiOptions, HardwareConfigError, planDahdi, type DahdiPlan } from './hardware.ts';
import {
  AbsoluteDir,
  AgentNumber,
  CallerName,
  Cidr,
  Codec,
  Did,
  Host,
  Identifier,
  IpAddress,
  PhoneNumber,
  Port,
  safeText,
  secret,
} from './safe-values.ts';
import { issuesFromZod, SettingsError } from './settings-error.ts';

/** SIP user parts (trunk usernames, contact users). */
const SipUser = z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/, 'must be 1–64 characters of A-Z, a-z, 0-9, . _ + -');

/**
 * How the ACD reaches an agent: an ARI originate endpoint. `{number}` is the
 * agent number, `{external}` the agent's outside number.
 */
export const DialTemplate = z
  .string()
  .regex(/^(PJSIP|Local|DAHDI)\/[A-Za-z0-9_.@+*#/{}-]+$/, 'must start with PJSIP/, Local/ or DAHDI/ and contain no spaces, commas or &')
  .refine((v) => !/[{}]/.test(v.replaceAll('{number}', '').replaceAll('{external}', '')), 'only {number} and {external} may appear in braces');

const SipProtocol = z.enum(['udp', 'tcp']);

const Transport = z.strictObject({
  protocol: SipProtocol,
  bindAddress: IpAddress.default('0.0.0.0'),
  port: Port.default(5060),
  /** Networks reached without NAT; only needed with externalAddress. */
  localNets: z.array(Cidr).default([]),
  /** Public address to advertise when the branch sits behind NAT. */
  externalAddress: Host.optional(),
});

const Trunk = z.strictObject({
  /** Becomes the PJSIP endpoint name, so it shows in channel names (PJSIP/<id>-…). */
  id: Identifier,
  name: safeText(60).optional(),
  host: Host,
  port: Port.default(5060),
  transport: SipProtocol.default('udp'),
  register: z.boolean().default(false),
  username: SipUser.optional(),
  secret: secret(1).optional(),
  /**
   * User part of our Contact: calls the provider sends to the registration
   * arrive on this extension. Letters, digits and + only, because in a plain
   * extension name Asterisk ignores '-' and the dialplan would not match.
   */
  contactUser: z.string().regex(/^[A-Za-z0-9+]{1,64}$/, 'must be 1–64 letters, digits or +').optional(),
  fromDomain: Host.optional(),
  codecs: z.array(Codec).min(1).default(['alaw', 'ulaw']),
  /** Numbers this trunk delivers; empty = accept any number. */
  dids: z.array(Did).default([]),
  outboundCallerId: z.strictObject({ number: PhoneNumber, name: CallerName.optional() }).optional(),
  /** Extra source addresses of the provider, besides `host`, for IP identification. */
  matchAddresses: z.array(z.union([IpAddress, Cidr])).default([]),
  qualifyFrequency: z.number().int().min(0).max(3600).default(60),
});

const SipAgent = z.strictObject({
  kind: z.literal('sip'),
  number: AgentNumber,
  name: CallerName.optional(),
  password: secret(10),
  codecs: z.array(Codec).min(1).optional(),
  maxContacts: z.number().int().min(1).max(5).default(1),
  dialString: DialTemplate.optional(),
});

const RemoteAgent = z.strictObject({
  kind: z.literal('remote'),
  number: AgentNumber,
  name: CallerName.optional(),
  /** The agent's own phone outside the branch, dialled through the trunk. */
  externalNumber: PhoneNumber.optional(),
  dialString: DialTemplate.optional(),
});

const AgentPhone = z.discriminatedUnion('kind', [SipAgent, RemoteAgent]);

const MohClass = z.strictObject({
  name: Identifier,
  directory: AbsoluteDir,
  sort: z.enum(['random', 'alpha', 'randstart']).default('random'),
});

/** `trunk:<id>` or `dahdi:<group>`: one step of the outbound failover route. */
const RouteStep = z.string().regex(/^(trunk:[a-z][a-z0-9_-]{0,39}|dahdi:[0-9]{1,2})$/, "must be 'trunk:<id>' or 'dahdi:<group>'");

export const SettingsSchema = z
  .strictObject({
    site: z.strictObject({
      /** Same rule as the appliance's own `site` setting, so one id serves both. */
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lowercase letters, digits and dashes, at most 32'),
      name: safeText(80),
    }),
    /** The Stasis application every call enters. */
    stasisApp: Identifier.default('edgecall'),
    ari: z.strictObject({
      user: Identifier,
      password: secret(16),
      bindAddress: IpAddress.default('127.0.0.1'),
      port: Port.default(8088),
      /** If set, ARI accepts this user only from these networks (ari.conf permit/deny). */
      allowedNetworks: z.array(Cidr).default([]),
    }),
    sip: z
      .strictObject({
        transports: z.array(Transport).min(1).default([{ protocol: 'udp', bindAddress: '0.0.0.0', port: 5060, localNets: [] }]),
        trunks: z.array(Trunk).default([]),
      })
      .prefault({}),
    agents: z
      .strictObject({
        /** `file`: agents are written to pjsip.conf. `ari`: the appliance pushes them at run time (astdb). */
        provisioning: z.enum(['file', 'ari']).default('file'),
        transport: SipProtocol.default('udp'),
        codecs: z.array(Codec).min(1).default(['alaw', 'ulaw']),
        phones: z.array(AgentPhone).default([]),
      })
      .prefault({}),
    outbound: z
      .strictObject({
        /** Failover order for outbound calls; default: every trunk, then every DAHDI group. */
        route: z.array(RouteStep).optional(),
        dialTimeoutSeconds: z.number().int().min(5).max(300).default(60),
      })
      .prefault({}),
    dahdi: z.strictObject({ cards: z.array(CardSelection).default([]), options: DahdiOptions.prefault({}) }).optional(),
    musicOnHold: z.array(MohClass).min(1).default([{ name: 'default', directory: '/var/lib/asterisk/moh', sort: 'random' }]),
    rtp: z.strictObject({ portStart: Port.default(10000), portEnd: Port.default(20000) }).prefault({}),
    logging: z
      .strictObject({ level: z.enum(['normal', 'verbose', 'debug']).default('normal'), securityLog: z.boolean().default(true) })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (s.ari.user === 'general') issue(['ari', 'user'], "'general' is the name of ari.conf's [general] section");

    const protocols = new Set<string>();
    s.sip.transports.forEach((t, i) => {
      if (protocols.has(t.protocol)) issue(['sip', 'transports', i, 'protocol'], `only one ${t.protocol} transport is supported`);
      protocols.add(t.protocol);
      if (t.protocol === 'tcp' && t.port === s.ari.port) issue(['sip', 'transports', i, 'port'], `TCP port ${t.port} is already used by ARI`);
    });

    const trunkIds = new Set<string>();
    s.sip.trunks.forEach((t, i) => {
      const at = (...p: PropertyKey[]) => ['sip', 'trunks', i, ...p];
      if (trunkIds.has(t.id)) issue(at('id'), `trunk id '${t.id}' is used twice`);
      trunkIds.add(t.id);
      if (!protocols.has(t.transport)) issue(at('transport'), `no ${t.transport} transport is configured in sip.transports`);
      if (t.register && !t.username) issue(at('username'), 'a registering trunk needs a username');
      if (t.register && !t.secret) issue(at('secret'), 'a registering trunk needs a secret');
      if (t.secret && !t.username) issue(at('username'), 'a secret needs a username to authenticate with');
    });

    if (!protocols.has(s.agents.transport)) issue(['agents', 'transport'], `no ${s.agents.transport} transport is configured in sip.transports`);
    const numbers = new Set<string>();
    const route = outboundRoute(s);
    s.agents.phones.forEach((a, i) => {
      const at = (...p: PropertyKey[]) => ['agents', 'phones', i, ...p];
      if (numbers.has(a.number)) issue(at('number'), `agent number ${a.number} is used twice`);
      numbers.add(a.number);
      if (a.kind === 'sip' && a.password.includes(a.number)) issue(at('password'), 'must not contain the agent number');
      if (a.kind === 'remote') {
        const template = a.dialString ?? REMOTE_DIAL_DEFAULT;
        if (template.includes('{external}') && !a.externalNumber) issue(at('externalNumber'), 'a remote agent needs an externalNumber (or a dialString without {external})');
        if (template.includes('@edgecall-outbound') && route.length === 0) issue(at(), 'a remote agent is dialled through the outbound route, but no trunk or DAHDI group exists');
      }
    });

    let plan: DahdiPlan | null = null;
    if (s.dahdi && s.dahdi.options.context !== 'edgecall-trunk') {
      issue(['dahdi', 'options', 'context'], "must be 'edgecall-trunk': it is the only context extensions.conf sends to the ACD");
    }
    if (s.dahdi) {
      try {
        plan = planDahdi(s.dahdi.cards, s.dahdi.options);
      } catch (err) {
        if (!(err instanceof HardwareConfigError)) throw err;
        // hardware-profiles reports dotted paths (cards[0].spans[1].e1): keep them, under dahdi.
        for (const i of err.issues) issue(['dahdi', ...i.path.split('.')], i.message);
      }
    }
    const groups = new Set(plan?.groups.map((g) => g.group) ?? []);
    (s.outbound.route ?? []).forEach((step, i) => {
      const [kind, ref] = step.split(':');
      if (kind === 'trunk' && !trunkIds.has(ref)) issue(['outbound', 'route', i], `no trunk with id '${ref}'`);
      if (kind === 'dahdi' && !groups.has(Number(ref))) issue(['outbound', 'route', i], `no DAHDI span is in group ${ref}`);
    });

    const moh = new Set<string>();
    s.musicOnHold.forEach((m, i) => {
      if (moh.has(m.name)) issue(['musicOnHold', i, 'name'], `class '${m.name}' is defined twice`);
      moh.add(m.name);
    });
    if (!moh.has('default')) issue(['musicOnHold'], "a class named 'default' is required: Asterisk falls back to it");
    if (s.rtp.portStart >= s.rtp.portEnd) issue(['rtp', 'portEnd'], 'must be greater than rtp.portStart');
  });

export type Settings = z.output<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;
export type AgentPhone = Settings['agents']['phones'][number];
export type Trunk = Settings['sip']['trunks'][number];

export const SIP_DIAL_DEFAULT = 'PJSIP/{number}';
/**
 * `/n` stops Asterisk from optimising the Local channel away once the call is
 * answered, so the channel ids the ACD holds stay valid for the whole call.
 */
export const REMOTE_DIAL_DEFAULT = 'Local/{external}@edgecall-outbound/n';

/**
 * The extension calls to a trunk's registration arrive on: contactUser, else
 * the username when it is usable as an extension, else Asterisk's default 's'.
 */
export function trunkContactUser(t: Trunk): string {
  if (t.contactUser) return t.contactUser;
  return t.username && /^[A-Za-z0-9+]+$/.test(t.username) ? t.username : 's';
}

/** Validates settings; throws SettingsError naming every bad field. */
export function parseSettings(input: unknown): Settings {
  const result = SettingsSchema.safeParse(input);
  if (!result.success) throw new SettingsError(issuesFromZod(result.error));
  return result.data;
}

/** The outbound failover route, explicit or derived (trunks first, then DAHDI groups). */
export function outboundRoute(s: Pick<Settings, 'outbound' | 'sip' | 'dahdi'>): string[] {
  if (s.outbound.route) return s.outbound.route;
  const trunks = s.sip.trunks.map((t) => `trunk:${t.id}`);
  const groups = dahdiPlanOf(s)?.groups.map((g) => `dahdi:${g.group}`) ?? [];
  return [...trunks, ...groups];
}

/** The DAHDI plan of valid settings, or null when the branch has no DAHDI section. */
export function dahdiPlanOf(s: Pick<Settings, 'dahdi'>): DahdiPlan | null {
  if (!s.dahdi) return null;
  try {
    return planDahdi(s.dahdi.cards, s.dahdi.options);
  } catch (err) {
    // Reported by the schema's own check; a route derived from a broken plan is simply empty.
    if (err instanceof HardwareConfigError) return null;
    throw err;
  }
}
