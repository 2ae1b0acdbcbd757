import { LitElement } from 'lit';
import { LOCALE_EVENT } from '../i18n/index.ts';

/** Every console element re-renders when the language changes. */
export class HqElement extends LitElement {
  private readonly onLocale = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(LOCALE_EVENT, this.onLocale);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(LOCALE_EVENT, this.onLocale);
    super.disconnectedCallback();
  }
}
