import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_KPI_QUEUE_SETTINGS, kpiSettingsFromQueues, settingsResolver } from './settings.ts';

test('defaults ← branch defaults ← the queue’s own; undefined never wipes a default', () => {
  const resolve = settingsResolver({
    defaults: { T_sl: 30, slVariant: 'V2' },
    settingsByQueue: { q1: { T_sl: 10, T_short: undefined } },
  });
  assert.equal(resolve(null), { ...DEFAULT_KPI_QUEUE_SETTINGS, T_sl: 30, slVariant: 'V2' });
  assert.equal(resolve('q1'), { ...DEFAULT_KPI_QUEUE_SETTINGS, T_sl: 10, slVariant: 'V2' });
  assert.equal(resolve('q2'), resolve(null));
});

test('the ACD queue configuration maps onto the KPI settings', () => {
  const s = kpiSettingsFromQueues([{ id: 'sales', tSl: 15, tShort: 3, tLong: 600, slVariant: 'V3', callbackWindowHours: 2 }, { id: 'x' }]);
  const resolve = settingsResolver(s);
  assert.equal(resolve('sales'), { T_sl: 15, T_short: 3, T_long: 600, slVariant: 'V3', callbackWindow: 7200 });
  assert.equal(resolve('x'), DEFAULT_KPI_QUEUE_SETTINGS);
});

test.run();
