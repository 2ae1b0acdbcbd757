import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fetchOrLast, type OfflineStore, type StoredData } from '../src/offline/last-data.ts';
import { ApiError, NetworkError } from '../src/data/errors.ts';

function memoryStore(): OfflineStore {
  const data = new Map<string, StoredData>();
  return {
    loadSession: async () => null,
    saveSession: async () => undefined,
    loadLast: async <T>(key: string) => (data.get(key) as StoredData<T> | undefined) ?? null,
    saveLast: async (key, value, savedAt = 0) => void data.set(key, { key, value, savedAt }),
    clear: async () => data.clear(),
  };
}

test('fresh data is returned and saved', async () => {
  const store = memoryStore();
  const r = await fetchOrLast(store, 'users', async () => ['a']);
  assert.equal(r.value, ['a']);
  assert.is(r.fromCache, false);
  assert.equal((await store.loadLast('users'))?.value, ['a']);
});

test('unreachable: the saved copy with its time', async () => {
  const store = memoryStore();
  await store.saveLast('users', ['saved'], 42);
  const r = await fetchOrLast(store, 'users', async () => {
    throw new NetworkError();
  });
  assert.equal(r, { value: ['saved'], savedAt: 42, fromCache: true });
});

test('unreachable with nothing saved, or an answer from the appliance: the error passes on', async () => {
  const store = memoryStore();
  await store.saveLast('users', ['saved'], 42);
  try {
    await fetchOrLast(store, 'audit', async () => {
      throw new NetworkError();
    });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, NetworkError);
  }
  try {
    await fetchOrLast(store, 'users', async () => {
      throw new ApiError('forbidden', 'no', 403);
    });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ApiError, 'a 403 is not hidden behind old data');
  }
});

test.run();
