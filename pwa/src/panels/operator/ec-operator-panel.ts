import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { topics, type LiveEnvelope } from '@edgecall/contracts/topics';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { LiveController } from '../shared/live-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { PAUSE_REASONS, agentAction, fetchMyAgent, isAgentState, isScreenPop, sinceMs, type AgentAction, type AgentState, type InboxMessage } from '../../data/agent.ts';
import { fetchCall } from '../../data/calls.ts';
import { fetchPauseMenu, type PauseMenu } from '../../data/pause-reasons.ts';
import type { AgentActionRequest } from '../../components/ec-agent-controls.ts';
import type { TransferRequest } from '../../components/ec-call-transfer.ts';
import type { EcCallWindow, WindowCall } from './ec-call-window.ts';
import type { CallCardData } from '../../components/ec-call-card.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-agent-state-badge.ts';
import '../../components/ec-agent-controls.ts';
import '../../components/ec-call-card.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';
import '../../components/ec-call-transfer.ts';
import './ec-agent-calls.ts';
import './ec-call-window.ts';
import './ec-faq-browser.ts';

const ON_CALL = new Set(['ringing', 'talking', 'holding']);
/** Longer than the appliance's 250 ms topic coalescing. */
const STATE_CHECK_MS = 1_000;

/**
 * The operator's panel: their agent state and controls, the call on their
 * phone (screen pop from the inbox topic) and today's calls. The retained
 * state topic keeps the badge right whoever changed it (a supervisor's
 * forced pause included).
 */
@customElement('ec-operator-panel')
export class EcOperatorPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .top {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.75rem;
      }
      .meta {
        margin: 0.6rem 0 0.9rem;
        font-size: 0.9rem;
      }
      ec-error-message {
        margin-top: 0.75rem;
      }
      ec-call-transfer {
        margin-top: 0.9rem;
      }
      .work {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr);
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 900px) {
        .work {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  /** The latest agent state, from the API or the live topic, whichever came last. */
  @state() private agent: AgentState | null = null;
  @state() private pop: InboxMessage | null = null;
  /** The card for a call already on when the panel opened (no screen pop seen). */
  @state() private looked: CallCardData | null = null;
  @state() private busy = false;
  @state() private actionError: unknown = null;
  /** Bumped when a call ends or is answered, so today's list reloads. */
  @state() private callsVersion = 0;
  /** The call the window registers; it stays after the call ends, for the after-call work. */
  @state() private windowCall: WindowCall | null = null;
  /** The request type chosen in the window: the FAQ narrows to it. */
  @state() private faqType: string | null = null;
  #answeredCall: string | null = null;
  /** The call whose consultation this agent started (attended transfer). */
  @state() private consultingCall: string | null = null;

  /** The pause menu the admin keeps (Oflayn səbəbləri); the built-in reasons until it has loaded once. */
  readonly #pauseMenu = new ResourceController<PauseMenu>(this, () => this.#ctx.app, 'operator.pause-menu', (app) => fetchPauseMenu(app.api));

  readonly #me = new ResourceController<AgentState>(this, () => this.#ctx.app, 'operator.agent', async (app) => {
    const a = await fetchMyAgent(app.api);
    this.#setAgent(a);
    return a;
  });

  readonly #live = new LiveController(
    this,
    () => this.#ctx.app,
    (app, site) => {
      const agent = app.session.user?.agentNumber;
      return agent ? [topics.agentState(site, agent), topics.agentInbox(site, agent)] : [];
    },
    (topic, envelope) => this.#onLive(topic, envelope),
  );

  override render() {
    const { i18n, session, connection } = this.#ctx.app;
    const t = i18n.t;
    const user = session.user;
    if (!user?.agentNumber) return html`<h1>${t.t('operator.title')}</h1><p class="muted">${t.t('operator.noAgent')}</p>`;
    const current = this.#me.current;
    const a = this.agent ?? current?.value ?? null;
    const offline = connection.value.reachable === false;
    return html`<div class="head">
        <h1>${t.t('operator.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache && !this.agent}></ec-data-age>
      </div>
      <div class="stack">
        <div class="top">
          <section class="card" aria-labelledby="my-state">
            <h2 id="my-state">${t.t('operator.stateTitle', { agent: user.agentNumber })}</h2>
            ${a ? this.#state(a, offline) : this.#missing()}
          </section>
          <section class="card" aria-labelledby="call">
            <h2 id="call">${t.t('call.title')}</h2>
            <ec-call-card
              .i18n=${t}
              .call=${this.#card(a)}
              .state=${a?.state ?? ''}
              .since=${sinceMs(a?.since)}
              ?disabled=${this.busy || offline}
              @ec-call-action=${(e: CustomEvent<{ action: AgentAction }>) => this.#act(e.detail.action)}
            ></ec-call-card>
            <ec-call-transfer
              .i18n=${t}
              .state=${a?.state ?? ''}
              .queues=${a?.queues ?? []}
              ?consulting=${!!a?.callId && this.consultingCall === a.callId}
              ?disabled=${this.busy || offline}
              @ec-agent-action=${(e: CustomEvent<TransferRequest>) => this.#act(e.detail.action, e.detail.body)}
            ></ec-call-transfer>
          </section>
        </div>
        <div class="work">
          <div>
            ${this.windowCall
              ? html`<ec-call-window .call=${this.windowCall} @ec-request-type=${(e: CustomEvent<{ requestTypeId: string | null }>) => (this.faqType = e.detail.requestTypeId)}></ec-call-window>`
              : html`<section class="card"><p class="muted" data-field="no-window">${t.t('window.idle')}</p></section>`}
          </div>
          <ec-faq-browser .requestTypeId=${this.faqType}></ec-faq-browser>
        </div>
        <ec-agent-calls .agent=${user.agentNumber} .version=${this.callsVersion}></ec-agent-calls>
      </div>`;
  }

  /** A new call opens the window for it; the same call (offer, then answer) keeps what was typed. */
  #openWindow(call: WindowCall) {
    if (this.windowCall?.callId === call.callId) {
      this.windowCall = { ...this.windowCall, queue: this.windowCall.queue ?? call.queue, did: this.windowCall.did ?? call.did };
      this.renderRoot.querySelector<EcCallWindow>('ec-call-window')?.refreshJourney();
      return;
    }
    this.faqType = null;
    this.windowCall = call;
  }

  #state(a: AgentState, offline: boolean) {
    const t = this.#ctx.app.i18n.t;
    const acwUntil = a.state === 'acw' ? sinceMs(a.acwUntil) : null;
    return html`<ec-agent-state-badge .i18n=${t} state=${a.state} .reason=${a.reason ?? null} .since=${sinceMs(a.since)}></ec-agent-state-badge>
      <p class="meta muted">
        <span data-field="calls-today">${t.t('operator.callsToday', { count: a.callsToday ?? 0 })}</span>
        ${a.queues?.length ? html` · ${t.t('operator.queues', { queues: a.queues.join(', ') })}` : nothing}
        ${acwUntil ? html` · <span data-field="acw-until">${t.t('operator.acwUntil', { time: t.time(acwUntil) })}</span>` : nothing}
      </p>
      <ec-agent-controls
        .i18n=${t}
        .state=${a.state}
        .reasons=${this.#pauseMenu.current?.value.items.map((r) => r.code) ?? PAUSE_REASONS}
        .reasonLabels=${Object.fromEntries((this.#pauseMenu.current?.value.items ?? []).map((r) => [r.code, r.name[t.locale] || r.name.az]))}
        ?disabled=${this.busy || offline}
        @ec-agent-action=${(e: CustomEvent<AgentActionRequest>) => this.#act(e.detail.action, e.detail.body)}
      ></ec-agent-controls>
      ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
      <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>`;
  }

  #missing() {
    const t = this.#ctx.app.i18n.t;
    const e = this.#me.error;
    if (!e) return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    return html`<ec-error-message .error=${isNetworkError(e) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, e)}></ec-error-message>`;
  }

  /** The screen pop when it belongs to the agent's call, else what the call's journey says. */
  #card(a: AgentState | null): CallCardData | null {
    if (!a || !ON_CALL.has(a.state)) return null;
    const pop = this.pop;
    if (pop && (!a.callId || pop.callId === a.callId)) return { callId: pop.callId, number: pop.number, queue: pop.queue, did: pop.did };
    if (a.callId && this.looked?.callId === a.callId) return this.looked;
    return a.callId ? { callId: a.callId, number: null, queue: null, did: null } : null;
  }

  #onLive(topic: string, envelope: LiveEnvelope | null) {
    const data = envelope?.data;
    if (topic.endsWith('/inbox')) {
      const m = data as InboxMessage | undefined;
      if (isScreenPop(m)) {
        this.pop = m;
        if (m.type === 'answered') this.#answeredCall = m.callId;
        this.#openWindow({ callId: m.callId, number: m.number, queue: m.queue, did: m.did, direction: 'inbound' });
        if (m.type === 'answered') this.callsVersion++;
        // The state topic is coalesced and has been seen to skip a transition (ringing → talking):
        // an offer or an answer proves the state moved on, so read it back if it has not arrived.
        setTimeout(() => {
          const a = this.agent;
          const behind = a?.callId !== m.callId || (m.type === 'answered' && a.state === 'ringing');
          if (this.isConnected && behind) void this.#me.load();
        }, STATE_CHECK_MS);
      }
      return;
    }
    if (isAgentState(data)) this.#setAgent(data);
  }

  #setAgent(a: AgentState) {
    const before = this.agent;
    this.agent = a;
    const wasOnCall = before ? ON_CALL.has(before.state) : false;
    if (wasOnCall && !ON_CALL.has(a.state)) {
      this.callsVersion++;
      this.actionError = null;
    }
    if (!ON_CALL.has(a.state)) {
      // Rang but never answered here (another agent took it, or the caller left): nothing to register.
      if (before?.state === 'ringing' && this.windowCall && this.windowCall.callId !== this.#answeredCall) this.windowCall = null;
      this.pop = null;
      this.consultingCall = null;
    } else if (a.callId && this.pop?.callId !== a.callId && this.looked?.callId !== a.callId) void this.#lookUp(a.callId);
  }

  async #lookUp(callId: string) {
    try {
      const c = await fetchCall(this.#ctx.app.api, callId);
      this.looked = { callId, number: c.number, queue: c.queue, did: c.did };
      // Opened on a call already under way (a reload mid-call): the window is for it too.
      if (!this.windowCall || this.windowCall.callId !== callId) {
        this.#openWindow({ callId, number: c.number, queue: c.queue, did: c.did, direction: c.direction === 'outbound' ? 'outbound' : 'inbound' });
      }
    } catch {
      // The card still shows the state and duration; the number appears with the next screen pop.
    }
  }

  async #act(action: AgentAction, body?: Record<string, unknown>) {
    this.busy = true;
    this.actionError = null;
    try {
      const a = await agentAction(this.#ctx.app.api, action, body);
      if (isAgentState(a)) this.#setAgent(a);
      const call = a as unknown as { callId?: unknown; number?: unknown };
      // Dialling out: the window opens for the outbound call at once.
      if (action === 'dial' && typeof call.callId === 'string') {
        this.#openWindow({ callId: call.callId, number: typeof call.number === 'string' ? call.number : String(body?.number ?? ''), queue: null, did: null, direction: 'outbound' });
      }
      if (action === 'consult' && typeof call.callId === 'string') this.consultingCall = call.callId;
      if (action === 'consult/complete' || action === 'consult/cancel') this.consultingCall = null;
    } catch (e) {
      this.actionError = e;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-operator-panel': EcOperatorPanel;
  }
}
