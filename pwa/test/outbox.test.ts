import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Outbox, memoryOutboxStorage, type OutboxItem, type OutboxLock } from '../src/offline/outbox.ts';
import { ApiError, NetworkError } from '../src/data/errors.ts';

/**
 * The outbox's rules without a browser: storage, lock, transport and timers
 * are ports, replaced here by an in-memory store, a fake appliance and a
 * hand-cranked clock. (IndexedDB and Web Locks are covered by the browser
 * test operator-records.test.ts.)
 */

type Reply = 'ok' | 'network' | { status: number; id: string };

function harness(opts: { replies?: Reply[]; lock?: OutboxLock } = {}) {
  const storage = memoryOutboxStorage('dev-1');
  const replies = [...(opts.replies ?? [])];
  const sent: OutboxItem[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const applied: string[] = [];
  /** The appliance: applies each client id once, as client_mutation does. */
  const appliance = new Map<string, unknown>();
  const outbox = new Outbox({
    storage,
    lock: opts.lock ?? ((fn) => fn()),
    random: () => 0.5,
    now: () => 1000,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => undefined,
    send: async (item) => {
      sent.push(item);
      const reply = replies.shift() ?? 'ok';
      if (reply === 'network') throw new NetworkError();
      if (reply !== 'ok') throw new ApiError(reply.id, `refused: ${reply.id}`, reply.status, [{ path: 'classificationId', message: 'not of this type' }]);
      if (!appliance.has(item.clientId)) appliance.set(item.clientId, { id: `rec-${appliance.size + 1}`, clientId: item.clientId });
      return appliance.get(item.clientId);
    },
  });
  outbox.onApplied((item) => applied.push(item.clientId));
  return { outbox, storage, sent, timers, appliance, applied, replies };
}

const draft = (label: string) => ({ kind: 'call-record' as const, method: 'POST' as const, path: '/api/v1/call-records', body: { note: label }, label });

test('a save is stored with deviceId:seq, sent at once and removed when the appliance applies it', async () => {
  const h = harness();
  await h.outbox.setUser('u1');
  const r = await h.outbox.submit(draft('a'));
  assert.is(r.status, 'sent');
  assert.equal((r as { result: unknown }).result, { id: 'rec-1', clientId: 'dev-1:1' });
  assert.is(h.sent[0].body.clientId, 'dev-1:1', 'the body carries the client id the appliance deduplicates on');
  assert.equal(await h.storage.all(), []);
  assert.equal(h.outbox.value.items, []);
  assert.equal(h.applied, ['dev-1:1']);
});

test('no answer keeps the item pending; the retry sends it, and later ones, in seq order', async () => {
  const h = harness({ replies: ['network'] });
  await h.outbox.setUser('u1');
  const first = await h.outbox.submit(draft('a'));
  assert.is(first.status, 'queued');
  assert.is(h.outbox.value.items.length, 1, 'the pending counter shows it');
  assert.is(h.outbox.value.items[0].attempts, 1);
  assert.is(h.timers.length, 1, 'a retry is scheduled');

  // Still unreachable for the next save: it waits behind the first, never overtakes it.
  h.replies.push('network');
  const second = await h.outbox.submit(draft('b'));
  assert.is(second.status, 'queued');
  assert.equal(h.sent.map((i) => i.label), ['a', 'a'], 'the older item is tried first; the newer one is not sent past it');
  assert.ok(h.timers[1].ms > h.timers[0].ms, 'the backoff grows');

  // The retry timer fires with the appliance back.
  h.timers.at(-1)!.fn();
  await h.outbox.flush();
  assert.equal(h.sent.slice(2).map((i) => i.clientId), ['dev-1:1', 'dev-1:2']);
  assert.equal(h.outbox.value.items, []);
  assert.is(h.appliance.size, 2);
});

test('a refusal during replay marks the item failed with the reason and does not block the next', async () => {
  const h = harness({ replies: ['network', 'network'] });
  await h.outbox.setUser('u1');
  await h.outbox.submit(draft('bad'));
  await h.outbox.submit(draft('good')); // queued behind it (its first attempt failed)
  h.replies.push({ status: 400, id: 'validation_failed' }, 'ok');
  await h.outbox.flush();
  const items = h.outbox.value.items;
  assert.is(items.length, 1);
  assert.is(items[0].label, 'bad');
  assert.is(items[0].status, 'failed');
  assert.equal(items[0].error?.id, 'validation_failed');
  assert.is(items[0].error?.status, 400);
  assert.is(h.appliance.size, 1, 'the later item went through');

  // A failed item is not retried by itself…
  const before = h.sent.length;
  await h.outbox.flush();
  assert.is(h.sent.length, before);
  // …only when the user asks; the same client id goes again.
  await h.outbox.retry(items[0].seq);
  await h.outbox.flush();
  assert.is(h.sent.at(-1)!.clientId, items[0].clientId);
  assert.equal(h.outbox.value.items, []);
});

test('a refusal of a save the form waits on goes back to the form and leaves nothing behind', async () => {
  const h = harness({ replies: [{ status: 400, id: 'validation_failed' }] });
  await h.outbox.setUser('u1');
  try {
    await h.outbox.submit(draft('x'));
    assert.unreachable('the refusal is thrown');
  } catch (e) {
    assert.instance(e, ApiError);
    assert.is((e as ApiError).id, 'validation_failed');
  }
  assert.equal(await h.storage.all(), []);
  assert.equal(h.outbox.value.items, []);
});

test('5xx, 429 and 401 are retried; other 4xx are final', async () => {
  const h = harness({ replies: [{ status: 503, id: 'service_unavailable' }] });
  await h.outbox.setUser('u1');
  assert.is((await h.outbox.submit(draft('a'))).status, 'queued');
  h.replies.push({ status: 401, id: 'not_authenticated' });
  await h.outbox.flush();
  assert.is(h.outbox.value.items[0].status, 'pending');
  h.replies.push({ status: 429, id: 'rate_limited' });
  await h.outbox.flush();
  assert.is(h.outbox.value.items[0].status, 'pending');
  h.replies.push({ status: 409, id: 'conflict' });
  await h.outbox.flush();
  assert.is(h.outbox.value.items[0].status, 'failed');
});

test('items are sent only under the session of the user who saved them', async () => {
  const h = harness({ replies: ['network'] });
  await h.outbox.setUser('u1');
  await h.outbox.submit(draft('mine'));
  await h.outbox.setUser('u2');
  assert.equal(h.outbox.value.items, [], "another user does not see u1's items");
  await h.outbox.flush();
  assert.is(h.sent.length, 1, "u1's item is not sent as u2");
  await h.outbox.setUser('u1');
  await h.outbox.flush();
  assert.is(h.sent.length, 2);
  assert.equal(h.outbox.value.items, []);
});

test('the lock serialises senders: a second flush waits, and an item already sent elsewhere is answered by its client id', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let holders = 0;
  let maxHolders = 0;
  const lock: OutboxLock = async (fn) => {
    holders++;
    maxHolders = Math.max(maxHolders, holders);
    try {
      await gate;
      return await fn();
    } finally {
      holders--;
    }
  };
  const h = harness({ lock });
  await h.outbox.setUser('u1');
  const a = h.outbox.submit(draft('a'));
  const b = h.outbox.submit(draft('b'));
  release();
  const [ra, rb] = await Promise.all([a, b]);
  assert.is(maxHolders, 1, 'one sender at a time');
  assert.is(ra.status, 'sent');
  assert.is(rb.status, 'sent');
  assert.equal([...new Set(h.sent.map((i) => i.clientId))], ['dev-1:1', 'dev-1:2'], 'in seq order');
  assert.is(h.appliance.size, 2, 'each applied once');
});

test('client ids are never reused, even after items are removed', async () => {
  const h = harness();
  await h.outbox.setUser('u1');
  await h.outbox.submit(draft('a'));
  await h.outbox.submit(draft('b'));
  assert.equal(h.sent.map((i) => i.clientId), ['dev-1:1', 'dev-1:2']);
});

test.run();
