import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-call-journey.ts';

export interface CallListEvent {
  type: string;
  seq: number;
  at: number;
  [extra: string]: unknown;
}

export interface CallListItem {
  id: string;
  number: string;
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  cause: string | null;
  events: CallListEvent[];
}

export function causeLabel(t: Translator, cause: string): string {
  const key = `calls.cause.${cause}`;
  return t.has(key) ? t.t(key as MessageKey) : cause;
}

/**
 * A list of calls; a click on a row opens its journey under it. Emits
 * `ec-select` with {id} (null to close) so the owner keeps the choice.
 */
@customElement('ec-call-list')
export class EcCallList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      tbody tr.call {
        cursor: pointer;
      }
      tbody tr.call:hover,
      tr.selected {
        background: #f1f6f7;
      }
      .number {
        font-weight: 600;
        white-space: nowrap;
      }
      .missed {
        color: var(--ec-danger, #b3261e);
      }
      td.journey {
        background: #f8fafb;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: CallListItem[] = [];
  @property({ attribute: false }) selectedId: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted" data-field="empty">${t.t('calls.empty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('calls.time')}</th>
          <th>${t.t('call.number')}</th>
          <th>${t.t('call.queue')}</th>
          <th>${t.t('calls.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((c) => this.#row(t, c))}
      </tbody>
    </table>`;
  }

  #row(t: Translator, c: CallListItem) {
    const selected = c.id === this.selectedId;
    const answered = c.events.some((e) => e.type === 'answered');
    const outcome = answered
      ? t.t('calls.answered')
      : c.endedAt === null
        ? t.t('calls.inProgress')
        : c.cause
          ? causeLabel(t, c.cause)
          : t.t('calls.missedOne');
    return html`<tr
        class="call ${selected ? 'selected' : ''}"
        data-call-id=${c.id}
        tabindex="0"
        aria-expanded=${selected ? 'true' : 'false'}
        @click=${() => this.#select(selected ? null : c.id)}
        @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.#select(selected ? null : c.id))}
      >
        <td>${t.time(c.arrivedAt)}</td>
        <td class="number" data-field="number">${c.number}</td>
        <td>${c.queue ?? t.t('common.none')}</td>
        <td class=${!answered && c.endedAt !== null ? 'missed' : ''}>${outcome}</td>
      </tr>
      ${selected
        ? html`<tr>
            <td class="journey" colspan="4"><ec-call-journey .i18n=${t} .events=${c.events}></ec-call-journey></td>
          </tr>`
        : nothing}`;
  }

  #select(id: string | null) {
    this.dispatchEvent(new CustomEvent('ec-select', { detail: { id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-list': EcCallList;
  }
}
