import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

/** One refused line of an import, as the appliance reports it. */
export interface ImportProblem {
  line: number | null;
  message: string;
}

/** Import is all-or-nothing on the appliance, so a file bigger than its body limit is refused here. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * CSV import of contacts: the file is read on the device and sent as text.
 * Shows the outcome or the refused lines. Fires `ec-import` {csv, name} and `ec-cancel`.
 */
@customElement('ec-contact-import')
export class EcContactImport extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1rem;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: end;
      }
      .problems {
        margin: 0.6rem 0 0;
        color: var(--ec-danger, #b3261e);
        font-size: 0.88rem;
      }
      .problems li span {
        color: var(--ec-text, #1d2a30);
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ type: Boolean }) busy = false;
  /** The refused lines of the last attempt. */
  @property({ attribute: false }) problems: ImportProblem[] = [];
  @state() private local = '';

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<h3>${t.t('contacts.importTitle')}</h3>
      <p class="muted">${t.t('contacts.importHint')}</p>
      <form data-form="import" @submit=${this.#submit}>
        <label>${t.t('contacts.importFile')}<input type="file" name="file" accept=".csv,text/csv" required /></label>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="import" ?disabled=${this.busy}>${t.t('contacts.import')}</button>
      </form>
      ${this.local ? html`<p class="problems" role="alert">${this.local}</p>` : nothing}
      ${this.problems.length
        ? html`<ul class="problems" role="alert" data-field="import-problems">
            ${this.problems.map(
              (p) => html`<li data-line=${p.line ?? ''}>${p.line !== null ? t.t('contacts.importLine', { line: p.line }) : ''} <span lang="en">${p.message}</span></li>`,
            )}
          </ul>`
        : nothing}`;
  }

  async #submit(e: SubmitEvent) {
    e.preventDefault();
    const file = (new FormData(e.target as HTMLFormElement).get('file') as File | null) ?? null;
    if (!file || file.size === 0) {
      this.local = this.i18n.t('contacts.importChoose');
      return;
    }
    if (file.size > MAX_BYTES) {
      this.local = this.i18n.t('contacts.importTooBig');
      return;
    }
    this.local = '';
    const csv = await file.text();
    this.dispatchEvent(new CustomEvent('ec-import', { detail: { csv, name: file.name }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-contact-import': EcContactImport;
  }
}
