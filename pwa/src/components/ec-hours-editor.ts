import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import { fieldError, fieldErrorStyles, issuesAt, unplaced } from './field-issues.ts';
import './ec-error-message.ts';

type Day = '0' | '1' | '2' | '3' | '4' | '5' | '6';
type Span = [string, string];

/** The working hours as the appliance stores them (a structural copy of contracts' WorkingHours). */
export interface HoursValue {
  utcOffsetMinutes: number;
  week: Partial<Record<Day, Span>>;
  holidays: string[];
  special: Record<string, Span | null>;
  alwaysOpen: boolean;
}

/** Monday first, as the week is read here. */
const DAYS: Day[] = ['1', '2', '3', '4', '5', '6', '0'];

/**
 * Weekly hours per weekday, holidays (with the Azerbaijan preset) and
 * special days (other hours, or closed). Issues (`week.1`, `holidays.3`,
 * `special.2026-12-31`) show in their row. Fires `ec-submit` {value} and
 * `ec-preset` {year}.
 */
@customElement('ec-hours-editor')
export class EcHoursEditor extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.05rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.8rem;
        align-items: center;
        padding: 0.3rem 0;
      }
      .day {
        min-width: 8rem;
        font-weight: 600;
      }
      label.check {
        display: flex;
        align-items: center;
        gap: 0.35rem;
        font-weight: 500;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 0.6rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      li.date {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        border: 1px solid var(--ec-border, #d5dde1);
        border-radius: 999px;
        padding: 0.1rem 0.2rem 0.1rem 0.7rem;
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) value: HoursValue | null = null;
  @property({ attribute: false }) error: ErrorView | null = null;
  @property({ type: Boolean }) busy = false;
  @state() private draft: HoursValue | null = null;
  @state() private year = new Date().getFullYear();

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value') && this.value) this.draft = structuredClone(this.value);
  }

  override render() {
    const t = this.i18n;
    const d = this.draft;
    if (!t || !d) return nothing;
    const placed = ['week', 'holidays', 'special', 'utcOffsetMinutes'];
    return html`<section class="card" data-section="week">
        <h2>${t.t('admin.hours.week')}</h2>
        <div class="row">
          <label class="check"><input type="checkbox" name="alwaysOpen" .checked=${d.alwaysOpen} @change=${(e: Event) => this.#patch({ alwaysOpen: (e.target as HTMLInputElement).checked })} />${t.t('admin.hours.alwaysOpen')}</label>
          <label
            >${t.t('admin.hours.utcOffset')}
            <input type="number" name="utcOffsetMinutes" step="30" min="-720" max="840" .value=${String(d.utcOffsetMinutes)} @change=${(e: Event) => this.#patch({ utcOffsetMinutes: Number((e.target as HTMLInputElement).value) })} />
            <span class="hint">${t.t('admin.hours.utcOffsetHint')}</span>
            ${fieldError('utcOffsetMinutes', issuesAt(this.error, ['utcOffsetMinutes']))}
          </label>
        </div>
        ${DAYS.map((day) => this.#day(day, d.week[day]))}
      </section>
      <section class="card" data-section="holidays">
        <h2>${t.t('admin.hours.holidays')}</h2>
        <ul data-field="holidays">
          ${d.holidays.map(
            (h, i) => html`<li class="date" data-holiday=${h}>
              ${h}${fieldError(`holidays.${i}`, issuesAt(this.error, [`holidays.${i}`]))}
              <button type="button" class="small" aria-label=${t.t('admin.hours.remove', { date: h })} @click=${() => this.#patch({ holidays: d.holidays.filter((x) => x !== h) })}>✕</button>
            </li>`,
          )}
        </ul>
        <form class="row" data-form="add-holiday" @submit=${this.#addHoliday}>
          <label>${t.t('admin.hours.date')}<input type="date" name="holiday" required /></label>
          <button type="submit" class="small">+ ${t.t('admin.hours.addHoliday')}</button>
        </form>
        <div class="row">
          <label>${t.t('admin.hours.year')}<input type="number" name="presetYear" min="2000" max="2100" .value=${String(this.year)} @change=${(e: Event) => (this.year = Number((e.target as HTMLInputElement).value))} /></label>
          <button type="button" data-action="holiday-preset" ?disabled=${this.busy} @click=${this.#preset}>${t.t('admin.hours.preset')}</button>
          <span class="hint">${t.t('admin.hours.presetHint')}</span>
        </div>
      </section>
      <section class="card" data-section="special">
        <h2>${t.t('admin.hours.special')}</h2>
        <p class="hint">${t.t('admin.hours.specialHint')}</p>
        ${Object.entries(d.special)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([date, span]) => this.#special(date, span))}
        <form class="row" data-form="add-special" @submit=${this.#addSpecial}>
          <label>${t.t('admin.hours.date')}<input type="date" name="special" required /></label>
          <button type="submit" class="small">+ ${t.t('admin.hours.addSpecial')}</button>
        </form>
      </section>
      <ec-error-message .error=${unplaced(this.error, placed)}></ec-error-message>
      <div class="actions"><button type="button" class="primary" data-action="save-hours" ?disabled=${this.busy} @click=${this.#save}>${t.t('common.save')}</button></div>`;
  }

  #day(day: Day, span: Span | undefined) {
    const t = this.i18n;
    const d = this.draft!;
    const setSpan = (s: Span | undefined) => {
      const week = { ...d.week };
      if (s) week[day] = s;
      else delete week[day];
      this.#patch({ week });
    };
    return html`<div class="row" data-day=${day}>
      <span class="day">${t.t(`admin.hours.day.${day}` as MessageKey)}</span>
      <label class="check"><input type="checkbox" name="open-${day}" .checked=${!!span} @change=${(e: Event) => setSpan((e.target as HTMLInputElement).checked ? ['09:00', '18:00'] : undefined)} />${t.t('admin.hours.open')}</label>
      ${span
        ? html`<label>${t.t('admin.hours.from')}<input type="time" name="from-${day}" .value=${span[0]} @change=${(e: Event) => setSpan([(e.target as HTMLInputElement).value, span[1]])} /></label>
            <label>${t.t('admin.hours.to')}<input type="time" name="to-${day}" .value=${span[1]} @change=${(e: Event) => setSpan([span[0], (e.target as HTMLInputElement).value])} /></label>`
        : html`<span class="muted">${t.t('admin.hours.closed')}</span>`}
      ${fieldError(`week.${day}`, issuesAt(this.error, [`week.${day}`]))}
    </div>`;
  }

  #special(date: string, span: Span | null) {
    const t = this.i18n;
    const d = this.draft!;
    const set = (s: Span | null | undefined) => {
      const special = { ...d.special };
      if (s === undefined) delete special[date];
      else special[date] = s;
      this.#patch({ special });
    };
    return html`<div class="row" data-special=${date}>
      <span class="day">${date}</span>
      <label class="check"><input type="checkbox" .checked=${span === null} @change=${(e: Event) => set((e.target as HTMLInputElement).checked ? null : ['10:00', '14:00'])} />${t.t('admin.hours.closedAllDay')}</label>
      ${span
        ? html`<label>${t.t('admin.hours.from')}<input type="time" .value=${span[0]} @change=${(e: Event) => set([(e.target as HTMLInputElement).value, span[1]])} /></label>
            <label>${t.t('admin.hours.to')}<input type="time" .value=${span[1]} @change=${(e: Event) => set([span[0], (e.target as HTMLInputElement).value])} /></label>`
        : nothing}
      <button type="button" class="small" aria-label=${t.t('admin.hours.remove', { date })} @click=${() => set(undefined)}>✕</button>
      ${fieldError(`special.${date}`, issuesAt(this.error, [`special.${date}`]))}
    </div>`;
  }

  #patch(p: Partial<HoursValue>) {
    this.draft = { ...this.draft!, ...p };
  }

  #addHoliday(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const date = String(new FormData(form).get('holiday') ?? '');
    if (date && !this.draft!.holidays.includes(date)) this.#patch({ holidays: [...this.draft!.holidays, date].sort() });
    form.reset();
  }

  #addSpecial(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const date = String(new FormData(form).get('special') ?? '');
    if (date && !(date in this.draft!.special)) this.#patch({ special: { ...this.draft!.special, [date]: null } });
    form.reset();
  }

  #preset() {
    this.dispatchEvent(new CustomEvent('ec-preset', { detail: { year: this.year }, bubbles: true, composed: true }));
  }

  #save() {
    this.dispatchEvent(new CustomEvent('ec-submit', { detail: { value: this.draft }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-hours-editor': EcHoursEditor;
  }
}
