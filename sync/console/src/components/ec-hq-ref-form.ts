import { html } from 'lit';
import { t, type MessageKey } from '../i18n/index.ts';
import { HqElement } from './hq-element.ts';
import { shared } from './styles.ts';

export type Payload = Record<string, unknown>;

/**
 * The form of one reference item, per dataset (the fields of
 * contracts/src/sync-reference.ts). Fires `save` with `{key, payload}` and
 * `cancel`; the server validates and its refusal is shown by the view.
 */
export class EcHqRefForm extends HqElement {
  static override properties = {
    refDataset: {},
    itemKey: {},
    payload: { attribute: false },
    branches: { attribute: false },
    classifications: { attribute: false },
    busy: { type: Boolean },
  };
  refDataset = 'faq';
  /** Empty: a new item. */
  itemKey = '';
  payload: Payload = {};
  branches: { id: string; name: string }[] = [];
  classifications: { key: string; name: string }[] = [];
  busy = false;
  static override styles = [shared];

  private field(name: string, label: MessageKey, opts: { type?: string; required?: boolean; multiline?: boolean; step?: string } = {}) {
    const v = this.payload[name];
    const value = v === undefined || v === null ? '' : String(v);
    return html`<label
      ><span>${t(label)}</span>
      ${opts.multiline
        ? html`<textarea name=${name} ?required=${opts.required}>${value}</textarea>`
        : html`<input name=${name} type=${opts.type ?? 'text'} step=${opts.step ?? 'any'} .value=${value} ?required=${opts.required} />`}
    </label>`;
  }

  private check(name: string, label: MessageKey, dflt = true) {
    const v = this.payload[name];
    return html`<label class="inline"><input type="checkbox" name=${name} ?checked=${v === undefined ? dflt : Boolean(v)} /><span>${t(label)}</span></label>`;
  }

  private fields() {
    switch (this.refDataset) {
      case 'faq':
        return html`${this.field('question', 'ref.field.question', { required: true })} ${this.field('answer', 'ref.field.answer', { required: true, multiline: true })}
          <label><span>${t('ref.field.tags')}</span><input name="tags" .value=${((this.payload.tags as string[] | undefined) ?? []).join(', ')} /></label>
          <label
            ><span>${t('ref.field.locale')}</span
            ><select name="locale">
              ${['az', 'en', 'ru'].map((l) => html`<option value=${l} ?selected=${(this.payload.locale ?? 'az') === l}>${l.toUpperCase()}</option>`)}
            </select></label
          >`;
      case 'template':
        return html`${this.field('name', 'ref.field.name', { required: true })}
          <label
            ><span>${t('ref.field.channel')}</span
            ><select name="channel">
              ${(['sms', 'email', 'script'] as const).map((c) => html`<option value=${c} ?selected=${(this.payload.channel ?? 'sms') === c}>${t(`ref.channel.${c}`)}</option>`)}
            </select></label
          >
          ${this.field('subject', 'ref.field.subject')} ${this.field('body', 'ref.field.body', { required: true, multiline: true })}`;
      case 'classification':
        return html`${this.field('name', 'ref.field.name', { required: true })}
          <label
            ><span>${t('ref.field.parentKey')}</span
            ><select name="parentKey">
              <option value="">${t('ref.noParent')}</option>
              ${this.classifications
                .filter((c) => c.key !== this.itemKey)
                .map((c) => html`<option value=${c.key} ?selected=${this.payload.parentKey === c.key}>${c.name} (${c.key})</option>`)}
            </select></label
          >
          ${this.check('active', 'ref.field.active')}`;
      case 'evaluation_criterion':
        return html`${this.field('name', 'ref.field.name', { required: true })} ${this.field('description', 'ref.field.description', { multiline: true })}
          ${this.field('weight', 'ref.field.weight', { type: 'number', required: true })} ${this.field('maxScore', 'ref.field.maxScore', { type: 'number', step: '1' })}
          ${this.check('active', 'ref.field.active')}`;
      case 'holiday':
        return html`${this.field('date', 'ref.field.date', { type: 'date', required: true })} ${this.field('name', 'ref.field.name', { required: true })}
          <fieldset>
            <legend>${t('ref.field.branches')}</legend>
            ${this.branches.map(
              (b) =>
                html`<label class="inline"
                  ><input type="checkbox" name="branches" value=${b.id} ?checked=${((this.payload.branches as string[] | undefined) ?? []).includes(b.id)} /><span>${b.name}</span></label
                >`,
            )}
          </fieldset>`;
      default:
        return html``;
    }
  }

  /** The form as the dataset's payload: numbers as numbers, empty optionals left out. */
  private collect(form: HTMLFormElement): Payload {
    const data = new FormData(form);
    const s = (name: string) => String(data.get(name) ?? '').trim();
    const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
    switch (this.refDataset) {
      case 'faq':
        return { question: s('question'), answer: String(data.get('answer') ?? ''), tags: s('tags').split(',').map((x) => x.trim()).filter(Boolean), locale: s('locale') || 'az' };
      case 'template':
        return { name: s('name'), channel: s('channel'), ...(s('subject') ? { subject: s('subject') } : {}), body: String(data.get('body') ?? '') };
      case 'classification':
        return { name: s('name'), parentKey: s('parentKey') || null, active: checked('active') };
      case 'evaluation_criterion':
        return { name: s('name'), ...(s('description') ? { description: s('description') } : {}), weight: Number(s('weight')), ...(s('maxScore') ? { maxScore: Number(s('maxScore')) } : {}), active: checked('active') };
      case 'holiday': {
        const branches = data.getAll('branches').map(String);
        return { date: s('date'), name: s('name'), ...(branches.length ? { branches } : {}) };
      }
      default:
        return {};
    }
  }

  private submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const key = this.itemKey || String(new FormData(form).get('key') ?? '').trim();
    this.dispatchEvent(new CustomEvent('save', { detail: { key, payload: this.collect(form) } }));
  }

  override render() {
    return html`<form class="card" data-ref-form @submit=${this.submit}>
      ${this.itemKey
        ? html`<p><strong>${t('ref.key')}:</strong> <code>${this.itemKey}</code></p>`
        : html`<label><span>${t('ref.key')}</span><input name="key" required pattern="[A-Za-z0-9._:\\-]{1,128}" title=${t('ref.keyHint')} /></label>`}
      ${this.fields()}
      <div class="toolbar" style="margin-top:0.75rem">
        <button type="submit" ?disabled=${this.busy}>${t('common.save')}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('cancel'))}>${t('common.cancel')}</button>
      </div>
    </form>`;
  }
}
customElements.define('ec-hq-ref-form', EcHqRefForm);
