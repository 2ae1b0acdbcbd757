// Replays every REST request of samples/rest-errors.jsonl against the simulator, in order,
// and checks each status and body against what Asterisk 22.10.1 answered. Requests go out
// as raw HTTP because ari-client drops HTTP status codes (NOTES.md §2.5 #5); the app's
// WebSocket is the real ari-client, so the channels involved are really in Stasis.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSample, normalizeBody, rest, sampleEvents, sleep, startHarness } from './test-support.ts';
import { compareFlows, describeDiff } from './flow-compare.ts';

/** Event types whose timing the replay must respect (they come from timers, not requests). */
const PACED = new Set(['StasisStart', 'PlaybackStarted', 'PlaybackFinished']);

test('REST statuses and bodies match rest-errors.jsonl line by line', async () => {
  // Real time: the recorded session relied on a 2 s prompt still playing ~20 requests later.
  const h = await startHarness('edgecall', { timeScale: 1 });
  try {
    const all = loadSample('rest-errors.jsonl');
    // For each REST line: how many paced events the recording had seen before the previous one.
    const pacing: number[] = [];
    let seen = 0;
    let beforePrevious = 0;
    for (const l of all) {
      if (l.rest) {
        pacing.push(beforePrevious);
        beforePrevious = seen;
      } else if (l.event && PACED.has(l.event.type)) seen++;
    }
    const lines = all.filter((l) => l.rest);
    let unauthorized = 0;
    const mismatches: string[] = [];
    for (const [i, { rest: r }] of lines.entries()) {
      if (!r) continue;
      const deadline = Date.now() + 5000;
      while (h.events.filter((e) => PACED.has(e.type)).length < pacing[i] && Date.now() < deadline) await sleep(5);
      let auth: string | undefined;
      // The recording lists a wrong password first, then no credentials at all.
      if (r.status === 401) auth = unauthorized++ === 0 ? 'asterisk:wrong' : '';
      const res = await rest(h.sim, r.method, r.path, r.query, r.body, auth);
      const where = `#${i} ${r.method} ${r.path} ${JSON.stringify(r.query)}`;
      if (res.status !== r.status) mismatches.push(`${where}: status ${res.status}, recorded ${r.status} (${res.text})`);
      else if (JSON.stringify(normalizeBody(res.body)) !== JSON.stringify(normalizeBody(r.response))) {
        mismatches.push(`${where}: body ${JSON.stringify(res.body)}, recorded ${JSON.stringify(r.response)}`);
      }
      // Let asynchronous consequences (StasisStart of the new call, playbacks) happen,
      // as they had on the recorded system before the next request.
      await sleep(r.path === '/ari/channels' && r.method === 'POST' ? 40 : 10);
    }
    assert.equal(mismatches, []);

    // The events of the session must also match the recording.
    await sleep(100);
    const diff = compareFlows(sampleEvents('rest-errors.jsonl'), h.events, 12);
    assert.ok(diff.missing.length === 0 && diff.extra.length === 0, describeDiff(diff));
  } finally {
    await h.stop();
  }
});

test.run();
