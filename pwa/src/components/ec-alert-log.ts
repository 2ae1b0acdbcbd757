import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { scopeLabel } from '../i18n/figures.ts';
import { alertFigureText, severityLabel, type AlertView } from './ec-alert-list.ts';
import { sharedStyles } from './shared-styles.ts';

/** The alert log, newest first: when each alert was raised and cleared (or is still active). */
@customElement('ec-alert-log')
export class EcAlertLog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .critical {
        color: var(--ec-danger, #b3261e);
        font-weight: 650;
      }
      .active {
        font-weight: 650;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) entries: AlertView[] = [];

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.entries.length === 0) return html`<p class="muted" data-field="empty-log">${t.t('alerts.logEmpty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('alerts.raisedAt')}</th>
          <th>${t.t('alerts.clearedAt')}</th>
          <th>${t.t('alerts.severity')}</th>
          <th>${t.t('alerts.rule')}</th>
          <th>${t.t('alerts.figure')}</th>
          <th>${t.t('alerts.scope')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.entries.map(
          (a) => html`<tr data-rule=${a.ruleId} data-cleared=${a.clearedAt ? 'yes' : 'no'}>
            <td>${t.dateTime(a.raisedAt)}</td>
            <td class=${a.clearedAt ? '' : 'active'}>${a.clearedAt ? t.dateTime(a.clearedAt) : t.t('alerts.stillActive')}</td>
            <td class=${a.severity === 'critical' ? 'critical' : ''}>${a.severity === 'critical' ? '⛔' : '⚠'} ${severityLabel(t, a.severity)}</td>
            <td>${a.name}</td>
            <td>${alertFigureText(t, a)}</td>
            <td>${scopeLabel(t, a.scope)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-alert-log': EcAlertLog;
  }
}
