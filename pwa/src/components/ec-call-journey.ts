import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';

interface JourneyEvent {
  type: string;
  seq: number;
  at: number;
  [extra: string]: unknown;
}

/** A call's journey (KPIS.md's events) as a timeline, with the seconds since the call arrived. */
@customElement('ec-call-journey')
export class EcCallJourney extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0 0 0 0.8rem;
      border-inline-start: 2px solid var(--ec-border, #d5dde1);
    }
    li {
      position: relative;
      padding: 0.25rem 0 0.25rem 0.6rem;
      font-size: 0.9rem;
    }
    li::before {
      content: '';
      position: absolute;
      inset-inline-start: -1.2rem;
      top: 0.6rem;
      width: 0.6rem;
      height: 0.6rem;
      border-radius: 50%;
      background: var(--ec-primary, #0b5d6b);
    }
    .at,
    .offset,
    .extra {
      color: var(--ec-muted, #5b6b73);
      font-size: 0.85em;
    }
    .what {
      font-weight: 600;
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) events: JourneyEvent[] = [];

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const start = this.events[0]?.at ?? 0;
    return html`<h3 class="visually-hidden">${t.t('calls.journey')}</h3>
      <ol data-field="journey">
        ${[...this.events]
          .sort((a, b) => a.seq - b.seq)
          .map((e) => {
            const key = `journey.${e.type}`;
            const extra = [e.queue, e.agent ? t.t('journey.agent', { agent: String(e.agent) }) : null, e.cause].filter((x) => typeof x === 'string' && x);
            return html`<li data-event=${e.type}>
              <span class="what">${t.has(key) ? t.t(key as MessageKey) : e.type}</span>
              ${extra.length ? html`<span class="extra">${extra.join(' · ')}</span>` : nothing}
              <span class="at">${t.time(e.at)}</span>
              <span class="offset">${t.t('journey.offset', { seconds: Math.round((e.at - start) / 100) / 10 })}</span>
            </li>`;
          })}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-journey': EcCallJourney;
  }
}
