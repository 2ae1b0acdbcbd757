import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';

export type NotificationPermissionView = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * Whether alerts also come as browser notifications. The browser's question
 * may only follow a click, so this offers a button and never asks by itself;
 * emits `ec-enable-notifications` from the click.
 */
@customElement('ec-notification-switch')
export class EcNotificationSwitch extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      font-size: 0.88rem;
    }
    button {
      font: inherit;
      padding: 0.35rem 0.8rem;
      border-radius: var(--ec-radius, 8px);
      border: 1px solid var(--ec-primary, #0b5d6b);
      background: var(--ec-surface, #fff);
      color: var(--ec-primary, #0b5d6b);
      cursor: pointer;
    }
    .on {
      color: var(--ec-ok, #1e7b46);
    }
    .off {
      color: var(--ec-muted, #5b6b73);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ reflect: true }) permission: NotificationPermissionView = 'default';

  override render() {
    const t = this.i18n;
    if (!t || this.permission === 'unsupported') return nothing;
    if (this.permission === 'granted') return html`<span class="on" data-field="notifications-on">🔔 ${t.t('alerts.notifications.on')}</span>`;
    if (this.permission === 'denied') return html`<span class="off" data-field="notifications-blocked">🔕 ${t.t('alerts.notifications.blocked')}</span>`;
    return html`<button type="button" data-action="enable-notifications" @click=${this.#enable}>🔔 ${t.t('alerts.notifications.enable')}</button>`;
  }

  #enable() {
    this.dispatchEvent(new CustomEvent('ec-enable-notifications', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-notification-switch': EcNotificationSwitch;
  }
}
