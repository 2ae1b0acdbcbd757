import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkImports, type Edge } from './rules.ts';
import { collectEdges } from './collect.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKSPACES = ['contracts', 'appliance', 'pwa', 'sync', 'asterisk-image', 'provisioning', 'hardware-profiles'];

test('the code keeps the dependency rules of DESIGN.md §3', () => {
  const edges = collectEdges(root, WORKSPACES);
  assert.ok(edges.length > 50, `read ${edges.length} imports`);
  const violations = checkImports(edges).map((v) => `${v.rule}: ${v.edge.from} → ${v.edge.spec}`);
  assert.equal(violations, []);
});

const planted: [string, Edge][] = [
  ['1', { from: 'contracts/src/x.ts', spec: '@edgecall/appliance', to: null }],
  ['1', { from: 'contracts/src/x.ts', spec: 'node:fs', to: null }],
  ['2', { from: 'appliance/src/core/x.ts', spec: 'node:fs', to: null }],
  ['2', { from: 'appliance/src/core/x.ts', spec: '../features/calls/service.ts', to: 'appliance/src/features/calls/service.ts' }],
  ['3', { from: 'appliance/src/features/calls/service.ts', spec: '../../adapters/ari/client.ts', to: 'appliance/src/adapters/ari/client.ts' }],
  ['3', { from: 'appliance/src/features/calls/service.ts', spec: 'ari-client', to: null }],
  ['3', { from: 'appliance/src/features/calls/service.ts', spec: './store.ts', to: 'appliance/src/features/calls/store.ts' }],
  ['3', { from: 'appliance/src/features/calls/http.ts', spec: '../agents/store.ts', to: 'appliance/src/features/agents/store.ts' }],
  ['3', { from: 'appliance/src/features/calls/http.ts', spec: 'koa', to: null }],
  ['4', { from: 'appliance/src/adapters/db/x.ts', spec: '../../features/auth/entities.ts', to: 'appliance/src/features/auth/entities.ts' }],
  ['5', { from: 'appliance/src/features/calls/http.ts', spec: '../../adapters/db/orm.ts', to: 'appliance/src/adapters/db/orm.ts' }],
  ['6', { from: 'pwa/src/shell/ec-app.ts', spec: '@edgecall/appliance', to: null }],
  ['6', { from: 'pwa/src/components/ec-tile.ts', spec: '../data/kpis.ts', to: 'pwa/src/data/kpis.ts' }],
  ['7', { from: 'asterisk-image/src/render.ts', spec: 'node:fs', to: null }],
];

for (const [rule, edge] of planted) {
  test(`rule ${rule} fires on ${edge.from} → ${edge.spec}`, () => {
    const found = checkImports([edge]);
    assert.ok(found.some((v) => v.rule.startsWith(rule + ':')), JSON.stringify(found));
  });
}

test('allowed edges pass', () => {
  const ok: Edge[] = [
    { from: 'appliance/src/features/auth/service.ts', spec: '@edgecall/contracts', to: null },
    { from: 'appliance/src/features/auth/store.ts', spec: '@mikro-orm/sqlite', to: null },
    { from: 'appliance/src/main.ts', spec: './adapters/db/orm.ts', to: 'appliance/src/adapters/db/orm.ts' },
    { from: 'appliance/test/x.test.ts', spec: '../src/adapters/db/orm.ts', to: 'appliance/src/adapters/db/orm.ts' },
  ];
  assert.equal(checkImports(ok), []);
});

test.run();
