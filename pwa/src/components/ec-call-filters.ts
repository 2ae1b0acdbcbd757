import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ReferenceBundle } from '@edgecall/contracts/crm';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

/** The filter of the call lists (times in epoch ms, `to` exclusive). */
export interface CallFilterValue {
  from?: number;
  to?: number;
  number?: string;
  queue?: string;
  agent?: string;
  requestTypeId?: string;
  classificationId?: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** A local date for <input type="date">. */
export function dateInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
function localMidnight(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : undefined;
}

/**
 * Date range (whole local days), number, queue, agent, request type and
 * classification. Fires `ec-filter` {filter} on submit.
 */
@customElement('ec-call-filters')
export class EcCallFilters extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem;
        align-items: end;
      }
      input:not([type='date']) {
        width: 9rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) value: CallFilterValue = {};
  @property({ attribute: false }) bundle: ReferenceBundle | null = null;
  @property({ type: Boolean }) disabled = false;
  @state() private requestTypeId: string | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const v = this.value;
    const typeId = this.requestTypeId ?? v.requestTypeId ?? '';
    const types = (this.bundle?.requestTypes ?? []).filter((r) => r.active);
    const classes = (this.bundle?.classifications ?? []).filter((c) => c.requestTypeId === typeId && c.parentId === null);
    const lastDay = v.to === undefined ? undefined : v.to - 1;
    return html`<form data-form="call-filters" @submit=${this.#submit}>
      <label>${t.t('lists.from')}<input type="date" name="from" .value=${dateInput(v.from)} /></label>
      <label>${t.t('lists.to')}<input type="date" name="to" .value=${dateInput(lastDay)} /></label>
      <label>${t.t('call.number')}<input type="search" name="number" inputmode="tel" .value=${v.number ?? ''} /></label>
      <label>${t.t('call.queue')}<input name="queue" .value=${v.queue ?? ''} /></label>
      <label>${t.t('lists.agent')}<input name="agent" inputmode="numeric" .value=${v.agent ?? ''} /></label>
      <label
        >${t.t('record.requestType')}
        <select name="requestTypeId" @change=${(e: Event) => (this.requestTypeId = (e.target as HTMLSelectElement).value)}>
          <option value="">${t.t('lists.any')}</option>
          ${types.map((r) => html`<option value=${r.id} ?selected=${r.id === typeId}>${r.name}</option>`)}
        </select>
      </label>
      <label
        >${t.t('record.classification')}
        <select name="classificationId" ?disabled=${classes.length === 0}>
          <option value="">${t.t('lists.any')}</option>
          ${classes.map((c) => html`<option value=${c.id} ?selected=${c.id === v.classificationId}>${c.name}</option>`)}
        </select>
      </label>
      <button type="submit" class="primary" data-action="apply-filters" ?disabled=${this.disabled}>${t.t('common.search')}</button>
    </form>`;
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const to = localMidnight(text('to') ?? '');
    const filter: CallFilterValue = {
      from: localMidnight(text('from') ?? ''),
      // The last day counts whole: up to the next midnight.
      to: to === undefined ? undefined : to + DAY_MS,
      number: text('number'),
      queue: text('queue'),
      agent: text('agent'),
      requestTypeId: text('requestTypeId'),
      classificationId: text('classificationId'),
    };
    this.dispatchEvent(new CustomEvent('ec-filter', { detail: { filter }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-filters': EcCallFilters;
  }
}
