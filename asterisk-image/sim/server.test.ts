// HTTP surface: connecting with ari-client (basePath rewrite), authentication, api-docs
// rules, the events WebSocket, and the event guard.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { API_DOC_NAMES } from './spec.ts';
import { rest, startHarness, quietConnectTo } from './test-support.ts';
import { startAriSimulator } from './index.ts';

function getWithHost(port: number, path: string, host: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', setHost: false, headers: { Authorization: `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}`, ...(host ? { Host: host } : {}) } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('ari-client connects to a simulator on a random port and its REST calls arrive there', async () => {
  const h = await startHarness('edgecall');
  try {
    assert.ok(h.sim.port > 0 && h.sim.port !== 8088);
    const info = await h.client.asterisk.getInfo();
    assert.is(info.system?.version, '22.10.1');
    const calls = h.sim.control.history('rest').map((e) => (e.kind === 'rest' ? `${e.method} ${e.path} ${e.status}` : ''));
    // ari-client downloads every api-doc, then calls the REST API at the rewritten basePath.
    for (const name of ['resources', ...API_DOC_NAMES]) assert.ok(calls.includes(`GET /ari/api-docs/${name}.json 200`), name);
    assert.ok(calls.includes('GET /ari/asterisk/info 200'));
    for (const name of ['resources', ...API_DOC_NAMES]) {
      const doc = JSON.parse((await getWithHost(h.sim.port, `/ari/api-docs/${name}.json`, `127.0.0.1:${h.sim.port}`)).body);
      assert.is(doc.basePath, `http://127.0.0.1:${h.sim.port}/ari`, name);
    }
    const other = JSON.parse((await getWithHost(h.sim.port, '/ari/api-docs/channels.json', 'pbx.example:9999')).body);
    assert.is(other.basePath, 'http://pbx.example:9999/ari');
    const noHost = JSON.parse((await getWithHost(h.sim.port, '/ari/api-docs/channels.json', undefined)).body);
    assert.is(noHost.basePath, undefined);
  } finally {
    await h.stop();
  }
});

test('authentication: 401 JSON without or with bad credentials, api_key accepted', async () => {
  const sim = await startAriSimulator({ username: 'edge', password: 's3cret' });
  try {
    for (const auth of ['edge:wrong', '']) {
      const res = await rest(sim, 'GET', '/ari/asterisk/info', {}, undefined, auth);
      assert.is(res.status, 401);
      assert.equal(res.body, { message: 'Authentication required' });
      assert.is(res.headers.get('www-authenticate'), 'Basic realm="Asterisk REST Interface"');
    }
    assert.is((await rest(sim, 'GET', '/ari/api-docs/resources.json', {}, undefined, '')).status, 401);
    assert.is((await rest(sim, 'GET', '/ari/asterisk/ping', { api_key: 'edge:s3cret' }, undefined, '')).status, 200);
    assert.is((await rest(sim, 'GET', '/ari/asterisk/ping', { api_key: 'edge:nope' }, undefined, '')).status, 401);
    const ok = await rest(sim, 'GET', '/ari/asterisk/ping', {}, undefined, 'edge:s3cret');
    assert.equal(Object.keys(ok.body as object), ['ping', 'timestamp', 'asterisk_id']);
    const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/ari/events?app=x&api_key=edge:wrong`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    assert.is(status, 401);
  } finally {
    await sim.stop();
  }
});

test('api-docs and routing errors look like Asterisk', async () => {
  const sim = await startAriSimulator();
  try {
    assert.equal((await rest(sim, 'POST', '/ari/api-docs/resources.json')).body, { message: 'Unsupported method' });
    assert.equal((await rest(sim, 'GET', '/ari/api-docs/nosuch.json')).body, { message: 'Resource not found' });
    assert.equal((await rest(sim, 'PUT', '/ari/channels')).body, { message: 'Invalid method' });
    assert.equal((await rest(sim, 'GET', '/ari/mailboxes')).status, 404);
    const events = await rest(sim, 'GET', '/ari/events', { app: 'edgecall' });
    assert.is(events.status, 426);
    assert.match(events.text, '<title>426 Upgrade Required</title>');
    const noContent = await rest(sim, 'POST', '/ari/asterisk/variable', { variable: 'X', value: '1' });
    assert.is(noContent.status, 204);
    assert.is(noContent.text, '');
    const json = await rest(sim, 'GET', '/ari/asterisk/variable', { variable: 'X' });
    assert.is(json.headers.get('content-type'), 'application/json');
    assert.equal(json.body, { value: '1' });
  } finally {
    await sim.stop();
  }
});

test('the event guard refuses events that events.json does not declare', async () => {
  const h = await startHarness('edgecall');
  try {
    assert.is(h.sim.control.injectEvent('edgecall', { type: 'NoSuchEvent' }), false);
    assert.is(h.sim.control.injectEvent('edgecall', { type: 'StasisStart', args: [] }), false);
    assert.is(h.sim.control.injectEvent('edgecall', { type: 'ChannelUserevent', eventname: 'x', userevent: {}, bogus: 1 }), false);
    const guard = h.sim.control.history('guard');
    assert.is(guard.length, 3);
    assert.ok(guard[0].kind === 'guard' && guard[0].problems[0].includes('not declared in events.json'));
    assert.ok(guard[1].kind === 'guard' && guard[1].problems.some((p) => p.includes('StasisStart.channel is required')));
    // A valid event still goes through, and the client (which would crash on an unknown
    // type) is alive to receive it.
    assert.is(h.sim.control.injectEvent('edgecall', { type: 'ChannelUserevent', eventname: 'ping', userevent: { a: '1' } }), true);
    const got = await h.waitEvent((e) => e.type === 'ChannelUserevent');
    assert.is(got.eventname, 'ping');
    assert.not.ok(h.events.some((e) => e.type === 'NoSuchEvent'));
  } finally {
    await h.stop();
  }
});

test('a second client can connect to the same simulator', async () => {
  const h = await startHarness('edgecall');
  try {
    const other = await quietConnectTo(h.sim.url, h.sim.username, h.sim.password);
    const apps = await other.applications.list();
    assert.equal(apps.map((a) => a.name), ['edgecall']);
  } finally {
    await h.stop();
  }
});

test.run();
