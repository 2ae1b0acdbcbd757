import { html } from 'lit';
import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey } from '@edgecall/contracts/kpi/definitions';
import type { HqKpiResult } from '@edgecall/contracts/hq';
import { fmtDateTime, fmtKpi, fmtNumber, t, type MessageKey } from '../i18n/index.ts';
import { HqElement } from './hq-element.ts';
import { shared } from './styles.ts';

/** Every figure of one scope with its formula on hover. Properties in, nothing fetched. */
export class EcHqKpiTable extends HqElement {
  static override properties = { result: { attribute: false }, label: {} };
  result: HqKpiResult | null = null;
  label = '';
  static override styles = [shared];

  override render() {
    const r = this.result;
    if (!r) return html``;
    const unavailable = new Set<KpiKey>(r.unavailable);
    return html`<div class="card" data-detail>
      <h2>${t('kpis.detail', { scope: this.label })}</h2>
      <p class="muted">${t('kpis.journeys', { count: fmtNumber(r.journeys, 0) })} · ${t('kpis.asOf', { time: fmtDateTime(r.now) })}</p>
      <table>
        <tbody>
          ${KPI_KEYS.map((key) => {
            const def = KPI_DEFINITIONS[key];
            return html`<tr data-kpi=${key}>
              <th title=${`${t('kpis.formula')}: ${def.formula}`}>${t(`kpi.${key}` as MessageKey)}</th>
              <td class="num" data-value>${unavailable.has(key) ? html`<span class="muted" title=${t('kpis.unavailable')}>${t('common.none')}</span>` : fmtKpi(r.figures[key], def.unit)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }
}
customElements.define('ec-hq-kpi-table', EcHqKpiTable);
