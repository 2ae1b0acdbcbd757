import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { AppStateController } from '../state/context.ts';

/** "Install app" when the browser offers it; "New version — reload" when an update waits. */
@customElement('ec-pwa-actions')
export class EcPwaActions extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      gap: 0.5rem;
    }
    button {
      font: inherit;
      font-size: 0.85rem;
      padding: 0.3rem 0.8rem;
      border-radius: 999px;
      cursor: pointer;
      border: 1px solid var(--ec-pwa-border, rgba(255, 255, 255, 0.6));
      background: var(--ec-pwa-bg, rgba(255, 255, 255, 0.12));
      color: inherit;
    }
    button.update {
      background: var(--ec-accent, #f4a259);
      border-color: var(--ec-accent, #f4a259);
      color: #2b1700;
    }
  `;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.pwa]);

  override render() {
    const { i18n, pwa } = this.#ctx.app;
    const t = i18n.t;
    const { installable, updateReady } = pwa.value;
    return html`${installable
      ? html`<button type="button" data-action="install" @click=${() => pwa.install()}>${t.t('pwa.install')}</button>`
      : nothing}
    ${updateReady ? html`<button type="button" class="update" data-action="update" @click=${() => pwa.applyUpdate()}>${t.t('pwa.update')}</button>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-pwa-actions': EcPwaActions;
  }
}
