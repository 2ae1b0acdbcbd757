/**
 * The shipped card profiles. They are imported as JSON modules rather than read
 * from disk so that this package stays free of I/O: the appliance (and tests)
 * get the same validated list without a file path to configure.
 */
import digiumTdm410 from '../profiles/digium-tdm410.json' with { type: 'json' };
import digiumTe122 from '../profiles/digium-te122.json' with { type: 'json' };
import digiumTe220 from '../profiles/digium-te220.json' with { type: 'json' };
import digiumTe420 from '../profiles/digium-te420.json' with { type: 'json' };
import sangomaA101 from '../profiles/sangoma-a101.json' with { type: 'json' };
import sangomaA102 from '../profiles/sangoma-a102.json' with { type: 'json' };
import sangomaA200 from '../profiles/sangoma-a200-4fxo.json' with { type: 'json' };
import { HardwareConfigError, issuesFromZod } from './errors.ts';
import { HardwareProfileSchema, type HardwareProfile } from './profile-schema.ts';

const RAW: readonly unknown[] = [
  digiumTe122,
  digiumTe220,
  digiumTe420,
  sangomaA101,
  sangomaA102,
  sangomaA200,
  digiumTdm410,
];

/** Validates a profile (shipped or supplied by an installer) and freezes it. */
export function parseProfile(input: unknown): HardwareProfile {
  const result = HardwareProfileSchema.safeParse(input);
  if (!result.success) {
    const id = typeof input === 'object' && input && 'id' in input ? String(input.id) : '?';
    throw new HardwareConfigError(issuesFromZod(result.error), `Invalid hardware profile '${id}'`);
  }
  return deepFreeze(result.data);
}

// Parsed once at import: a broken shipped profile fails the first test that
// imports this package, long before it reaches a branch.
const PROFILES: readonly HardwareProfile[] = RAW.map(parseProfile).sort((a, b) => a.id.localeCompare(b.id));
const BY_ID = new Map(PROFILES.map((p) => [p.id, p]));

/** Every shipped profile, sorted by id. */
export function listProfiles(): readonly HardwareProfile[] {
  return PROFILES;
}

/** The profile with this id; the error lists the known ids. */
export function getProfile(id: string): HardwareProfile {
  const profile = BY_ID.get(id);
  if (!profile) {
    throw new HardwareConfigError([
      { path: 'profile', message: `unknown hardware profile '${id}'; known: ${PROFILES.map((p) => p.id).join(', ')}` },
    ]);
  }
  return profile;
}

/** Profiles whose PCI ids match `lspci -n` style ids such as `d161:1220`. */
export function findProfilesByPciId(pciId: string): readonly HardwareProfile[] {
  const wanted = pciId.trim().toLowerCase();
  return PROFILES.filter((p) => p.pciIds.includes(wanted));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
