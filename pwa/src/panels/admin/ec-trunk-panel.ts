import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SIP_CODECS } from '@edgecall/contracts/settings/pbx';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchHardwareProfiles, fetchTrunk, removeTrunk, saveTrunk, type HardwareProfileView, type TrunkView } from '../../data/trunk.ts';
import type { MessageKey, Translator } from '../../i18n/translator.ts';
import type { FormField, FormValues } from '../../components/ec-settings-form.ts';
import type { FieldIssues } from '../../components/field-issues.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import { numberOr, text, textOrNull } from './catalog-screen.ts';
import '../../components/ec-settings-form.ts';
import '../../components/ec-error-message.ts';

type Kind = 'none' | 'sip' | 'dahdi';
interface SpanRow {
  span: number;
  line: '' | 'e1' | 'fxo';
  group: string;
  dids: string;
}
interface Loaded {
  trunk: TrunkView;
  hardware: HardwareProfileView[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : String(v ?? '').split(',')).map((s) => s.trim()).filter(Boolean);

/**
 * The branch's trunk: a SIP trunk (registration, credentials, codecs, the
 * numbers it delivers) or E1/FXO spans of a card chosen from the hardware
 * profiles, and the caller id outbound calls show. The answer says what
 * applies at once and what waits for the PBX's reload.
 */
@customElement('ec-trunk-panel')
export class EcTrunkPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .spans {
        display: grid;
        gap: 0.4rem;
      }
      .span {
        display: grid;
        grid-template-columns: 6rem 8rem 6rem 1fr;
        gap: 0.5rem;
        align-items: center;
      }
      .result ul {
        margin: 0.3rem 0 0;
        padding-inline-start: 1.2rem;
      }
      .kind {
        max-width: 20rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  readonly #data = new ResourceController<Loaded>(this, () => this.#ctx.app, 'admin.trunk', async (app) => ({ trunk: await fetchTrunk(app.api), hardware: await fetchHardwareProfiles(app.api) }));
  @state() private kind: Kind | null = null;
  @state() private profile = '';
  @state() private spans: SpanRow[] = [];
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private result: TrunkView | null = null;
  #values: FormValues | null = null;
  #valuesFor: unknown = null;

  /** Form values (and the span rows) are made here, before render, once per kind and stored trunk. */
  override willUpdate() {
    const data = this.#data.current?.value;
    if (data) this.#formValue(this.kind ?? (data.trunk.trunk?.kind ?? 'none'), data);
  }

  override render() {
    const t = this.#ctx.app.i18n.t;
    const data = this.#data.current?.value;
    if (!data) {
      if (this.#data.error) return html`<ec-error-message .error=${isNetworkError(this.#data.error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.#data.error)}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const kind = this.kind ?? (data.trunk.trunk?.kind ?? 'none');
    const offline = this.#ctx.app.connection.value.reachable === false || !!this.#data.current?.fromCache;
    return html`<div class="head"><h1>${t.t('admin.trunk.title')}</h1></div>
      <div class="stack">
        <p class="intro muted">${t.t('admin.trunk.intro')}</p>
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        <label class="kind"
          >${t.t('admin.trunk.kind')}
          <select name="trunk-kind" @change=${(e: Event) => this.#setKind((e.target as HTMLSelectElement).value as Kind, data)}>
            ${(['none', 'sip', 'dahdi'] as const).map((k) => html`<option value=${k} ?selected=${k === kind}>${t.t(`admin.trunk.kind.${k}` as MessageKey)}</option>`)}
          </select></label
        >
        ${this.result ? this.#result(t, this.result) : this.#status(t, data.trunk)}
        ${kind === 'none'
          ? data.trunk.trunk
            ? html`<div><button type="button" class="danger" data-action="remove-trunk" ?disabled=${this.busy || offline} @click=${this.#remove}>${t.t('admin.trunk.remove')}</button></div>`
            : nothing
          : html`<ec-settings-form
              data-form="trunk"
              .i18n=${t}
              .heading=${t.t(`admin.trunk.kind.${kind}` as MessageKey)}
              .fields=${kind === 'sip' ? this.#sipFields(t, data.trunk) : this.#dahdiFields(t, data.hardware)}
              .value=${this.#formValue(kind, data)}
              .busy=${this.busy || offline}
              .error=${this.error ? describeError(t, this.error) : null}
              @ec-form-input=${(e: CustomEvent<{ value: FormValues }>) => this.#onInput(e.detail.value, data)}
              @ec-submit=${(e: CustomEvent<{ value: FormValues }>) => this.#save(kind, e.detail.value)}
              @ec-cancel=${() => ((this.kind = null), (this.error = null), (this.#valuesFor = null), this.requestUpdate())}
            ></ec-settings-form>`}
      </div>`;
  }

  #status(t: Translator, v: TrunkView) {
    if (!v.trunk) return html`<p class="muted" data-field="trunk-status">${t.t('admin.trunk.none')}</p>`;
    return html`<section class="card result" data-field="trunk-status">
      <p>${t.t('admin.trunk.outbound', { template: v.outboundTemplate })}</p>
      ${v.pbx ? html`<p data-field="pbx">${t.t('admin.trunk.pbx')}: ${t.t(`admin.pbx.${v.pbx.state}` as MessageKey)}${v.pbx.error ? ` — ${v.pbx.error}` : ''}</p>` : nothing}
      ${v.unroutedDids.length ? html`<p data-field="unrouted">${t.t('admin.trunk.unrouted', { dids: v.unroutedDids.join(', ') })}</p>` : nothing}
    </section>`;
  }

  #result(t: Translator, v: TrunkView) {
    return html`<section class="card result" data-field="trunk-result" role="status">
      <p class="notice">${t.t('admin.trunk.saved')}</p>
      ${v.reloadRequired ? html`<p data-field="reload"><strong>${t.t('admin.trunk.reload')}</strong></p>` : nothing}
      <ul>
        ${v.notes.map((n) => html`<li lang="en">${n}</li>`)}
      </ul>
      <p>${t.t('admin.trunk.outbound', { template: v.outboundTemplate })}</p>
      ${v.pbx ? html`<p data-field="pbx">${t.t('admin.trunk.pbx')}: ${t.t(`admin.pbx.${v.pbx.state}` as MessageKey)}${v.pbx.error ? ` — ${v.pbx.error}` : ''}</p>` : nothing}
      ${v.unroutedDids.length ? html`<p data-field="unrouted">${t.t('admin.trunk.unrouted', { dids: v.unroutedDids.join(', ') })}</p>` : nothing}
      ${v.files.length ? html`<p class="muted">${t.t('admin.trunk.files')}: ${v.files.join(', ')}</p>` : nothing}
    </section>`;
  }

  #callerFields(t: Translator): FormField[] {
    return [
      { name: 'callerNumber', label: t.t('admin.trunk.callerNumber'), type: 'text', hint: t.t('admin.trunk.callerNumberHint'), paths: ['outboundCallerId.number', 'outboundCallerId'] },
      { name: 'callerName', label: t.t('admin.trunk.callerName'), type: 'text', paths: ['outboundCallerId.name'] },
    ];
  }

  #sipFields(t: Translator, v: TrunkView): FormField[] {
    const hasSecret = v.trunk?.kind === 'sip' && v.trunk.hasSecret;
    return [
      { name: 'id', label: t.t('admin.trunk.id'), type: 'text', required: true, hint: t.t('admin.trunk.idHint') },
      { name: 'name', label: t.t('admin.name'), type: 'text' },
      { name: 'host', label: t.t('admin.trunk.host'), type: 'text', required: true, hint: t.t('admin.trunk.hostHint') },
      { name: 'port', label: t.t('admin.trunk.port'), type: 'number', min: 1, max: 65535, step: 1 },
      { name: 'transport', label: t.t('admin.trunk.transport'), type: 'select', options: [{ value: 'udp', label: 'UDP' }, { value: 'tcp', label: 'TCP' }] },
      { name: 'register', label: t.t('admin.trunk.register'), type: 'checkbox', hint: t.t('admin.trunk.registerHint') },
      { name: 'username', label: t.t('admin.trunk.username'), type: 'text' },
      { name: 'secret', label: t.t('admin.trunk.secret'), type: 'text', hint: t.t(hasSecret ? 'admin.trunk.secretKeep' : 'admin.trunk.secretHint') },
      { name: 'codecs', label: t.t('admin.agents.codecs'), type: 'checkboxes', required: true, options: SIP_CODECS.map((c) => ({ value: c, label: c })) },
      { name: 'dids', label: t.t('admin.trunk.dids'), type: 'list', wide: true, hint: t.t('admin.trunk.didsHint') },
      ...this.#callerFields(t),
      { name: 'matchAddresses', label: t.t('admin.trunk.matchAddresses'), type: 'list', wide: true, hint: t.t('admin.trunk.matchAddressesHint') },
    ];
  }

  #dahdiFields(t: Translator, hardware: HardwareProfileView[]): FormField[] {
    const profile = hardware.find((h) => h.id === this.profile);
    return [
      {
        name: 'profile',
        label: t.t('admin.trunk.card'),
        type: 'select',
        required: true,
        paths: ['cards.0.profile'],
        options: [{ value: '', label: t.t('admin.trunk.chooseCard') }, ...hardware.map((h) => ({ value: h.id, label: `${h.vendor} ${h.model} (${h.spanCount} × ${h.lineTypes.join('/').toUpperCase()})` }))],
      },
      {
        name: 'spans',
        label: t.t('admin.trunk.spans'),
        type: 'custom',
        paths: ['cards'],
        render: (_v, _set, issues) => this.#spanEditor(t, profile, issues),
      },
      ...this.#callerFields(t),
    ];
  }

  #spanEditor(t: Translator, profile: HardwareProfileView | undefined, issues: FieldIssues) {
    if (!profile) return html`<p class="muted">${t.t('admin.trunk.chooseCardFirst')}</p>`;
    const update = (i: number, patch: Partial<SpanRow>) => {
      this.spans = this.spans.map((s, j) => (j === i ? { ...s, ...patch } : s));
    };
    return html`<fieldset class="spans" data-field="spans">
      <legend>${t.t('admin.trunk.spans')}</legend>
      ${this.spans.map(
        (s, i) => html`<div class="span" data-span=${s.span}>
          <span>${t.t('admin.trunk.span', { n: s.span })}</span>
          <select name="span-${s.span}-line" @change=${(e: Event) => update(i, { line: (e.target as HTMLSelectElement).value as SpanRow['line'] })}>
            <option value="" ?selected=${s.line === ''}>${t.t('admin.trunk.unused')}</option>
            ${profile.lineTypes.map((l) => html`<option value=${l} ?selected=${s.line === l}>${l.toUpperCase()}</option>`)}
          </select>
          <input name="span-${s.span}-group" type="number" min="0" max="63" placeholder=${t.t('admin.trunk.group')} aria-label=${t.t('admin.trunk.group')} .value=${s.group} @input=${(e: Event) => update(i, { group: (e.target as HTMLInputElement).value })} />
          <input name="span-${s.span}-dids" placeholder=${t.t('admin.trunk.dids')} aria-label=${t.t('admin.trunk.dids')} ?disabled=${s.line !== 'e1'} .value=${s.dids} @input=${(e: Event) => update(i, { dids: (e.target as HTMLInputElement).value })} />
        </div>`,
      )}
      ${issues.length ? html`<span class="field-error" role="alert" data-error-for="spans" lang="en">${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}</span>` : nothing}
    </fieldset>`;
  }

  #setKind(kind: Kind, data: Loaded) {
    this.kind = kind;
    this.error = null;
    this.result = null;
    this.#valuesFor = null;
    this.#formValue(kind, data);
  }

  /** The form's values, made once per kind (a new object would reset what is typed). */
  #formValue(kind: Kind, data: Loaded): FormValues {
    const key = `${kind}:${data.trunk.trunk ? JSON.stringify(data.trunk.trunk) : ''}`;
    if (this.#values && this.#valuesFor === key) return this.#values;
    const current = data.trunk.trunk;
    const sip = current?.kind === 'sip' ? current : null;
    const dahdi = current?.kind === 'dahdi' ? current : null;
    const caller = current?.outboundCallerId ?? null;
    this.#valuesFor = key;
    if (kind === 'dahdi') {
      const card = dahdi?.cards[0];
      this.profile = card?.profile ?? '';
      this.spans = this.#rows(data.hardware.find((h) => h.id === this.profile), card?.spans ?? []);
    }
    this.#values = {
      id: sip?.id ?? 'trunk',
      name: sip?.name ?? '',
      host: sip?.host ?? '',
      port: sip?.port ?? 5060,
      transport: sip?.transport ?? 'udp',
      register: sip?.register ?? false,
      username: sip?.username ?? '',
      secret: '',
      codecs: sip?.codecs ?? ['alaw', 'ulaw'],
      dids: sip?.dids ?? [],
      matchAddresses: sip?.matchAddresses ?? [],
      profile: this.profile,
      callerNumber: caller?.number ?? '',
      callerName: caller?.name ?? '',
    };
    return this.#values;
  }

  #rows(profile: HardwareProfileView | undefined, chosen: Record<string, unknown>[]): SpanRow[] {
    if (!profile) return [];
    return Array.from({ length: profile.spanCount }, (_, i) => {
      const sel = chosen.find((c) => c.span === i + 1) as { e1?: { group?: number; dids?: string[] }; fxo?: { group?: number } } | undefined;
      const line = sel?.e1 ? 'e1' : sel?.fxo ? 'fxo' : '';
      const group = sel?.e1?.group ?? sel?.fxo?.group;
      return { span: i + 1, line, group: group === undefined ? '' : String(group), dids: (sel?.e1?.dids ?? []).join(', ') };
    });
  }

  #onInput(v: FormValues, data: Loaded) {
    if (typeof v.profile === 'string' && v.profile !== this.profile) {
      this.profile = v.profile;
      this.spans = this.#rows(data.hardware.find((h) => h.id === v.profile), []);
    }
  }

  #body(kind: 'sip' | 'dahdi', v: FormValues) {
    const number = text(v.callerNumber);
    const outboundCallerId = number ? { number, ...(textOrNull(v.callerName) ? { name: text(v.callerName) } : {}) } : null;
    if (kind === 'sip') {
      const secret = textOrNull(v.secret);
      return {
        kind,
        id: text(v.id),
        ...(textOrNull(v.name) ? { name: text(v.name) } : {}),
        host: text(v.host),
        port: numberOr(v.port),
        transport: v.transport,
        register: v.register === true,
        ...(textOrNull(v.username) ? { username: text(v.username) } : {}),
        ...(secret ? { secret } : {}),
        codecs: (v.codecs as string[]) ?? [],
        dids: list(v.dids),
        matchAddresses: list(v.matchAddresses),
        outboundCallerId,
      };
    }
    const spans = this.spans
      .filter((s) => s.line)
      .map((s) => {
        const group = s.group.trim() === '' ? {} : { group: Number(s.group) };
        return { span: s.span, [s.line]: s.line === 'e1' ? { ...group, ...(list(s.dids).length ? { dids: list(s.dids) } : {}) } : group };
      });
    return { kind, cards: [{ profile: text(v.profile), spans }], outboundCallerId };
  }

  async #save(kind: Kind, v: FormValues) {
    if (kind === 'none') return;
    this.busy = true;
    this.error = null;
    this.result = null;
    try {
      this.result = await saveTrunk(this.#ctx.app.api, this.#body(kind, v) as never);
      this.kind = null;
      this.#valuesFor = null;
      await this.#data.load();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }

  async #remove() {
    this.busy = true;
    this.error = null;
    try {
      this.result = await removeTrunk(this.#ctx.app.api);
      this.kind = null;
      await this.#data.load();
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-trunk-panel': EcTrunkPanel;
  }
}
