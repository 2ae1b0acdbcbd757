import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '@edgecall/contracts/crm';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

/** Notes the outcome of an attempt to call back `number`. Fires `ec-submit` {outcome, note} and `ec-cancel`. */
@customElement('ec-callback-outcome-form')
export class EcCallbackOutcomeForm extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: end;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
      label.note {
        flex: 1 1 18rem;
      }
      ec-error-message {
        margin-top: 0.6rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property() number = '';
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<h3>${t.t('callbacks.outcomeTitle', { number: this.number })}</h3>
      <form data-form="callback-outcome" @submit=${this.#submit}>
        <label
          >${t.t('callbacks.outcome')}
          <select name="outcome">
            ${CALLBACK_OUTCOMES.map((o) => html`<option value=${o}>${t.t(`callbacks.outcome.${o}` as MessageKey)}</option>`)}
          </select>
        </label>
        <label class="note">${t.t('record.note')}<input name="note" maxlength="2000" /></label>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="save-outcome" ?disabled=${this.busy}>${t.t('common.save')}</button>
      </form>
      <ec-error-message .error=${this.error}></ec-error-message>`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const outcome = String(data.get('outcome')) as CallbackOutcome;
    const note = String(data.get('note') ?? '').trim();
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { outcome, note }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-callback-outcome-form': EcCallbackOutcomeForm;
  }
}
