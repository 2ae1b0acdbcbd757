import { html } from 'lit';
import { t } from '../i18n/index.ts';
import { HqElement } from './hq-element.ts';
import { shared } from './styles.ts';

export type PeriodPreset = 'today' | 'yesterday' | 'week' | 'month' | 'custom';

const DAY = 86_400_000;
const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** A preset's [from, to) in the browser's time zone. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now = new Date()): { from: number; to: number } {
  const today = midnight(now);
  const tomorrow = midnight(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  if (preset === 'yesterday') return { from: midnight(new Date(today - DAY / 2)), to: today };
  if (preset === 'week') return { from: midnight(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6)), to: tomorrow };
  if (preset === 'month') return { from: new Date(now.getFullYear(), now.getMonth(), 1).getTime(), to: tomorrow };
  return { from: today, to: tomorrow };
}

const toLocalInput = (ms: number) => {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** Presets or a custom range; fires `period-change` with `{from, to}` (epoch ms, `to` exclusive). No data fetching. */
export class EcHqPeriodPicker extends HqElement {
  static override properties = { preset: {}, from: { type: Number }, to: { type: Number } };
  preset: PeriodPreset = 'today';
  from = 0;
  to = 0;
  static override styles = [shared];

  private emit(from: number, to: number) {
    this.dispatchEvent(new CustomEvent('period-change', { detail: { preset: this.preset, from, to } }));
  }

  private choose(preset: PeriodPreset) {
    this.preset = preset;
    if (preset !== 'custom') {
      const p = presetPeriod(preset);
      this.emit(p.from, p.to);
    }
  }

  private applyCustom(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const from = new Date(String(data.get('from'))).getTime();
    const to = new Date(String(data.get('to'))).getTime();
    if (Number.isFinite(from) && Number.isFinite(to) && from < to) this.emit(from, to);
  }

  override render() {
    const presets: PeriodPreset[] = ['today', 'yesterday', 'week', 'month', 'custom'];
    return html`<form class="toolbar" @submit=${this.applyCustom}>
      <label
        ><span>${t('kpis.period')}</span>
        <select name="preset" data-period @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value as PeriodPreset)}>
          ${presets.map((p) => html`<option value=${p} ?selected=${p === this.preset}>${t(`kpis.period.${p}`)}</option>`)}
        </select></label
      >
      ${this.preset === 'custom'
        ? html`<label><span>${t('kpis.from')}</span><input type="datetime-local" name="from" .value=${toLocalInput(this.from)} required /></label>
            <label><span>${t('kpis.to')}</span><input type="datetime-local" name="to" .value=${toLocalInput(this.to)} required /></label>
            <button type="submit">${t('kpis.apply')}</button>`
        : ''}
    </form>`;
  }
}
customElements.define('ec-hq-period-picker', EcHqPeriodPicker);
