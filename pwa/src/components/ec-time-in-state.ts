import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';

/** "m:ss" (or "h:mm:ss") since a moment, ticking once a second while shown. */
export function elapsed(fromMs: number, nowMs: number): string {
  const total = Math.max(0, Math.floor((nowMs - fromMs) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A running clock for "time in state" and call durations; one timer per element, stopped when hidden. */
@customElement('ec-time-in-state')
export class EcTimeInState extends LitElement {
  /** Epoch ms; nothing is shown without it. */
  @property({ attribute: false }) since: number | null = null;
  @state() private now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => (this.now = Date.now()), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render() {
    return this.since === null ? html`—` : html`<time>${elapsed(this.since, Math.max(this.now, Date.now()))}</time>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-time-in-state': EcTimeInState;
  }
}
