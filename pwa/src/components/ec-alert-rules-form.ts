import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AlertRule } from '@edgecall/contracts/alerts';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { figureLabel, scopeLabel } from '../i18n/figures.ts';
import { FieldErrors, fieldErrorStyles } from './field-errors.ts';
import { sharedStyles } from './shared-styles.ts';
import './ec-error-message.ts';

/** A rule while edited: numbers stay text until saved, so a half-typed one is not lost. */
interface Draft {
  id: string;
  name: string;
  figure: string;
  comparator: string;
  threshold: string;
  scope: string;
  forSeconds: string;
  severity: string;
  enabled: boolean;
}

const toDraft = (r: AlertRule): Draft => ({ ...r, threshold: String(r.threshold), forSeconds: String(r.forSeconds) });
/** Empty stays empty (NaN goes as null): the appliance names the field that needs a number. */
const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/**
 * The alert rules editor: figure, comparison, threshold, scope, duration,
 * severity per rule. Validation is the appliance's: `error` carries its
 * messages, shown next to the field each names (`<index>.<field>`). Emits
 * `ec-save` with the whole list.
 */
@customElement('ec-alert-rules-form')
export class EcAlertRulesForm extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: grid;
        gap: 0.8rem;
      }
      fieldset {
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: var(--ec-radius, 8px);
        padding: 0.8rem 1rem;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.6rem 0.8rem;
        align-items: start;
      }
      legend {
        font-weight: 650;
        padding: 0 0.3rem;
      }
      label.check {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  /** The stored rules; the draft restarts from them whenever they change. */
  @property({ attribute: false }) rules: AlertRule[] = [];
  /** Scopes offered (`branch`, `queue:<id>`, `group:<id>`). */
  @property({ attribute: false }) scopes: string[] = ['branch'];
  /** Figures offered (KPIS.md names). */
  @property({ attribute: false }) figures: readonly string[] = [];
  @property({ attribute: false }) error: ErrorView | null = null;
  @property({ type: Boolean }) busy = false;
  @state() private draft: Draft[] = [];

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('rules')) this.draft = this.rules.map(toDraft);
  }

  override render() {
    const t = this.i18n;
    if (!t) return html``;
    const errors = new FieldErrors(this.error);
    // Rows first: each claims its messages before the summary is built.
    const rows = this.draft.map((d, i) => this.#rule(t, d, i, errors));
    return html`<ec-error-message .error=${errors.summary()}></ec-error-message>
      ${rows.length ? rows : html`<p class="muted" data-field="no-rules">${t.t('alertRules.none')}</p>`}
      <div class="actions">
        <button type="button" data-action="add-rule" ?disabled=${this.busy} @click=${this.#add}>${t.t('alertRules.add')}</button>
        <button type="button" class="primary" data-action="save" ?disabled=${this.busy} @click=${this.#save}>${t.t('common.save')}</button>
      </div>`;
  }

  #rule(t: Translator, d: Draft, i: number, errors: FieldErrors) {
    const at = (field: string) => `${i}.${field}`;
    const invalid = (field: string) => (errors.at(at(field)) !== undefined ? 'true' : 'false');
    const set = (field: keyof Draft) => (e: Event) => {
      const el = e.target as HTMLInputElement | HTMLSelectElement;
      const value = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
      this.draft = this.draft.map((x, j) => (j === i ? { ...x, [field]: value } : x));
    };
    const scopes = this.scopes.includes(d.scope) ? this.scopes : [d.scope, ...this.scopes];
    const figures = this.figures.includes(d.figure) ? this.figures : [d.figure, ...this.figures];
    const option = (value: string, label: string, current: string) => html`<option value=${value} ?selected=${value === current}>${label}</option>`;
    return html`<fieldset data-rule-index=${i} data-rule=${d.id}>
      <legend>${d.name || t.t('alertRules.untitled')}</legend>
      <label>${t.t('alertRules.name')}<input name="name" .value=${d.name} maxlength="80" aria-invalid=${invalid('name')} @input=${set('name')} />${errors.show(at('name'))}</label>
      <label
        >${t.t('alerts.figure')}
        <select name="figure" aria-invalid=${invalid('figure')} @change=${set('figure')}>${figures.map((f) => option(f, figureLabel(t, f), d.figure))}</select>
        ${errors.show(at('figure'))}</label
      >
      <label
        >${t.t('alertRules.comparator')}
        <select name="comparator" aria-invalid=${invalid('comparator')} @change=${set('comparator')}>
          ${['above', 'below'].map((c) => option(c, t.t(`alertRules.comparator.${c}` as MessageKey), d.comparator))}
        </select>
        ${errors.show(at('comparator'))}</label
      >
      <label
        >${t.t('alertRules.threshold')}<input name="threshold" type="number" step="any" .value=${d.threshold} aria-invalid=${invalid('threshold')} @input=${set('threshold')} />${errors.show(
          at('threshold'),
        )}</label
      >
      <label
        >${t.t('alerts.scope')}
        <select name="scope" aria-invalid=${invalid('scope')} @change=${set('scope')}>${scopes.map((s) => option(s, scopeLabel(t, s), d.scope))}</select>
        ${errors.show(at('scope'))}</label
      >
      <label
        >${t.t('alertRules.forSeconds')}<input name="forSeconds" type="number" min="0" step="1" .value=${d.forSeconds} aria-invalid=${invalid('forSeconds')} @input=${set('forSeconds')} />${errors.show(
          at('forSeconds'),
        )}</label
      >
      <label
        >${t.t('alerts.severity')}
        <select name="severity" aria-invalid=${invalid('severity')} @change=${set('severity')}>
          ${['warning', 'critical'].map((s) => option(s, t.t(`alerts.severity.${s}` as MessageKey), d.severity))}
        </select>
        ${errors.show(at('severity'))}</label
      >
      <label class="check"><input name="enabled" type="checkbox" .checked=${d.enabled} @change=${set('enabled')} />${t.t('alertRules.enabled')}</label>
      ${errors.show(at('id'))}${errors.show(String(i))}
      <div class="actions">
        <button type="button" class="danger small" data-action="remove-rule" ?disabled=${this.busy} @click=${() => (this.draft = this.draft.filter((_, j) => j !== i))}>
          ${t.t('alertRules.remove')}
        </button>
      </div>
    </fieldset>`;
  }

  #add() {
    // The id names the alert's topic; the name is what people read.
    const id = `rule-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    this.draft = [...this.draft, { id, name: '', figure: this.figures[0] ?? 'serviceLevel', comparator: 'below', threshold: '', scope: 'branch', forSeconds: '60', severity: 'warning', enabled: true }];
  }

  #save() {
    const rules = this.draft.map((d) => ({ ...d, threshold: num(d.threshold), forSeconds: num(d.forSeconds) }));
    this.dispatchEvent(new CustomEvent('ec-save', { detail: { rules }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-alert-rules-form': EcAlertRulesForm;
  }
}
