import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Contact } from '@edgecall/contracts/crm';
import { AppStateController } from '../../state/context.ts';
import { RouterController } from '../../shell/router.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { fetchContact } from '../../data/contacts.ts';
import { STANDALONE_CHANNELS, createTicket, fetchPrefill, type TicketDraft } from '../../data/tickets.ts';
import type { TicketFormValue } from '../../components/ec-ticket-form.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import type { TicketRefs } from './ticket-refs.ts';
import '../../components/ec-ticket-form.ts';

/**
 * A request raised outside a call: from a contact card (`?contactId=`), or
 * on its own (a walk-in, an e-mail, a web chat). Saved through the outbox,
 * so a tablet without the link keeps it and sends it once.
 */
@customElement('ec-ticket-new')
export class EcTicketNew extends LitElement {
  static override styles = [sharedStyles, panelStyles];

  @property({ attribute: false }) refs: TicketRefs | null = null;
  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.session]);
  readonly #router = new RouterController(this);
  @state() private contact: Contact | null = null;
  @state() private contactLoaded = false;
  @state() private prefill: { subject: string; description: string } | null = null;
  @state() private busy = false;
  @state() private error: unknown = null;
  @state() private queued = false;
  @state() private formKey = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const contactId = new URLSearchParams(location.search).get('contactId');
    if (!contactId) {
      this.contactLoaded = true;
      return;
    }
    const { api, caches } = this.#ctx.app;
    void fetchContact(api, caches, contactId)
      .then((c) => (this.contact = c))
      .catch(() => undefined)
      .finally(() => (this.contactLoaded = true));
  }

  override render() {
    const t = this.#ctx.app.i18n.t;
    const c = this.contact;
    const number = new URLSearchParams(location.search).get('number');
    return html`<div class="head">
        <h1>${t.t('tickets.new')}</h1>
        <button type="button" data-action="back" @click=${() => this.#router.navigate('/tickets')}>${t.t('tickets.back')}</button>
      </div>
      <section class="card">
        ${c ? html`<p data-field="ticket-contact">${t.t('tickets.forContact', { name: c.name })}</p>` : nothing}
        ${this.queued
          ? html`<p class="notice" role="status" data-field="ticket-queued">${t.t('tickets.queued')}</p>
              <button type="button" data-action="another-ticket" @click=${() => ((this.queued = false), this.formKey++)}>${t.t('tickets.another')}</button>`
          : this.contactLoaded
            ? keyed(
                this.formKey,
                html`<ec-ticket-form
                .i18n=${t}
                .bundle=${this.refs?.bundle?.bundle ?? null}
                .standalone=${true}
                .channels=${STANDALONE_CHANNELS}
                .initial=${{ channel: c ? 'contact' : 'walk_in', customerName: c?.name ?? '', customerEmail: c?.email ?? null, number: c?.phones[0] ?? number ?? null }}
                .prefill=${this.prefill}
                .busy=${this.busy}
                .error=${this.error ? describeError(t, this.error) : null}
                @ec-request-type=${this.#onType}
                @ec-submit=${this.#save}
                @ec-cancel=${() => this.#router.navigate('/tickets')}
              ></ec-ticket-form>`,
              )
            : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
      </section>`;
  }

  async #onType(e: CustomEvent<{ requestTypeId: string | null; classificationId: string | null }>) {
    if (!e.detail.requestTypeId) return;
    try {
      this.prefill = await fetchPrefill(this.#ctx.app.api, { requestTypeId: e.detail.requestTypeId, classificationId: e.detail.classificationId ?? undefined, contactId: this.contact?.id });
    } catch {
      // Offline: the appliance fills the template when the request arrives.
    }
  }

  async #save(e: CustomEvent<{ value: TicketFormValue }>) {
    const v = e.detail.value;
    const draft: TicketDraft = {
      channel: v.channel as TicketDraft['channel'],
      contactId: this.contact?.id ?? null,
      customerName: v.customerName,
      customerEmail: v.customerEmail,
      number: v.number,
      requestTypeId: v.requestTypeId,
      classificationId: v.classificationId,
      subClassificationId: v.subClassificationId,
      cityId: v.cityId,
      districtId: v.districtId,
      subject: v.subject,
      description: v.description,
      fields: v.fields,
    };
    this.busy = true;
    this.error = null;
    try {
      const r = await createTicket(this.#ctx.app.outbox, draft, v.subject || v.customerName || v.number || '');
      if (r.status === 'sent') this.dispatchEvent(new CustomEvent('ec-open-ticket', { detail: { id: r.result.id }, bubbles: true, composed: true }));
      else this.queued = true;
    } catch (err) {
      this.error = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ticket-new': EcTicketNew;
  }
}
