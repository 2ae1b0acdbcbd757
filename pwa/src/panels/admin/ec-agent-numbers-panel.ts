import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { fetchAgentDialing, saveAgentDialing } from '../../data/agent-numbers.ts';
import type { FormValues } from '../../components/ec-settings-form.ts';
import { agentNumbersScreen } from './screens/agent-numbers.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import './ec-catalog-panel.ts';
import '../../components/ec-settings-form.ts';

/**
 * Agent numbers: how agents' phones are dialled (the template for branch
 * phones), then the numbers themselves as PJSIP endpoints on the PBX.
 */
@customElement('ec-agent-numbers-panel')
export class EcAgentNumbersPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
      }
      .notice {
        margin: 0;
        color: var(--ec-ok, #1e7b46);
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  readonly #dialing = new ResourceController(this, () => this.#ctx.app, 'admin.agent-dialing', (app) => fetchAgentDialing(app.api));
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private saved = false;
  /** One value object per answer: a new one would reset what is being typed. */
  readonly #values = new WeakMap<object, FormValues>();

  override render() {
    const t = this.#ctx.app.i18n.t;
    const offline = this.#ctx.app.connection.value.reachable === false;
    const current = this.#dialing.current?.value;
    return html`<ec-catalog-panel .screen=${agentNumbersScreen}></ec-catalog-panel>
      ${current
        ? html`<ec-settings-form
            data-form="agent-dialing"
            .i18n=${t}
            .heading=${t.t('admin.agents.dialTitle')}
            .fields=${[{ name: 'dialTemplate', label: t.t('admin.agents.dialTemplate'), type: 'text', required: true, wide: true, hint: t.t('admin.agents.dialTemplateHint') }]}
            .value=${this.#valueOf(current)}
            .busy=${this.busy || offline}
            .error=${this.error ? describeError(t, this.error) : null}
            @ec-submit=${this.#save}
            @ec-cancel=${() => ((this.error = null), void this.#dialing.load())}
            >${this.saved ? html`<p class="notice" role="status">${t.t('admin.agents.dialSaved')}</p>` : nothing}</ec-settings-form
          >`
        : nothing}`;
  }

  #valueOf(current: { dialTemplate: string }): FormValues {
    let v = this.#values.get(current);
    if (!v) this.#values.set(current, (v = { dialTemplate: current.dialTemplate }));
    return v;
  }

  async #save(e: CustomEvent<{ value: FormValues }>) {
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      await saveAgentDialing(this.#ctx.app.api, String(e.detail.value.dialTemplate ?? '').trim());
      this.saved = true;
      await this.#dialing.load();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-agent-numbers-panel': EcAgentNumbersPanel;
  }
}
