/**
 * Field types for anything that ends up inside an Asterisk config file.
 *
 * Asterisk's config parser has no quoting: a newline starts a new option, a
 * `;` starts a comment, a line starting with `[` starts a new section, and
 * `${…}` is expanded wherever dialplan evaluates a value. A setting that
 * contains one of these can silently rewrite the configuration (for instance
 * a SIP password `x\n[evil]\ntype=endpoint` would add an endpoint). So values
 * are refused, not escaped: every type below names what it rejects, and the
 * error says which character was found.
 */
import { isIPv4, isIPv6 } from './ip-address.ts';
import { z } from 'zod';

/** Characters that must never reach a config value, with the reason shown to the admin. */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/[\r\n]/, 'a line break (it would start a new config line)'],
  [/;/, "';' (it starts a comment in Asterisk config files)"],
  [/[[\]]/, "'[' or ']' (they delimit config sections)"],
  [/\$/, "'$' (dialplan would expand it as a variable)"],
  [/["\\`]/, 'a quote, backslash or backtick'],
  [/[\u0000-\u001f\u007f]/, 'a control character'],
];

function firstForbidden(value: string, allow: readonly string[] = []): string | null {
  for (const [re, why] of FORBIDDEN) {
    const m = value.match(re);
    if (m && !allow.includes(m[0])) return why;
  }
  return null;
}

/** Free text for comments and caller names: printable, no config syntax. */
export function safeText(max = 80) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((v, ctx) => {
      const why = firstForbidden(v);
      if (why) ctx.addIssue({ code: 'custom', message: `must not contain ${why}` });
      if (v.trim() !== v) ctx.addIssue({ code: 'custom', message: 'must not start or end with spaces' });
    });
}

/** Caller id names additionally avoid `,`, `<`, `>` and `(`/`)`, which split dialplan and callerid syntax. */
export const CallerName = safeText(40).refine((v) => !/[,<>()]/.test(v), "must not contain ',', '<', '>', '(' or ')'");

/**
 * Secrets (ARI and SIP passwords): printable ASCII without spaces, quotes,
 * `;`, `[`, `]`, `,` or `\`. `$` is allowed: secrets never reach the
 * dialplan, and password generators like it.
 */
export function secret(minLength: number) {
  return z
    .string()
    .min(minLength, `must be at least ${minLength} characters`)
    .max(128, 'must be at most 128 characters')
    .superRefine((v, ctx) => {
      const why = firstForbidden(v, ['$']);
      if (why) ctx.addIssue({ code: 'custom', message: `must not contain ${why}` });
      else if (/[^\x21-\x7e]/.test(v)) ctx.addIssue({ code: 'custom', message: 'must be printable ASCII without spaces' });
      else if (/[,']/.test(v)) ctx.addIssue({ code: 'custom', message: "must not contain ',' or an apostrophe" });
    });
}

/** Names of config objects (trunk ids, MOH classes, ARI user, Stasis app): lower-case identifiers. */
export const Identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must start with a letter and use only a-z, 0-9, _ and - (max 40)');

/** Agent numbers double as PJSIP endpoint names and dialplan extensions: digits only. */
export const AgentNumber = z.string().regex(/^[0-9]{2,15}$/, 'must be 2–15 digits');

/** A dialable number: digits with an optional leading +. */
export const PhoneNumber = z.string().regex(/^\+?[0-9]{3,20}$/, 'must be 3–20 digits, optionally starting with +');

/** Inbound DID: digits, or an Asterisk pattern such as _12440XX. */
export const Did = z
  .string()
  .regex(
    /^(\+?[0-9]{1,20}|_[0-9XZNxzn.!+\-[\]]{1,40})$/,
    'a DID is digits (optionally starting with +) or an Asterisk pattern like _12440XX',
  );

export const Port = z.number().int().min(1, 'must be 1–65535').max(65535, 'must be 1–65535');

export const IpAddress = z.string().refine((v) => isIPv4(v) || isIPv6(v), 'must be an IPv4 or IPv6 address');

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A SIP server: hostname or IP address (no port, no scheme). */
export const Host = z
  .string()
  .refine((v) => isIPv4(v) || isIPv6(v) || HOSTNAME.test(v), 'must be a hostname or an IP address, without port or scheme');

/** `192.168.10.0/24` or `fd00::/8`: PJSIP local_net and ARI permit lists. */
export const Cidr = z.string().refine((v) => {
  const [addr, bits, ...rest] = v.split('/');
  if (rest.length || bits === undefined || !/^[0-9]{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  return (isIPv4(addr) && n <= 32) || (isIPv6(addr) && n <= 128);
}, 'must be a network in CIDR form, e.g. 192.168.10.0/24');

/** Absolute directory without `..`, spaces or config syntax (MOH class directories). */
export const AbsoluteDir = z
  .string()
  .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path using only letters, digits, . _ - and /')
  .refine((v) => !v.split('/').includes('..'), "must not contain '..'");

/** Codecs Asterisk 22 knows by these names. Transcoding exists only for those built into the image. */
export const Codec = z.enum(['alaw', 'ulaw', 'g722', 'gsm', 'g726', 'ilbc', 'opus', 'g729']);
export type Codec = z.infer<typeof Codec>;

/** Brackets an IPv6 address for use in a URI or `bind=` value. */
export function hostForUri(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}

/**
 * Last line of defence inside the renderers: a value that slipped past the
 * schema (a bug, not user input) must never produce a second config line.
 */
export function assertSingleLine(value: string, where: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`internal error: ${where} contains a line break`);
  return value;
}
