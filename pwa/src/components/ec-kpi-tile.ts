import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export type TileUnit = 'count' | 'seconds' | 'percent';

/** A figure in the user's language; null (a ratio over nothing) is "—", never 0. */
export function formatFigure(t: Translator, value: number | null | undefined, unit: TileUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t.t('common.none');
  if (unit === 'seconds') return t.t('unit.seconds', { value: Math.round(value) });
  if (unit === 'percent') return t.t('unit.percent', { value: Math.round(value * 10) / 10 });
  return t.number(value);
}

/** One KPI tile: label, value, and its formula on demand. */
@customElement('ec-kpi-tile')
export class EcKpiTile extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .tile {
        height: 100%;
        display: grid;
        gap: 0.3rem;
        align-content: start;
      }
      .label {
        font-size: var(--ec-tile-label, 0.85rem);
        color: var(--ec-muted, #5b6b73);
        font-weight: 600;
      }
      .value {
        font-size: var(--ec-tile-value, 2rem);
        font-weight: 700;
        line-height: 1.1;
        font-variant-numeric: tabular-nums;
      }
      .formula {
        font-size: 0.8rem;
        margin: 0;
        color: var(--ec-text, #1d2a30);
      }
      button.link {
        justify-self: start;
        border: none;
        padding: 0;
        background: none;
        color: var(--ec-primary, #0b5d6b);
        font-size: 0.8rem;
        text-decoration: underline;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property() label = '';
  @property({ attribute: false }) value: number | null | undefined = undefined;
  @property() unit: TileUnit = 'count';
  /** The formula on demand, with the language it is written in. */
  @property({ attribute: false }) formula: { text: string; lang: string } | null = null;
  /** Hides the formula button (wallboard). */
  @property({ type: Boolean }) bare = false;
  @state() private open = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<div class="card tile">
      <span class="label">${this.label}</span>
      <span class="value" data-field="value">${formatFigure(t, this.value, this.unit)}</span>
      ${this.formula && !this.bare
        ? html`<button type="button" class="link" data-action="formula" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open = !this.open)}>
              ${t.t('dashboard.formula')}
            </button>
            ${this.open ? html`<p class="formula" lang=${this.formula.lang} data-field="formula">${this.formula.text}</p>` : nothing}`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-kpi-tile': EcKpiTile;
  }
}
