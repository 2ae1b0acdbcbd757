import { html } from 'lit';
import { KPI_DEFINITIONS, type KpiKey } from '@edgecall/contracts/kpi/definitions';
import type { HqKpiOverview, HqKpiResult } from '@edgecall/contracts/hq';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import { presetPeriod, type PeriodPreset } from '../components/ec-hq-period-picker.ts';
import '../components/ec-hq-period-picker.ts';
import '../components/ec-hq-kpi-table.ts';
import { fetchKpiOverview } from '../data/kpis.ts';
import { describeError } from '../i18n/describe-error.ts';
import { fmtKpi, t, type MessageKey } from '../i18n/index.ts';

/** The columns of the cross-branch table; the detail card shows all twenty. */
const COLUMNS: KpiKey[] = ['totalCalls', 'answeredCalls', 'missedCalls', 'serviceLevel', 'lostCallRate', 'asa', 'awt', 'aht'];

interface Row {
  id: string;
  label: string;
  sub: boolean;
  result: HqKpiResult;
}

/**
 * Cross-branch KPIs for a period: every branch together, each branch and
 * each of its queues, computed at HQ by the contracts KPI engine (the same
 * figures each branch shows for itself).
 */
export class EcHqKpis extends HqElement {
  static override properties = { overview: { state: true }, error: { state: true }, selected: { state: true }, preset: { state: true }, busy: { state: true } };
  overview: HqKpiOverview | null = null;
  error = '';
  selected = 'all';
  preset: PeriodPreset = 'today';
  busy = false;
  private period = presetPeriod('today');
  static override styles = [shared];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.busy = true;
    try {
      this.overview = await fetchKpiOverview(this.period.from, this.period.to);
      this.error = '';
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
    }
  }

  private rows(o: HqKpiOverview): Row[] {
    const rows: Row[] = [{ id: 'all', label: t('kpis.all'), sub: false, result: o.all }];
    for (const b of o.branches) {
      rows.push({ id: b.applianceId, label: b.name, sub: false, result: b.result });
      for (const q of b.queues) rows.push({ id: `${b.applianceId}:${q.queue}`, label: t('kpis.queue', { queue: q.queue ?? '' }), sub: true, result: q });
    }
    return rows;
  }

  override render() {
    const o = this.overview;
    const rows = o ? this.rows(o) : [];
    const chosen = rows.find((r) => r.id === this.selected) ?? rows[0];
    return html`
      <h1>${t('kpis.title')}</h1>
      <div class="toolbar">
        <ec-hq-period-picker
          .preset=${this.preset}
          .from=${this.period.from}
          .to=${this.period.to}
          @period-change=${(e: CustomEvent<{ preset: PeriodPreset; from: number; to: number }>) => {
            this.preset = e.detail.preset;
            this.period = { from: e.detail.from, to: e.detail.to };
            void this.load();
          }}
        ></ec-hq-period-picker>
        <button class="secondary" ?disabled=${this.busy} @click=${() => this.load()}>${t('common.refresh')}</button>
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${!o
        ? html`<p>${t('app.loading')}</p>`
        : html`<table data-kpi-overview>
              <thead>
                <tr>
                  <th>${t('kpis.scope')}</th>
                  ${COLUMNS.map((k) => html`<th class="num" title=${KPI_DEFINITIONS[k].formula}>${t(`kpi.${k}` as MessageKey)}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) => html`<tr data-scope=${r.id} class=${`${r.sub ? 'sub' : ''} ${r.id === chosen?.id ? 'selected' : ''}`}>
                    <td><button class="link" @click=${() => (this.selected = r.id)}>${r.label}</button></td>
                    ${COLUMNS.map((k) => html`<td class="num" data-kpi=${k}>${fmtKpi(r.result.figures[k], KPI_DEFINITIONS[k].unit)}</td>`)}
                  </tr>`,
                )}
              </tbody>
            </table>
            <ec-hq-kpi-table .result=${chosen?.result ?? null} .label=${chosen?.label ?? ''}></ec-hq-kpi-table>`}
    `;
  }
}
customElements.define('ec-hq-kpis', EcHqKpis);
