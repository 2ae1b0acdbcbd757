/** The live channel's ACL (DESIGN.md §5): who may connect, subscribe and receive; nobody publishes. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { topics } from '@edgecall/contracts';
import { DEMO, FakeClock, http, login, startTestAppliance, type TestAppliance } from './support/appliance.ts';
import { connectLive, nextMessage, refused, subscribeGranted } from './support/mqtt.ts';

const t = suite<{ app: TestAppliance; clock: FakeClock }>('mqtt acl');
const site = 'branch-1';

t.before(async (ctx) => {
  ctx.clock = new FakeClock(Date.now());
  ctx.app = await startTestAppliance({}, { clock: ctx.clock });
});
t.after(async (ctx) => ctx.app.close());

t('an operator sees its own topics and the site state, nothing else', async ({ app }) => {
  const op = await login(app.url, ...DEMO.operator);
  const client = await connectLive(app.url, op.user.username, op.mqttToken);
  try {
    assert.is(await subscribeGranted(client, topics.agentState(site, '101')), 0);
    assert.is(await subscribeGranted(client, topics.agentInbox(site, '101')), 0);
    assert.is(await subscribeGranted(client, topics.queueState(site, 'sales')), 0);
    assert.is(await subscribeGranted(client, topics.kpiQueue(site, 'sales')), 0);
    for (const refused of [
      topics.agentState(site, '102'),
      topics.agentInbox(site, '102'),
      topics.queueState(site, 'support'),
      topics.kpiBranch(site),
      `ec/v1/${site}/g/sales/agent/+/state`,
      `ec/v1/${site}/agent/+/state`,
      `ec/v1/${site}/#`,
      '#',
      '+/+/+/agent/102/state',
      `ec/v1/other-site/agent/101/state`,
      '$SYS/#',
    ]) {
      assert.is(await subscribeGranted(client, refused), 128, refused);
    }
  } finally {
    client.end(true);
  }
});

t('the retained site state reaches a new client at once', async ({ app }) => {
  const op = await login(app.url, ...DEMO.operator);
  const client = await connectLive(app.url, op.user.username, op.mqttToken);
  try {
    const online = nextMessage(client, topics.sysOnline(site));
    await client.subscribeAsync(topics.sysOnline(site));
    const msg = await online;
    assert.ok(msg, 'retained sys/online delivered');
    assert.is(msg!.data.online, true);
    assert.type(msg!.seq, 'number');
  } finally {
    client.end(true);
  }
});

t('a supervisor sees its groups, not others', async ({ app }) => {
  const sup = await login(app.url, ...DEMO.supervisor);
  const client = await connectLive(app.url, sup.user.username, sup.mqttToken);
  try {
    assert.is(await subscribeGranted(client, `ec/v1/${site}/g/sales/agent/+/state`), 0);
    assert.is(await subscribeGranted(client, topics.kpiBranch(site)), 0);
    assert.is(await subscribeGranted(client, `ec/v1/${site}/g/finance/agent/+/state`), 128);
    assert.is(await subscribeGranted(client, `ec/v1/${site}/agent/+/state`), 128);
  } finally {
    client.end(true);
  }
});

t('an admin may subscribe to the whole site, not beyond', async ({ app }) => {
  const admin = await login(app.url, ...DEMO.admin);
  const client = await connectLive(app.url, admin.user.username, admin.mqttToken);
  try {
    assert.is(await subscribeGranted(client, `ec/v1/${site}/#`), 0);
    assert.is(await subscribeGranted(client, '#'), 128);
  } finally {
    client.end(true);
  }
});

t('no client can publish, not even an admin', async ({ app }) => {
  const admin = await login(app.url, ...DEMO.admin);
  const watcher = await connectLive(app.url, admin.user.username, admin.mqttToken);
  const admin2 = await login(app.url, ...DEMO.admin);
  const publisher = await connectLive(app.url, admin2.user.username, admin2.mqttToken);
  try {
    const topic = topics.agentState(site, '101');
    await watcher.subscribeAsync(topic);
    const closed = new Promise<void>((r) => publisher.once('close', () => r()));
    publisher.publish(topic, JSON.stringify({ forged: true }));
    await closed; // the broker drops a client that publishes
    const forged = await nextMessage(watcher, topic, 500);
    assert.ok(forged === null || !forged.data?.forged, 'forged message was not delivered');
  } finally {
    watcher.end(true);
    publisher.end(true);
  }
});

t('bad credentials are refused at CONNECT', async ({ app }) => {
  const op = await login(app.url, ...DEMO.operator);
  for (const [user, pass] of [
    ['operator', 'not-a-token'],
    ['operator2', op.mqttToken], // someone else's token
    ['operator', ''],
    ['', op.mqttToken],
  ]) {
    let refused = false;
    try {
      (await connectLive(app.url, user, pass)).end(true);
    } catch {
      refused = true;
    }
    assert.ok(refused, `${user}/${pass.slice(0, 6)} refused`);
  }
});

t('an expired MQTT token is refused; a refreshed one works', async ({ app, clock }) => {
  const op = await login(app.url, ...DEMO.operator);
  clock.advance(16 * 60_000);
  assert.ok(await refused(() => connectLive(app.url, op.user.username, op.mqttToken)), 'refused');
  const fresh = await http(app.url, 'POST', '/api/v1/auth/mqtt-token', { cookie: op.cookie });
  assert.is(fresh.status, 200);
  const client = await connectLive(app.url, op.user.username, fresh.body.mqttToken);
  client.end(true);
});

t('logout closes the live connection of that session', async ({ app }) => {
  const op = await login(app.url, ...DEMO.operator);
  const client = await connectLive(app.url, op.user.username, op.mqttToken);
  const closed = new Promise<void>((r) => client.once('close', () => r()));
  assert.is((await http(app.url, 'POST', '/api/v1/auth/logout', { cookie: op.cookie })).status, 204);
  await closed;
  assert.ok(await refused(() => connectLive(app.url, op.user.username, op.mqttToken)), 'refused');
  client.end(true);
});

t('a custom profile decides the live scope; losing a permission takes its topics from live connections at once', async ({ app }) => {
  const admin = await login(app.url, ...DEMO.admin);
  const made = await http(app.url, 'POST', '/api/v1/profiles', {
    cookie: admin.cookie,
    body: { name: 'Floor monitor', kind: 'supervisor', permissions: ['self:read', 'kpis:read', 'supervisor:monitor'] },
  });
  assert.is(made.status, 201, JSON.stringify(made.body));
  const user = await http(app.url, 'POST', '/api/v1/users', { cookie: admin.cookie, body: { username: 'monitor1', displayName: 'Monitor', password: 'monitor-password', profile: 'Floor monitor', groups: ['sales'] } });
  assert.is(user.status, 201, JSON.stringify(user.body));
  const mon = await login(app.url, 'monitor1', 'monitor-password');
  const client = await connectLive(app.url, 'monitor1', mon.mqttToken);
  const control = await connectLive(app.url, admin.user.username, admin.mqttToken);
  const board = `ec/v1/${site}/g/sales/agent/+/state`;
  const op = await login(app.url, ...DEMO.operator);
  try {
    assert.is(await subscribeGranted(client, board), 0);
    assert.is(await subscribeGranted(client, topics.kpiBranch(site)), 0);
    assert.is(await subscribeGranted(client, `ec/v1/${site}/g/support/agent/+/state`), 128, 'not its group');
    assert.is(await subscribeGranted(control, topics.groupAgentState(site, 'sales', '101')), 0);

    const patched = await http(app.url, 'PATCH', `/api/v1/profiles/${made.body.id}`, { cookie: admin.cookie, body: { permissions: ['self:read'] } });
    assert.is(patched.status, 200, JSON.stringify(patched.body));
    const seen: { topic: string; state?: string }[] = [];
    client.on('message', (topic, payload) => seen.push({ topic, state: payload.length ? JSON.parse(payload.toString()).data?.state : undefined }));

    // New subscriptions to what the profile lost are refused…
    assert.is(await subscribeGranted(client, board), 128);
    assert.is(await subscribeGranted(client, topics.kpiBranch(site)), 128);
    assert.is(await subscribeGranted(client, topics.sysOnline(site)), 0, 'the site state stays');

    // …and the ones it held deliver nothing more: the operator logs in, the control client sees the
    // board change, and a later round trip on the monitor's connection arrives with no board message before it.
    const changed = new Promise<void>((resolve) =>
      control.on('message', (topic, payload) => {
        if (topic === topics.groupAgentState(site, 'sales', '101') && payload.length && JSON.parse(payload.toString()).data?.state !== 'logged_out') resolve();
      }),
    );
    assert.is((await http(app.url, 'POST', '/api/v1/agent/login', { cookie: op.cookie, body: {} })).status, 200);
    await changed;
    assert.is(await subscribeGranted(client, topics.sysSeq(site)), 0);
    assert.equal(seen.filter((m) => m.topic.includes('/g/sales/') && m.state !== 'logged_out'), [], 'no board update after the profile lost supervisor:monitor');
    assert.equal(seen.filter((m) => m.topic.includes('/kpi/')), []);
    // The HTTP side follows as well: the same session gets 403 on the monitor routes.
    assert.is((await http(app.url, 'GET', '/api/v1/agents', { cookie: mon.cookie })).status, 403);
  } finally {
    await http(app.url, 'POST', '/api/v1/agent/logout', { cookie: op.cookie });
    client.end(true);
    control.end(true);
  }
});

t('the plain TCP listener opens on loopback only when configured, with the same rules', async () => {
  const { default: mqtt } = await import('mqtt');
  const { createServer } = await import('node:net');
  const free = await new Promise<number>((r) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => r(port));
    });
  });
  const app = await startTestAppliance({ mqttTcpPort: free });
  try {
    assert.is(app.mqttTcpPort, free);
    const op = await login(app.url, ...DEMO.operator);
    const client = await new Promise<import('mqtt').MqttClient>((resolve, reject) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${free}`, { username: 'operator', password: op.mqttToken, reconnectPeriod: 0 });
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });
    assert.is(await subscribeGranted(client, topics.agentState(site, '101')), 0);
    assert.is(await subscribeGranted(client, topics.agentState(site, '102')), 128);
    client.end(true);
  } finally {
    await app.close();
  }
});

t.run();
