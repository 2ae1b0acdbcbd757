import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PROFILE_PERMISSIONS } from '@edgecall/contracts/permissions';
import { matchRoute, routesFor } from '../src/shell/router.ts';

const ids = (permissions: readonly string[], agentNumber: string | null = null) =>
  routesFor({ permissions: [...permissions] as never, agentNumber }).map((r) => r.id);

test('navigation follows permissions, so edited profiles are honoured', () => {
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.admin), ['home', 'callbacks', 'calls', 'contacts', 'tickets', 'supervisor', 'dashboard', 'targets', 'alerts', 'target-settings', 'alert-rules', 'users', 'settings', 'audit']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.supervisor), ['home', 'callbacks', 'calls', 'contacts', 'tickets', 'supervisor', 'dashboard', 'targets', 'alerts', 'audit']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.operator, '101'), ['home', 'operator', 'callbacks', 'calls', 'contacts', 'tickets', 'dashboard']);
  assert.equal(ids(['self:read', 'audit:read']), ['home', 'audit']);
  assert.equal(ids(['self:read', 'contacts:read']), ['home', 'contacts']);
  assert.equal(ids(['self:read', 'tickets:read']), ['home', 'tickets']);
});

test('the operator panel needs an agent number as well as agent:operate', () => {
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.operator), ['home', 'callbacks', 'calls', 'contacts', 'tickets', 'dashboard']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.admin, '109'), ['home', 'operator', 'callbacks', 'calls', 'contacts', 'tickets', 'supervisor', 'dashboard', 'targets', 'alerts', 'target-settings', 'alert-rules', 'users', 'settings', 'audit']);
});

test('paths match only allowed routes; a trailing slash is tolerated', () => {
  const operator = routesFor({ permissions: [...DEFAULT_PROFILE_PERMISSIONS.operator] });
  const admin = routesFor({ permissions: [...DEFAULT_PROFILE_PERMISSIONS.admin] });
  assert.is(matchRoute('/admin/users', operator), null);
  assert.is(matchRoute('/admin/users/', admin)?.id, 'users');
  assert.is(matchRoute('/', admin)?.id, 'home');
  assert.is(matchRoute('/dashboard', admin)?.id, 'dashboard');
  assert.is(matchRoute('/operator', admin), null, 'no agent number, no operator panel');
  assert.is(matchRoute('/supervisor', operator), null);
  assert.is(matchRoute('/tickets/some-id/print', operator)?.id, 'tickets', 'the requests panel routes its own sub-paths');
  // Targets and alerts are read by supervisors; their editors need settings:manage.
  const supervisor = routesFor({ permissions: [...DEFAULT_PROFILE_PERMISSIONS.supervisor] });
  assert.is(matchRoute('/targets', supervisor)?.id, 'targets');
  assert.is(matchRoute('/alerts', supervisor)?.id, 'alerts');
  assert.is(matchRoute('/settings/targets', supervisor), null);
  assert.is(matchRoute('/settings/alerts', supervisor), null);
  assert.is(matchRoute('/settings/alerts', admin)?.id, 'alert-rules');
  // The admin area routes its own screens below its path.
  assert.is(matchRoute('/admin/settings/faq', admin)?.id, 'settings');
  assert.is(matchRoute('/admin/settingsx', admin), null);
  assert.is(matchRoute('/admin/settings/faq', routesFor({ permissions: [...DEFAULT_PROFILE_PERMISSIONS.supervisor] })), null);
});

test.run();
