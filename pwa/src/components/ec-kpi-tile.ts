import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';
import { formatFigure, type FigureUnit } from '../i18n/figures.ts';
import './ec-target-status.ts';

export type TileUnit = FigureUnit;
export { formatFigure };

/** One KPI tile: label, value, its target's status when one is set, and its formula on demand. */
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
      /* A missed target turns the whole tile amber or red; the status pill says it in words too. */
      :host([status='warn']) .tile {
        border-color: var(--ec-warn, #9a6200);
        border-inline-start-width: 6px;
        background: color-mix(in srgb, var(--ec-warn, #9a6200) 9%, white);
      }
      :host([status='breach']) .tile {
        border-color: var(--ec-danger, #b3261e);
        border-inline-start-width: 6px;
        background: color-mix(in srgb, var(--ec-danger, #b3261e) 9%, white);
      }
      .target {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.8rem;
        color: var(--ec-muted, #5b6b73);
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
  /** The figure against its target (queue scopes with one); reflected so the tile's colour follows. */
  @property({ reflect: true }) status: 'ok' | 'warn' | 'breach' | null = null;
  /** The target in words ("target ≤ 20 s"); empty when none is set. */
  @property() target = '';
  /** Hides the formula button (wallboard). */
  @property({ type: Boolean }) bare = false;
  @state() private open = false;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<div class="card tile">
      <span class="label">${this.label}</span>
      <span class="value" data-field="value">${formatFigure(t, this.value, this.unit)}</span>
      ${this.target
        ? html`<span class="target" data-field="target"
            >${this.status ? html`<ec-target-status .i18n=${t} status=${this.status}></ec-target-status>` : nothing}${this.target}</span
          >`
        : nothing}
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
