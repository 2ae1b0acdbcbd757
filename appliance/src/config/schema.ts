import { z } from 'zod';
import { SYNC_ENV_KEYS, SYNC_SETTINGS_SHAPE } from '../features/sync/config.ts';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no'])]).transform((v) =>
  typeof v === 'boolean' ? v : ['1', 'true', 'yes'].includes(v),
);

/** A DNS name (a leading `*.` allowed), an IPv4 address or an IPv6 address. */
const TLS_NAME = /^((\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|[0-9a-f:.]*:[0-9a-f:.]*)$/i;

/**
 * Every setting the appliance reads at start. Names follow the env vars of
 * DESIGN.md §4; the optional JSON config file uses the same keys in camelCase.
 */
export const ApplianceConfig = z.strictObject({
  port: port.default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  site: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lowercase letters, digits and dashes, at most 32')
    .default('branch-1'),
  /** Demo mode seeds demo users and runs simulated traffic; never on a real PBX. */
  demo: bool.optional(),
  ari: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      user: z.string().min(1),
      password: z.string().min(1),
      app: z.string().regex(/^[a-z][a-z0-9_-]*$/).default('edgecall'),
    })
    .optional(),
  mqttTcpPort: port.optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  sessionTtlHours: z.coerce.number().min(1).max(24 * 30).default(12),
  mqttTokenTtlMinutes: z.coerce.number().min(1).max(24 * 60).default(15),
  secureCookies: bool.default(false),
  /** HTTPS on `port` for the branch LAN (decision 0007); on by itself when tlsCert/tlsKey are set. */
  https: bool.optional(),
  /** With HTTPS: the plain-HTTP port (CA page, redirects). Default 8081. */
  httpPort: port.optional(),
  /** The organisation's certificate (PEM, chain allowed) and key instead of the branch CA. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** Extra names (DNS or IP) for the branch certificate, comma-separated in the env. */
  tlsNames: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (typeof v === 'string' ? v.split(',') : v).map((n) => n.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(TLS_NAME, 'a host name or an IP address')))
    .default([]),
  pwaDist: z.string().optional(),
  /** Simulated calls per minute in demo mode (0 stops demo traffic). */
  demoCallsPerMinute: z.coerce.number().min(0).max(600).default(2),
  /** Where the PBX reads uploaded IVR sounds (Asterisk's sound directory); default <data>/sounds, the simulator's in demo mode. */
  asteriskSoundsDir: z.string().min(1).optional(),
  /** Where the Asterisk files rendered from the trunk settings are written (pjsip.conf…); default <data>/asterisk. */
  asteriskConfigDir: z.string().min(1).optional(),
  /** The sox binary that converts uploaded sounds. */
  soxPath: z.string().min(1).default('sox'),
  /** Upload to the central server (features/sync): EDGECALL_CENTRAL_URL and the enrollment credential. */
  ...SYNC_SETTINGS_SHAPE,
});

export type ApplianceConfig = z.output<typeof ApplianceConfig>;
export type ApplianceConfigInput = z.input<typeof ApplianceConfig>;

/** Env var → config key. Anything not listed is ignored, so the env stays the documented surface. */
export const ENV_KEYS: Record<string, keyof ApplianceConfigInput> = {
  PORT: 'port',
  HOST: 'host',
  EDGECALL_DATA: 'dataDir',
  EDGECALL_SITE: 'site',
  EDGECALL_DEMO: 'demo',
  EDGECALL_MQTT_TCP_PORT: 'mqttTcpPort',
  LOG_LEVEL: 'logLevel',
  EDGECALL_SESSION_TTL_HOURS: 'sessionTtlHours',
  EDGECALL_MQTT_TOKEN_TTL_MINUTES: 'mqttTokenTtlMinutes',
  EDGECALL_SECURE_COOKIES: 'secureCookies',
  EDGECALL_HTTPS: 'https',
  EDGECALL_HTTP_PORT: 'httpPort',
  EDGECALL_TLS_CERT: 'tlsCert',
  EDGECALL_TLS_KEY: 'tlsKey',
  EDGECALL_TLS_NAMES: 'tlsNames',
  EDGECALL_PWA_DIST: 'pwaDist',
  EDGECALL_DEMO_CALLS_PER_MINUTE: 'demoCallsPerMinute',
  EDGECALL_ASTERISK_SOUNDS_DIR: 'asteriskSoundsDir',
  EDGECALL_ASTERISK_CONFIG_DIR: 'asteriskConfigDir',
  EDGECALL_SOX: 'soxPath',
  ...SYNC_ENV_KEYS,
};
