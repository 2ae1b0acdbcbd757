/**
 * The dependency rules of DESIGN.md §3 as code. `checkImports` is pure: it
 * takes (file, imported specifier, resolved target) edges and returns the
 * broken rules, so the test can prove each rule fires on a planted violation.
 */
export interface Edge {
  /** Repository-relative path of the importing file, forward slashes. */
  from: string;
  /** The specifier as written. */
  spec: string;
  /** Repository-relative path of the target for relative imports, else null. */
  to: string | null;
}

export interface Violation {
  rule: string;
  edge: Edge;
}

const isTest = (f: string) => /\.test\.ts$/.test(f) || /(^|\/)test\//.test(f);
const pkgOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isNode = (spec: string) => spec.startsWith('node:');
const isOurs = (spec: string) => spec.startsWith('@edgecall/');
const isRelative = (spec: string) => spec.startsWith('.');
const isVendor = (spec: string) => !isNode(spec) && !isOurs(spec) && !isRelative(spec);
const feature = (f: string | null) => f?.match(/^appliance\/src\/features\/([^/]+)\//)?.[1] ?? null;
const within = (f: string | null, prefix: string) => !!f && f.startsWith(prefix);

export function checkImports(edges: Edge[]): Violation[] {
  const out: Violation[] = [];
  const flag = (rule: string, edge: Edge) => out.push({ rule, edge });
  for (const e of edges) {
    const { from, spec, to } = e;
    const test = isTest(from);

    // 1. contracts imports nothing of ours, and only zod from outside.
    if (within(from, 'contracts/')) {
      if (isOurs(spec) || (to && !within(to, 'contracts/'))) flag('1: contracts imports nothing of ours', e);
      if (!test && isVendor(spec) && pkgOf(spec) !== 'zod') flag('1: contracts uses no vendor library but zod', e);
      if (!test && isNode(spec)) flag('1: contracts does no I/O', e);
    }

    // 2. core imports only core and contracts.
    if (within(from, 'appliance/src/core/') && !test) {
      if (isNode(spec) || (isVendor(spec) && pkgOf(spec) !== 'zod')) flag('2: core has no node:* or vendor import', e);
      if (isOurs(spec) && pkgOf(spec) !== '@edgecall/contracts') flag('2: core imports only core and contracts', e);
      if (to && !within(to, 'appliance/src/core/')) flag('2: core imports only core and contracts', e);
    }

    // 3. services import core, contracts, lib and their own feature's services only.
    const fromFeature = feature(from);
    if (fromFeature && /service\.ts$/.test(from) && !test) {
      if (isNode(spec) || (isVendor(spec) && pkgOf(spec) !== 'zod')) flag('3: a service imports no vendor library or node:*', e);
      if (to && within(to, 'appliance/src/adapters/')) flag('3: a service never imports adapters', e);
      // Pure helpers and ports of the feature are fine; its I/O roles are not.
      if (to && feature(to) === fromFeature && /(store|entities|http|stasis|mqtt|notifier)\.ts$/.test(to)) flag('3: a service never imports the I/O roles of its feature', e);
    }
    // 3. a feature never reaches into another feature.
    if (fromFeature && to && feature(to) && feature(to) !== fromFeature && !test) flag('3: features do not import each other', e);
    // Vendor libraries live in adapters; features may use the ORM only in entities and stores.
    if (fromFeature && !test && isVendor(spec) && pkgOf(spec) !== 'zod') {
      const ormFile = /(entities|store)\.ts$/.test(from) && pkgOf(spec) === '@mikro-orm/core' || (/store\.ts$/.test(from) && pkgOf(spec) === '@mikro-orm/sqlite');
      if (!ormFile) flag('3: vendor libraries only in adapters (ORM in entities/stores)', e);
    }
    if (within(from, 'appliance/src/lib/') && !test && (isNode(spec) || (isVendor(spec) && pkgOf(spec) !== 'zod'))) {
      flag('3: lib is pure (no node:* or vendor)', e);
    }
    if (within(from, 'appliance/src/lib/') && to && (feature(to) || within(to, 'appliance/src/adapters/'))) flag('3: lib imports no features or adapters', e);

    // 4. adapters never import features.
    if (within(from, 'appliance/src/adapters/') && to && feature(to)) flag('4: adapters never import features', e);

    // 5. only main.ts (and the CLIs that call it, and benchmark harnesses that set up what they measure) wire adapters.
    if (to && within(to, 'appliance/src/adapters/') && !test) {
      const wiring = from === 'appliance/src/main.ts' || within(from, 'appliance/src/cli/') || within(from, 'appliance/src/adapters/') || within(from, 'appliance/bench/');
      if (!wiring) flag('5: only main.ts wires adapters', e);
    }

    // 6. pwa and sync never import the appliance; pwa components never import data or state.
    if ((within(from, 'pwa/') || within(from, 'sync/')) && (spec === '@edgecall/appliance' || spec.startsWith('@edgecall/appliance/') || within(to, 'appliance/'))) {
      flag('6: pwa and sync never import the appliance', e);
    }
    if (within(from, 'pwa/src/components/') && to && (within(to, 'pwa/src/data/') || within(to, 'pwa/src/state/'))) {
      flag('6: pwa components never import data or state', e);
    }

    // 7. generators are pure.
    const generator = within(from, 'asterisk-image/src/') || within(from, 'hardware-profiles/src/');
    if (generator && !test && (isNode(spec) || (isVendor(spec) && pkgOf(spec) !== 'zod'))) flag('7: generators are pure', e);
  }
  return out;
}
