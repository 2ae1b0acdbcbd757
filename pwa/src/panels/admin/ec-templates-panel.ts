import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { TEMPLATE_PLACEHOLDERS } from '@edgecall/contracts/settings/templates';
import { AppStateController } from '../../state/context.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { previewTemplate, type TemplateChannel, type TemplatePreview } from '../../data/templates.ts';
import type { FormValues } from '../../components/ec-settings-form.ts';
import { templatesScreen } from './screens/templates.ts';
import './ec-catalog-panel.ts';
import '../../components/ec-template-preview.ts';

const PREVIEW_DELAY_MS = 300;

/** Templates: the list of ec-catalog-panel, with placeholder help and a live preview in the form. */
@customElement('ec-templates-panel')
export class EcTemplatesPanel extends LitElement {
  readonly #ctx = new AppStateController(this, (a) => [a.i18n]);
  @state() private preview: TemplatePreview | null = null;
  @state() private error: unknown = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  override render() {
    const t = this.#ctx.app.i18n.t;
    return html`<ec-catalog-panel .screen=${templatesScreen} @ec-form-open=${this.#onValues} @ec-form-input=${this.#onValues}>
      <ec-template-preview slot="extra" .i18n=${t} .placeholders=${TEMPLATE_PLACEHOLDERS} .preview=${this.preview} .error=${this.error ? describeError(t, this.error) : null}></ec-template-preview>
    </ec-catalog-panel>`;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  #onValues(e: CustomEvent<{ value: FormValues }>) {
    const v = e.detail.value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run(v), PREVIEW_DELAY_MS);
  }

  async #run(v: FormValues) {
    const seq = ++this.#seq;
    const body = String(v.body ?? '');
    if (!body.trim()) {
      this.preview = null;
      this.error = null;
      return;
    }
    try {
      const p = await previewTemplate(this.#ctx.app.api, { channel: v.channel as TemplateChannel, subject: String(v.subject ?? ''), body });
      if (seq !== this.#seq) return;
      this.preview = p;
      this.error = null;
    } catch (err) {
      if (seq === this.#seq) this.error = err;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-templates-panel': EcTemplatesPanel;
  }
}
