import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../state/context.ts';
import type { MessageKey } from '../i18n/translator.ts';
import { describeError } from '../i18n/describe-error.ts';
import { ApiError } from '../data/errors.ts';
import type { OutboxItem } from '../offline/outbox.ts';
import { sharedStyles } from '../components/shared-styles.ts';
import '../components/ec-error-message.ts';

/**
 * The pending counter under the connection banner: how many saves have not
 * reached the appliance, and which. Failed ones (refused by the appliance
 * during a replay) show its reason and can be sent again or dropped.
 * Hidden while nothing waits.
 */
@customElement('ec-outbox-status')
export class EcOutboxStatus extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.9rem;
      }
      .bar {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 0.6rem;
        padding: 0.4rem 1.25rem;
        background: #fff4e0;
        color: #7a4d00;
        border-bottom: 1px solid #f3d9a8;
      }
      .bar.failed {
        background: #fbe9e7;
        color: #8c1d18;
        border-color: #f2c4bf;
      }
      .count {
        font-weight: 700;
      }
      .text {
        flex: 1;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0.5rem 1.25rem 0.75rem;
        background: var(--ec-surface, #fff);
        border-bottom: 1px solid var(--ec-border, #d5dde1);
        display: grid;
        gap: 0.5rem;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.3rem 0.8rem;
        align-items: start;
      }
      li ec-error-message {
        grid-column: 1 / -1;
      }
      .actions {
        display: flex;
        gap: 0.4rem;
      }
      .status {
        font-size: 0.8rem;
        font-weight: 600;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.outbox, a.i18n, a.connection]);
  @state() private open = false;

  override render() {
    const { outbox, i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const items = outbox.value.items;
    if (items.length === 0) return nothing;
    const failed = items.filter((i) => i.status === 'failed').length;
    const offline = connection.value.reachable === false;
    return html`<div class="bar ${failed ? 'failed' : ''}" role="status" aria-live="polite">
        <span class="count" data-field="outbox-count">${items.length}</span>
        <span class="text">
          ${t.t('outbox.pending', { count: items.length })}${failed ? html` · ${t.t('outbox.failedCount', { count: failed })}` : nothing}
          ${offline ? html` · ${t.t('outbox.offline')}` : nothing}
        </span>
        <button type="button" class="small" data-action="outbox-toggle" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open = !this.open)}>
          ${this.open ? t.t('outbox.hide') : t.t('outbox.show')}
        </button>
        <button type="button" class="small" data-action="outbox-send" ?disabled=${offline || outbox.value.flushing} @click=${() => outbox.kick()}>
          ${t.t('outbox.sendNow')}
        </button>
      </div>
      ${this.open ? html`<ul data-field="outbox-items">${items.map((i) => this.#item(i))}</ul>` : nothing}`;
  }

  #item(i: OutboxItem) {
    const { outbox, i18n } = this.#ctx.app;
    const t = i18n.t;
    const error = i.error ? describeError(t, new ApiError(i.error.id, i.error.message, i.error.status, i.error.details)) : null;
    return html`<li data-client-id=${i.clientId} data-status=${i.status}>
      <div>
        <strong>${t.t(`outbox.kind.${i.kind}` as MessageKey)}</strong>
        ${i.label ? html`· <span data-field="label">${i.label}</span>` : nothing}
        <div class="muted">${t.dateTime(i.createdAt)} · <span class="status">${t.t(i.status === 'failed' ? 'outbox.statusFailed' : 'outbox.statusPending')}</span></div>
      </div>
      <div class="actions">
        ${i.status === 'failed'
          ? html`<button type="button" class="small" data-action="outbox-retry" @click=${() => void outbox.retry(i.seq)}>${t.t('outbox.retry')}</button>`
          : nothing}
        <button type="button" class="small danger" data-action="outbox-discard" @click=${() => this.#discard(i)}>${t.t('outbox.discard')}</button>
      </div>
      ${error ? html`<ec-error-message .error=${error}></ec-error-message>` : nothing}
    </li>`;
  }

  #discard(i: OutboxItem) {
    const t = this.#ctx.app.i18n.t;
    if (!confirm(t.t('outbox.confirmDiscard', { what: t.t(`outbox.kind.${i.kind}` as MessageKey) }))) return;
    void this.#ctx.app.outbox.discard(i.seq);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-outbox-status': EcOutboxStatus;
  }
}
