import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PROFILE_PERMISSIONS } from '@edgecall/contracts/permissions';
import { matchRoute, routesFor } from '../src/shell/router.ts';

const ids = (permissions: readonly string[]) => routesFor({ permissions: [...permissions] as never }).map((r) => r.id);

test('navigation follows permissions, so edited profiles are honoured', () => {
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.admin), ['home', 'users', 'audit']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.supervisor), ['home', 'audit']);
  assert.equal(ids(DEFAULT_PROFILE_PERMISSIONS.operator), ['home']);
  assert.equal(ids(['self:read', 'audit:read']), ['home', 'audit']);
});

test('paths match only allowed routes; a trailing slash is tolerated', () => {
  const operator = routesFor({ permissions: [...DEFAULT_PROFILE_PERMISSIONS.operator] });
  const admin = routesFor({ permissions: [...DEFAULT_PROFILE_PERMISSIONS.admin] });
  assert.is(matchRoute('/admin/users', operator), null);
  assert.is(matchRoute('/admin/users/', admin)?.id, 'users');
  assert.is(matchRoute('/', admin)?.id, 'home');
  assert.is(matchRoute('/dashboard', admin), null);
});

test.run();
