import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

/** One refused line of an import, as the appliance reports it. */
export interface CsvProblem {
  line: number | null;
  message: string;
}

/** The appliance takes up to 2 MB of text; a bigger file is refused here. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * CSV import of a list (admin lists, contacts): the file is read on the device and sent as
 * text; every refused line is listed with its number. Fires `ec-import`
 * {csv, name} and `ec-cancel`.
 */
@customElement('ec-csv-import')
export class EcCsvImport extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.5rem;
        font-size: 1.05rem;
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
  /** The list's own title (default: the admin lists' "import from a CSV file"). */
  @property() heading = '';
  /** What the file's columns are (the export's header imports back). */
  @property() hint = '';
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) problems: CsvProblem[] = [];
  @state() private local = '';

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<section class="card">
      <h2>${this.heading || t.t('admin.importTitle')}</h2>
      <p class="muted">${this.hint} ${t.t('admin.importAllOrNothing')}</p>
      <form data-form="import" @submit=${this.#submit}>
        <label>${t.t('admin.importFile')}<input type="file" name="file" accept=".csv,text/csv" required /></label>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('ec-cancel', { bubbles: true, composed: true }))}>${t.t('common.cancel')}</button>
        <button type="submit" class="primary" data-action="import" ?disabled=${this.busy}>${t.t('admin.import')}</button>
      </form>
      ${this.local ? html`<p class="problems" role="alert">${this.local}</p>` : nothing}
      ${this.problems.length
        ? html`<ul class="problems" role="alert" data-field="import-problems">
            ${this.problems.map((p) => html`<li data-line=${p.line ?? ''}>${p.line !== null ? t.t('admin.importLine', { line: p.line }) : ''} <span lang="en">${p.message}</span></li>`)}
          </ul>`
        : nothing}
    </section>`;
  }

  async #submit(e: SubmitEvent) {
    e.preventDefault();
    const file = (new FormData(e.target as HTMLFormElement).get('file') as File | null) ?? null;
    if (!file || file.size === 0) {
      this.local = this.i18n.t('admin.importChoose');
      return;
    }
    if (file.size > MAX_BYTES) {
      this.local = this.i18n.t('admin.importTooBig');
      return;
    }
    this.local = '';
    this.dispatchEvent(new CustomEvent('ec-import', { detail: { csv: await file.text(), name: file.name }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-csv-import': EcCsvImport;
  }
}
