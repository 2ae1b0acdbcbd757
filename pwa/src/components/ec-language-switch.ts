import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LOCALES, LOCALE_NAMES, type Locale } from '../i18n/translator.ts';

/** AZ / EN / RU buttons; fires `ec-locale-change` with `{locale}`. */
@customElement('ec-language-switch')
export class EcLanguageSwitch extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    [role='group'] {
      display: inline-flex;
      border: 1px solid var(--ec-switch-border, rgba(255, 255, 255, 0.45));
      border-radius: 999px;
      overflow: hidden;
    }
    button {
      font: inherit;
      font-size: 0.8rem;
      font-weight: 600;
      letter-spacing: 0.04em;
      border: 0;
      background: transparent;
      color: inherit;
      padding: 0.3rem 0.65rem;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: var(--ec-switch-active-bg, rgba(255, 255, 255, 0.9));
      color: var(--ec-switch-active-fg, #0b5d6b);
    }
    button:focus-visible {
      outline: 2px solid currentColor;
      outline-offset: -3px;
    }
  `;

  @property() locale: Locale = 'az';
  @property() label = '';

  override render() {
    return html`<div role="group" aria-label=${this.label}>
      ${LOCALES.map(
        (l) => html`<button
          type="button"
          lang=${l}
          data-locale=${l}
          title=${LOCALE_NAMES[l]}
          aria-label=${LOCALE_NAMES[l]}
          aria-pressed=${l === this.locale ? 'true' : 'false'}
          @click=${() => this.#choose(l)}
        >
          ${l.toUpperCase()}
        </button>`,
      )}
    </div>`;
  }

  #choose(locale: Locale) {
    if (locale === this.locale) return;
    this.dispatchEvent(new CustomEvent('ec-locale-change', { detail: { locale }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-language-switch': EcLanguageSwitch;
  }
}
