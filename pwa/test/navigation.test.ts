import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PROFILE_PERMISSIONS } from '@edgecall/contracts/permissions';
import { matchRoute, routesFor } from '../src/shell/router.ts';

const ids = (permissions: readonly string[], agentNumber: string | null = null) =>
  routesFor({ permissions: [...permissions] as never, agentNumber }).map((r) => r.id);

test('navigation follows permissions, so edited profiles are honoured', () => {
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.admin), ['home', 'callbacks', 'calls', 'contacts', 'supervisor', 'dashboard', 'users', 'audit']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.supervisor), ['home', 'callbacks', 'calls', 'contacts', 'supervisor', 'dashboard', 'audit']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.operator, '101'), ['home', 'operator', 'callbacks', 'calls', 'contacts', 'dashboard']);
  assert.equal(ids(['self:read', 'audit:read']), ['home', 'audit']);
  assert.equal(ids(['self:read', 'contacts:read']), ['home', 'contacts']);
});

test('the operator panel needs an agent number as well as agent:operate', () => {
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.operator), ['home', 'callbacks', 'calls', 'contacts', 'dashboard']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.admin, '109'), ['home', 'operator', 'callbacks', 'calls', 'contacts', 'supervisor', 'dashboard', 'users', 'audit']);
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
});

test.run();
