import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';

interface PathEvent {
  type: string;
  seq: number;
  at: number;
  queue?: unknown;
  agent?: unknown;
  toQueue?: unknown;
  toAgent?: unknown;
}

/**
 * How the call reached the agent, from its journey: the dialled number, the
 * time spent in the IVR, then each queue (a transfer adds the next one) and
 * the agents it rang.
 */
@customElement('ec-call-path')
export class EcCallPath extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-size: 0.9rem;
    }
    ol {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3rem;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li + li::before {
      content: '→';
      margin-inline-end: 0.3rem;
      color: var(--ec-muted, #5b6b73);
    }
    .step {
      font-weight: 600;
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) events: PathEvent[] = [];
  @property({ attribute: false }) did: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const events = [...this.events].sort((a, b) => a.seq - b.seq);
    const arrived = events.find((e) => e.type === 'arrived');
    const steps: { key: string; text: string }[] = [];
    if (this.did) steps.push({ key: 'did', text: t.t('window.pathDid', { did: this.did }) });
    const ivrLeft = events.find((e) => e.type === 'ivr_left');
    if (ivrLeft && arrived) steps.push({ key: 'ivr', text: t.t('window.pathIvr', { seconds: Math.round((ivrLeft.at - arrived.at) / 1000) }) });
    for (const e of events) {
      if (e.type === 'queued' && typeof e.queue === 'string') steps.push({ key: `queue-${e.seq}`, text: t.t('window.pathQueue', { queue: e.queue }) });
      if (e.type === 'transferred' && typeof e.toAgent === 'string') steps.push({ key: `transfer-${e.seq}`, text: t.t('journey.agent', { agent: e.toAgent }) });
      if (e.type === 'answered' && typeof e.agent === 'string') steps.push({ key: `answered-${e.seq}`, text: t.t('window.pathAnswered', { agent: e.agent }) });
    }
    if (steps.length === 0) return html`<span class="muted">${t.t('common.none')}</span>`;
    return html`<ol data-field="ivr-path">
      ${steps.map((s) => html`<li data-step=${s.key}><span class="step">${s.text}</span></li>`)}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-path': EcCallPath;
  }
}
