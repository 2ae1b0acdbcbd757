/// <reference lib="webworker" />
/**
 * Intervals for the live channel's keepalive, run in a dedicated worker
 * because browsers throttle timers of hidden tabs to once a minute, which
 * would let the broker drop an agent's connection (keepalive 30 s). mqtt.js
 * has its own worker for this, but builds it from a blob: URL that the
 * appliance's CSP (worker-src 'self') refuses; this one is a bundled file.
 */
const timers = new Map<number, ReturnType<typeof setInterval>>();

self.onmessage = (e: MessageEvent<{ op: 'set' | 'clear'; id: number; ms?: number }>) => {
  const { op, id, ms } = e.data;
  if (op === 'set') {
    timers.set(id, setInterval(() => postMessage(id), ms));
  } else {
    clearInterval(timers.get(id));
    timers.delete(id);
  }
};
