import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

/** What `ec-submit` carries: `scheduledFor` as ISO with the device's offset. */
export interface CallbackScheduleValue {
  number: string;
  scheduledFor: string;
  note: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-27T15:00" typed in local time → ISO with this device's UTC offset ("+04:00"). */
export function localToIso(local: string): string | null {
  const d = new Date(local);
  if (!local || Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Orders a callback (a scheduled call): number, date and time, note. Fires `ec-submit` {value} and `ec-cancel`. */
@customElement('ec-callback-schedule-form')
export class EcCallbackScheduleForm extends LitElement {
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
        flex: 1 1 16rem;
      }
      .field-error {
        color: var(--ec-danger, #b3261e);
        font-size: 0.82rem;
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
  @state() private local = '';

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<h3>${t.t('callbacks.scheduleTitle')}</h3>
      <form data-form="callback-schedule" novalidate @submit=${this.#submit}>
        <label>${t.t('call.number')}<input name="number" type="tel" inputmode="tel" required .value=${this.number} /></label>
        <label>${t.t('callbacks.scheduledFor')}<input name="scheduledFor" type="datetime-local" required /></label>
        <label class="note">${t.t('record.note')}<input name="note" maxlength="2000" /></label>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="save-schedule" ?disabled=${this.busy}>${t.t('common.save')}</button>
      </form>
      ${this.local ? html`<p class="field-error" role="alert">${this.local}</p>` : nothing}
      <ec-error-message .error=${this.error} .fieldLabels=${{ number: t.t('call.number'), scheduledFor: t.t('callbacks.scheduledFor') }}></ec-error-message>`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n;
    const data = new FormData(e.target as HTMLFormElement);
    const number = String(data.get('number') ?? '').trim();
    const scheduledFor = localToIso(String(data.get('scheduledFor') ?? ''));
    if (!number || !scheduledFor) {
      this.local = t.t('callbacks.scheduleRequired');
      return;
    }
    this.local = '';
    const value: CallbackScheduleValue = { number, scheduledFor, note: String(data.get('note') ?? '').trim() };
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-callback-schedule-form': EcCallbackScheduleForm;
  }
}
