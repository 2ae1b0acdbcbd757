import { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * A WebSocket as a stream for aedes, sending one frame per MQTT packet.
 * mqtt-packet writes a PUBLISH as several chunks in one tick; ws's own
 * createWebSocketStream sends each chunk as its own frame (5 frames for a
 * 200-byte message, ≈3.5× Mosquitto's CPU per delivery, see STACK.md). Here
 * chunks written in the same tick are joined and sent once.
 */
export class WebSocketDuplex extends Duplex {
  private pending: Buffer[] = [];
  private callbacks: ((err?: Error | null) => void)[] = [];
  private scheduled = false;

  constructor(private readonly ws: WebSocket) {
    super();
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      if (!this.push(buf)) ws.pause();
    });
    ws.on('close', () => {
      this.push(null);
      this.destroy();
    });
    ws.on('error', (err) => this.destroy(err));
  }

  override _read(): void {
    this.ws.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.pending.push(chunk);
    this.callbacks.push(cb);
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(() => this.flush());
    }
  }

  override _writev(chunks: { chunk: Buffer }[], cb: (err?: Error | null) => void): void {
    for (const c of chunks) this.pending.push(c.chunk);
    this.callbacks.push(cb);
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    const cbs = this.callbacks;
    this.pending = [];
    this.callbacks = [];
    if (this.ws.readyState !== this.ws.OPEN) {
      for (const cb of cbs) cb(new Error('websocket closed'));
      return;
    }
    // Completing the writes only when ws has handed the frame to the socket
    // keeps Writable backpressure honest for slow clients.
    this.ws.send(data, { binary: true }, (err) => {
      for (const cb of cbs) cb(err ?? null);
    });
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.ws.close();
    cb();
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.terminate();
    cb(err);
  }
}
