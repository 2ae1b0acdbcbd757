import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ApplianceConfig, ENV_KEYS, type ApplianceConfigInput } from './schema.ts';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** One line per problem, naming the setting as the user wrote it (env var or file key). */
function describe(error: z.ZodError, origin: Record<string, string>): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `  ${origin[k] ?? k}: unknown setting`).join('\n');
      const key = issue.path.join('.');
      const where = origin[String(issue.path[0])] ?? key;
      return `  ${where}${where.endsWith(key) ? '' : ` (${key})`}: ${issue.message}`;
    })
    .join('\n');
}

/**
 * Loads the config from an optional JSON file (EDGECALL_CONFIG) and the
 * environment; env wins over the file, explicit overrides (tests) win over both.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ApplianceConfigInput> = {},
): ApplianceConfig {
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  const file = env.EDGECALL_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${file} must hold a JSON object`);
    }
    for (const [k, v] of Object.entries(parsed)) {
      raw[k] = v;
      origin[k] = `${file}: ${k}`;
    }
  }
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      raw[key] = value;
      origin[key] = name;
    }
  }
  const ariUrl = env.ASTERISK_ARI_URL;
  if (ariUrl) {
    raw.ari = { url: ariUrl, user: env.ASTERISK_ARI_USER ?? '', password: env.ASTERISK_ARI_PASSWORD ?? '' };
    origin.ari = 'ASTERISK_ARI_URL/ASTERISK_ARI_USER/ASTERISK_ARI_PASSWORD';
  }
  Object.assign(raw, overrides);
  const result = ApplianceConfig.safeParse(raw);
  if (!result.success) throw new ConfigError(`invalid configuration:\n${describe(result.error, origin)}`);
  const config = result.data;
  // Demo traffic and demo passwords only make sense against the simulator.
  if (config.demo === undefined) config.demo = !config.ari;
  if (config.demo && config.ari) throw new ConfigError('EDGECALL_DEMO cannot be on with a real Asterisk (ASTERISK_ARI_URL)');
  // HTTPS (decision 0007): off for `npm start` on a developer machine; on with EDGECALL_HTTPS=1 or an operator certificate.
  if (!config.tlsCert !== !config.tlsKey) throw new ConfigError('EDGECALL_TLS_CERT and EDGECALL_TLS_KEY (tlsCert, tlsKey) go together: set both or neither');
  if (config.https === undefined) config.https = !!config.tlsCert;
  if (!config.https && (config.tlsCert || config.httpPort !== undefined)) {
    throw new ConfigError('EDGECALL_HTTP_PORT and EDGECALL_TLS_CERT/EDGECALL_TLS_KEY need HTTPS: remove EDGECALL_HTTPS=0');
  }
  if (config.https) {
    config.httpPort ??= 8081;
    if (config.httpPort !== 0 && config.httpPort === config.port) throw new ConfigError(`EDGECALL_HTTP_PORT (httpPort) must differ from PORT (${config.port})`);
  }
  return config;
}
