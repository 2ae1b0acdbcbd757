import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { figureLabel, figureUnit, formatFigure, scopeLabel } from '../i18n/figures.ts';

/** An alert as the appliance publishes and logs it (times ISO). */
export interface AlertView {
  ruleId: string;
  name: string;
  severity: string;
  scope: string;
  figure: string;
  threshold: number;
  value: number;
  raisedAt: string;
  clearedAt: string | null;
}

export function severityLabel(t: Translator, severity: string): string {
  return t.t(severity === 'critical' ? 'alerts.severity.critical' : 'alerts.severity.warning');
}

/** What crossed what: "Service level (SL): 62 % (threshold 80 %)". */
export function alertFigureText(t: Translator, a: Pick<AlertView, 'figure' | 'value' | 'threshold'>): string {
  const unit = figureUnit(a.figure);
  return t.t('alerts.figureText', { figure: figureLabel(t, a.figure), value: formatFigure(t, a.value, unit), threshold: formatFigure(t, a.threshold, unit) });
}

/** The active alerts, critical first: severity as an icon and a word, never colour alone. */
@customElement('ec-alert-list')
export class EcAlertList extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    li {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.1rem 0.6rem;
      padding: 0.55rem 0.8rem;
      border-radius: var(--ec-radius, 8px);
      border: 1px solid color-mix(in srgb, var(--c) 45%, white);
      border-inline-start: 6px solid var(--c);
      background: color-mix(in srgb, var(--c) 8%, white);
      --c: var(--ec-warn, #9a6200);
    }
    li.critical {
      --c: var(--ec-danger, #b3261e);
    }
    .icon {
      grid-row: span 2;
      font-size: 1.3rem;
      line-height: 1;
      color: var(--c);
    }
    .severity {
      font-weight: 700;
      color: color-mix(in srgb, var(--c) 85%, black);
      margin-inline-end: 0.4rem;
    }
    .meta {
      font-size: 0.85rem;
      color: var(--ec-muted, #5b6b73);
    }
    .empty {
      color: var(--ec-muted, #5b6b73);
      margin: 0;
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) alerts: AlertView[] = [];

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.alerts.length === 0) return html`<p class="empty" data-field="no-alerts">${t.t('alerts.noneActive')}</p>`;
    return html`<ul>
      ${this.alerts.map(
        (a) => html`<li class=${a.severity === 'critical' ? 'critical' : 'warning'} data-rule=${a.ruleId} data-severity=${a.severity}>
          <span class="icon" aria-hidden="true">${a.severity === 'critical' ? '⛔' : '⚠'}</span>
          <span><span class="severity">${severityLabel(t, a.severity)}</span><strong data-field="name">${a.name}</strong></span>
          <span class="meta"
            ><span data-field="figure">${alertFigureText(t, a)}</span> · ${scopeLabel(t, a.scope)} · ${t.t('alerts.since', { time: t.time(a.raisedAt) })}</span
          >
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-alert-list': EcAlertList;
  }
}
