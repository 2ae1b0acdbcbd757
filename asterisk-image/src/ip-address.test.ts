import { isIP } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isIPv4, isIPv6 } from './ip-address.ts';

const SAMPLES = [
  '0.0.0.0', '127.0.0.1', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', ' 1.2.3.4',
  '::', '::1', '1::', '2001:db8::10', '2001:0db8:0000:0000:0000:ff00:0042:8329', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::',
  '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', ':1::', '1:::2', '1::2::3', '12345::', 'g::1', '::ffff:192.0.2.1',
  '::ffff:192.0.2.256', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', 'fe80::1%eth0', '', ':', 'localhost', '[::1]',
];

test('IPv4/IPv6 checks agree with node:net', () => {
  for (const s of SAMPLES) {
    const node = isIP(s);
    assert.is(isIPv4(s), node === 4, `isIPv4(${JSON.stringify(s)})`);
    // node:net accepts zone ids (fe80::1%eth0); Asterisk config has no use for them, so we refuse them.
    if (s.includes('%')) assert.is(isIPv6(s), false);
    else assert.is(isIPv6(s), node === 6, `isIPv6(${JSON.stringify(s)})`);
  }
});

test.run();
