import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { CallListItem, Contact } from '@edgecall/contracts/crm';
import { AppStateController } from '../../state/context.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { fetchReferenceBundle, type CachedBundle } from '../../data/reference.ts';
import { createContact, fetchScreenPop, updateContact, type ScreenPop } from '../../data/contacts.ts';
import { fetchCallerHistory } from '../../data/call-lists.ts';
import { fetchCall, type CallRecord as Journey } from '../../data/calls.ts';
import { createCallRecord } from '../../data/call-records.ts';
import { createTicket, fetchPrefill, fetchTicketMeta, type TicketMeta } from '../../data/tickets.ts';
import { fetchOrLast } from '../../offline/last-data.ts';
import { statusLabel } from '../../i18n/ticket-labels.ts';
import type { CallRecordFormValue } from '../../components/ec-call-record-form.ts';
import type { TicketFormValue } from '../../components/ec-ticket-form.ts';
import type { ContactFormValue } from '../../components/ec-contact-form.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-caller-contact.ts';
import '../../components/ec-contact-form.ts';
import '../../components/ec-call-record-form.ts';
import '../../components/ec-call-history.ts';
import '../../components/ec-call-path.ts';
import '../../components/ec-error-message.ts';
import '../../components/ec-ticket-form.ts';

/** The call the window registers: the one on the phone, a past one chosen from a list, or an outbound one. */
export interface WindowCall {
  callId: string | null;
  number: string | null;
  queue: string | null;
  did: string | null;
  direction: 'inbound' | 'outbound';
}

type ContactFormState = { mode: 'create' } | { mode: 'edit'; contact: Contact } | null;
type Saved = { status: 'sent' | 'queued' } | null;
type TicketSaved = { status: 'sent'; id: string; ref: string } | { status: 'queued' } | null;

/**
 * The call-handling window: the caller (screen pop: the contact, a choice
 * between several, or a new-contact form with the number filled in), their
 * previous calls and records, the queue and IVR path, and the record form.
 * Saves go through the outbox, so a dropped link never loses a record.
 * Fires `ec-window-close`.
 */
@customElement('ec-call-window')
export class EcCallWindow extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr));
        gap: 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0;
        margin-inline-end: auto;
      }
      h3 {
        font-size: 0.92rem;
        margin: 0 0 0.5rem;
      }
      .number {
        font-size: 1.3rem;
        font-weight: 700;
      }
      .block + .block {
        margin-top: 0.9rem;
      }
      .meta {
        font-size: 0.9rem;
      }
      .open-tickets {
        margin: 0;
        padding-inline-start: 1.1rem;
        font-size: 0.9rem;
      }
      .overdue {
        color: var(--ec-danger, #b3261e);
      }
    `,
  ];

  @property({ attribute: false }) call!: WindowCall;
  /** Shown as "closable" (a past call registered from a list); a live call's window stays until the next. */
  @property({ type: Boolean }) closable = false;

  @state() private bundle: CachedBundle | null = null;
  @state() private bundleError: unknown = null;
  @state() private pop: ScreenPop | null = null;
  @state() private popError: unknown = null;
  @state() private history: CallListItem[] = [];
  @state() private journey: Journey | null = null;
  @state() private selectedId: string | null = null;
  @state() private contactForm: ContactFormState = null;
  @state() private contactBusy = false;
  @state() private contactError: unknown = null;
  @state() private contactQueued = false;
  @state() private recordBusy = false;
  @state() private recordError: unknown = null;
  @state() private saved: Saved = null;
  /** Bumped for a fresh record form (after a save, "register another"). */
  @state() private formKey = 0;
  /** A request being raised from this call (issue 7): what the record form had chosen. */
  @state() private ticketDraft: Partial<TicketFormValue> | null = null;
  @state() private ticketPrefill: { subject: string; description: string } | null = null;
  @state() private ticketBusy = false;
  @state() private ticketError: unknown = null;
  @state() private ticketSaved: TicketSaved = null;
  @state() private ticketMeta: TicketMeta | null = null;
  #loadSeq = 0;

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.session]);

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('call') as WindowCall | undefined;
    if (changed.has('call') && (!before || before.callId !== this.call.callId || before.number !== this.call.number)) this.#reset();
  }

  /** A live call's journey grows: the panel asks again once the call is answered. */
  refreshJourney(): void {
    void this.#loadJourney(this.#loadSeq);
  }

  override render() {
    const { i18n, session } = this.#ctx.app;
    const t = i18n.t;
    const c = this.call;
    const canWrite = session.can('contacts:write');
    return html`<section class="card" data-window-call=${c.callId ?? ''} aria-labelledby="window-title">
      <div class="head">
        <h2 id="window-title">${t.t('call.title')}</h2>
        ${this.bundle?.fromCache ? html`<span class="offline-note" data-field="reference-cached">${t.t('window.referenceCached')}</span>` : nothing}
        ${this.closable ? html`<button type="button" class="small" data-action="close-window" @click=${this.#close}>${t.t('window.close')}</button>` : nothing}
      </div>
      <div class="cols">
        <div>
          <div class="block">
            <span class="muted">${t.t('call.number')}</span>
            <div class="number" data-field="window-number">${c.number ?? t.t('common.none')}</div>
            <div class="meta muted">
              ${t.t((this.journey?.direction ?? c.direction) === 'outbound' ? 'calls.outgoingOne' : 'calls.incomingOne')} · ${t.t('call.queue')}:
              <span data-field="window-queue">${c.queue ?? this.journey?.queue ?? t.t('common.none')}</span>
            </div>
          </div>
          <div class="block">
            <h3>${t.t('window.path')}</h3>
            <ec-call-path .i18n=${t} .events=${this.journey?.events ?? []} .did=${c.did ?? this.journey?.did ?? null}></ec-call-path>
          </div>
          <div class="block">
            <h3>${t.t('window.contact')}</h3>
            ${this.#contact(canWrite)}
          </div>
          ${this.#openTickets()}
          <div class="block">
            <ec-call-history .i18n=${t} .calls=${this.history} .records=${this.pop?.records ?? []} .bundle=${this.bundle?.bundle ?? null} .currentCallId=${c.callId}></ec-call-history>
          </div>
        </div>
        <div>${this.#record()} ${this.#ticket()}</div>
      </div>
    </section>`;
  }

  #contact(canWrite: boolean) {
    const { i18n } = this.#ctx.app;
    const t = i18n.t;
    const locations = this.bundle?.bundle.locations ?? [];
    if (this.contactForm) {
      const editing = this.contactForm.mode === 'edit' ? this.contactForm.contact : null;
      const prefill = editing ?? { name: '', phones: this.call.number ? [this.call.number] : [], email: null, cityId: null, districtId: null, address: '', note: '' };
      return html`<ec-contact-form
        .i18n=${t}
        .mode=${this.contactForm.mode}
        .contact=${prefill}
        .locations=${locations}
        .busy=${this.contactBusy}
        .error=${this.contactError ? describeError(t, this.contactError) : null}
        @ec-submit=${this.#saveContact}
        @ec-cancel=${() => (this.contactForm = null)}
      ></ec-contact-form>`;
    }
    if (!this.pop) {
      if (this.popError) return html`<ec-error-message .error=${describeError(t, this.popError)}></ec-error-message>`;
      return html`<p class="muted" role="status">${this.call.number ? t.t('data.loading') : t.t('window.noNumber')}</p>`;
    }
    return html`${this.pop.fromCache ? html`<p class="offline-note">${t.t('window.contactsCached')}</p>` : nothing}
      ${this.contactQueued ? html`<p class="notice" role="status" data-field="contact-queued">${t.t('window.contactQueued')}</p>` : nothing}
      <ec-caller-contact
        .i18n=${t}
        .contacts=${this.pop.contacts}
        .selectedId=${this.selectedId}
        .locations=${locations}
        ?readonly=${!canWrite}
        @ec-contact-choose=${(e: CustomEvent<{ id: string | null }>) => (this.selectedId = e.detail.id)}
        @ec-contact-edit=${(e: CustomEvent<{ id: string }>) => this.#edit(e.detail.id)}
      ></ec-caller-contact>
      ${canWrite && this.pop.contacts.length === 0 && !this.contactQueued
        ? html`<button type="button" class="small" data-action="new-contact" @click=${() => this.#openCreate()}>+ ${t.t('contacts.new')}</button>`
        : nothing}`;
  }

  #record() {
    const t = this.#ctx.app.i18n.t;
    if (!this.bundle) {
      if (this.bundleError) {
        const error = isNetworkError(this.bundleError) ? { message: t.t('record.noReferenceOffline'), fields: [] } : describeError(t, this.bundleError);
        return html`<ec-error-message .error=${error}></ec-error-message>`;
      }
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    if (this.saved) {
      return html`<p class="notice" role="status" data-field="record-saved" data-status=${this.saved.status}>
          ${t.t(this.saved.status === 'sent' ? 'window.recordSaved' : 'window.recordQueued')}
        </p>
        <button type="button" class="small" data-action="another-record" @click=${this.#another}>${t.t('window.anotherRecord')}</button>`;
    }
    return keyed(
      this.formKey,
      html`<ec-call-record-form
        .i18n=${t}
        .bundle=${this.bundle.bundle}
        ?canCreateTicket=${this.#ctx.app.session.can('tickets:write')}
        @ec-create-ticket=${this.#openTicket}
        .busy=${this.recordBusy}
        .error=${this.recordError ? describeError(t, this.recordError) : null}
        @ec-submit=${this.#saveRecord}
      ></ec-call-record-form>`,
    );
  }

  #reset() {
    const seq = ++this.#loadSeq;
    this.pop = null;
    this.popError = null;
    this.history = [];
    this.journey = null;
    this.selectedId = null;
    this.contactForm = null;
    this.contactError = null;
    this.contactQueued = false;
    this.recordError = null;
    this.saved = null;
    this.formKey++;
    this.ticketDraft = null;
    this.ticketPrefill = null;
    this.ticketError = null;
    this.ticketSaved = null;
    void this.#loadBundle();
    if (this.#ctx.app.session.can('tickets:read')) void this.#loadTicketMeta();
    void this.#loadPop(seq);
    void this.#loadJourney(seq);
  }

  /** Read again for every call (admins change the lists); the previous copy shows meanwhile. */
  async #loadBundle() {
    const { api, caches } = this.#ctx.app;
    try {
      this.bundle = await fetchReferenceBundle(api, caches);
      this.bundleError = null;
    } catch (e) {
      if (!this.bundle) this.bundleError = e;
    }
  }

  async #loadPop(seq: number) {
    const number = this.call.number;
    if (!number) return;
    const { api, caches } = this.#ctx.app;
    const [pop, history] = await Promise.allSettled([fetchScreenPop(api, caches, number), fetchCallerHistory(api, number)]);
    if (seq !== this.#loadSeq) return;
    if (pop.status === 'fulfilled') {
      this.pop = pop.value;
      // An unknown number: the new-contact form opens with the number filled in.
      if (pop.value.contacts.length === 0 && this.#ctx.app.session.can('contacts:write')) this.#openCreate();
    } else this.popError = pop.reason;
    if (history.status === 'fulfilled') this.history = history.value;
  }

  async #loadJourney(seq: number) {
    const id = this.call.callId;
    if (!id) return;
    try {
      const j = await fetchCall(this.#ctx.app.api, id);
      if (seq === this.#loadSeq) this.journey = j;
    } catch {
      // Offline or not yet stored: the path shows what the screen pop said.
    }
  }

  #openCreate() {
    this.contactError = null;
    this.contactForm = { mode: 'create' };
  }

  #edit(id: string) {
    const contact = this.pop?.contacts.find((c) => c.id === id);
    if (!contact) return;
    this.contactError = null;
    this.contactForm = { mode: 'edit', contact };
  }

  async #saveContact(e: CustomEvent<{ value: ContactFormValue }>) {
    const form = this.contactForm;
    if (!form) return;
    const { outbox } = this.#ctx.app;
    this.contactBusy = true;
    this.contactError = null;
    try {
      const r = form.mode === 'create' ? await createContact(outbox, e.detail.value) : await updateContact(outbox, form.contact.id, e.detail.value, e.detail.value.name);
      this.contactForm = null;
      if (r.status === 'queued') {
        this.contactQueued = form.mode === 'create';
        return;
      }
      const saved = r.result;
      const others = (this.pop?.contacts ?? []).filter((c) => c.id !== saved.id);
      this.pop = { ...(this.pop ?? { number: this.call.number ?? '', records: [], fromCache: false }), contacts: [...others, saved] };
      this.selectedId = saved.id;
    } catch (err) {
      this.contactError = err;
    } finally {
      this.contactBusy = false;
    }
  }

  async #saveRecord(e: CustomEvent<{ value: CallRecordFormValue }>) {
    const contacts = this.pop?.contacts ?? [];
    const contactId = this.selectedId ?? (contacts.length === 1 ? contacts[0].id : null);
    this.recordBusy = true;
    this.recordError = null;
    try {
      // A withheld or non-numeric caller id ("anonymous") is not a number the record can carry.
      const number = this.call.number && /^\+?[0-9]{3,20}$/.test(this.call.number) ? this.call.number : null;
      const r = await createCallRecord(this.#ctx.app.outbox, { ...e.detail.value, callId: this.call.callId, number, contactId });
      this.saved = { status: r.status };
      this.dispatchEvent(new CustomEvent('ec-record-saved', { detail: { status: r.status }, bubbles: true, composed: true }));
    } catch (err) {
      this.recordError = err;
    } finally {
      this.recordBusy = false;
    }
  }

  async #loadTicketMeta() {
    const { offline, api } = this.#ctx.app;
    try {
      this.ticketMeta = (await fetchOrLast(offline, 'tickets.meta', () => fetchTicketMeta(api))).value;
    } catch {
      // Status codes show instead of names.
    }
  }

  /** A repeat caller's open requests, from the screen pop. */
  #openTickets() {
    const t = this.#ctx.app.i18n.t;
    const open = this.pop?.tickets ?? [];
    if (!open.length) return nothing;
    return html`<div class="block" data-field="open-tickets">
      <h3>${t.t('tickets.openOfCaller', { count: open.length })}</h3>
      <ul class="open-tickets">
        ${open.map(
          (o) => html`<li data-ticket-id=${o.id}>
            <a href="/tickets/${o.id}" target="_blank" rel="noopener">${o.ref}</a> · ${o.subject} ·
            <span data-field="open-ticket-status">${statusLabel(t, this.ticketMeta?.statuses, o.status)}</span>
            ${o.overdue ? html` · <strong class="overdue">⛔ ${t.t('tickets.sla.overdue')}</strong>` : o.dueAt ? html` · ${t.t('tickets.sla.due', { time: t.dateTime(o.dueAt) })}` : nothing}
          </li>`,
        )}
      </ul>
    </div>`;
  }

  /** The request form under the record form, pre-filled from it and from the type's template. */
  #ticket() {
    const t = this.#ctx.app.i18n.t;
    if (this.ticketSaved) {
      const s = this.ticketSaved;
      return html`<section class="block" data-field="ticket-saved" data-status=${s.status}>
        <p class="notice" role="status">
          ${s.status === 'sent' ? html`${t.t('tickets.createdFromCall')} <a href="/tickets/${s.id}" target="_blank" rel="noopener" data-field="ticket-link">${s.ref}</a>` : t.t('tickets.queued')}
        </p>
      </section>`;
    }
    if (!this.ticketDraft || !this.bundle) return nothing;
    return html`<section class="block" data-field="ticket-from-call">
      <h3>${t.t('tickets.fromCall')}</h3>
      <ec-ticket-form
        .i18n=${t}
        .bundle=${this.bundle.bundle}
        .initial=${this.ticketDraft}
        .prefill=${this.ticketPrefill}
        .busy=${this.ticketBusy}
        .error=${this.ticketError ? describeError(t, this.ticketError) : null}
        @ec-request-type=${this.#onTicketType}
        @ec-submit=${this.#saveTicket}
        @ec-cancel=${() => (this.ticketDraft = null)}
      ></ec-ticket-form>
    </section>`;
  }

  #openTicket(e: CustomEvent<{ value: CallRecordFormValue }>) {
    const v = e.detail.value;
    this.ticketSaved = null;
    this.ticketError = null;
    this.ticketPrefill = null;
    this.ticketDraft = {
      requestTypeId: v.requestTypeId,
      classificationId: v.classificationId,
      subClassificationId: v.subClassificationId,
      cityId: v.cityId,
      districtId: v.districtId,
      description: v.note,
      fields: v.fields,
    };
  }

  #contactId(): string | null {
    const contacts = this.pop?.contacts ?? [];
    return this.selectedId ?? (contacts.length === 1 ? contacts[0].id : null);
  }

  async #onTicketType(e: CustomEvent<{ requestTypeId: string | null; classificationId: string | null }>) {
    if (!e.detail.requestTypeId) return;
    try {
      this.ticketPrefill = await fetchPrefill(this.#ctx.app.api, {
        requestTypeId: e.detail.requestTypeId,
        classificationId: e.detail.classificationId ?? undefined,
        callId: this.call.callId,
        contactId: this.#contactId(),
        number: this.call.number,
      });
    } catch {
      // Offline: the appliance fills the template when the request arrives.
    }
  }

  async #saveTicket(e: CustomEvent<{ value: TicketFormValue }>) {
    const v = e.detail.value;
    const number = this.call.number && /^\+?[0-9]{3,20}$/.test(this.call.number) ? this.call.number : null;
    this.ticketBusy = true;
    this.ticketError = null;
    try {
      const r = await createTicket(
        this.#ctx.app.outbox,
        {
          channel: 'call',
          callId: this.call.callId,
          number,
          contactId: this.#contactId(),
          requestTypeId: v.requestTypeId,
          classificationId: v.classificationId,
          subClassificationId: v.subClassificationId,
          cityId: v.cityId,
          districtId: v.districtId,
          subject: v.subject,
          description: v.description,
          fields: v.fields,
        },
        number ?? this.call.callId ?? '',
      );
      this.ticketSaved = r.status === 'sent' ? { status: 'sent', id: r.result.id, ref: r.result.ref } : { status: 'queued' };
      this.ticketDraft = null;
    } catch (err) {
      this.ticketError = err;
    } finally {
      this.ticketBusy = false;
    }
  }

  #another() {
    this.saved = null;
    this.recordError = null;
    this.formKey++;
  }

  #close() {
    this.dispatchEvent(new CustomEvent('ec-window-close', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-call-window': EcCallWindow;
  }
}
