import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { topics, type LiveEnvelope } from '@edgecall/contracts/topics';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { LiveController } from '../shared/live-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { PAUSE_REASONS, isAgentState, sinceMs, type AgentState } from '../../data/agent.ts';
import { fetchAgents, fetchLiveCalls, forceAgent, startMonitor, stopMonitor, type LiveCall, type MonitorMode, type QueueState, giveCall, hangupCall } from '../../data/supervisor.ts';
import type { AgentBoardRow } from '../../components/ec-agent-board.ts';
import type { InterventionRequest } from '../../components/ec-intervention-confirm.ts';
import type { QueueBoardItem } from '../../components/ec-queue-board.ts';
import { targetsOfSnapshot, type QueueTargetStatus } from '../../data/targets.ts';
import { DayProgressController } from './day-progress-controller.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-agent-board.ts';
import '../../components/ec-queue-board.ts';
import '../../components/ec-intervention-confirm.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';
import '../../components/ec-alert-list.ts';
import '../../components/ec-notification-switch.ts';

interface Snapshot {
  agents: AgentState[];
  calls: LiveCall[];
}

/** How long a burst of state changes may wait before the live calls are read again. */
const CALLS_REFRESH_MS = 400;
/**
 * The board is read again this often: the appliance coalesces state topics
 * and has been seen to skip a transition, which would otherwise stay wrong
 * until the agent's next change.
 */
const RESYNC_MS = 20_000;

/**
 * The flash operator panel: the active alerts, the supervised agents live
 * (group agent-state topics) with today's progress against their targets,
 * the queues' waiting and held calls (queue-state topics) with their live
 * figures against the targets (kpi/q topics), and interventions, each
 * confirmed first and audited by the appliance.
 */
@customElement('ec-supervisor-panel')
export class EcSupervisorPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      h2 {
        font-size: 1rem;
        margin: 0 0 0.75rem;
      }
      .alerts-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        margin-bottom: 0.75rem;
      }
      .alerts-head h2 {
        margin: 0;
      }
      .monitor {
        display: flex;
        gap: 0.6rem;
        align-items: center;
        flex-wrap: wrap;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection, a.alerts]);
  /** Live agent states by number; the REST snapshot fills in until the topics speak. */
  @state() private agents = new Map<string, AgentState>();
  @state() private calls = new Map<string, LiveCall>();
  @state() private queues = new Map<string, QueueState>();
  /** Each queue's live figures against its targets (null: none set), from its kpi topic. */
  @state() private queueTargets = new Map<string, QueueTargetStatus | null>();
  @state() private request: InterventionRequest | null = null;
  @state() private busy = false;
  @state() private actionError: unknown = null;
  @state() private notice = '';
  @state() private monitor: { session: string; agent: string; mode: MonitorMode } | null = null;
  @state() private phone = '';
  #callsTimer: ReturnType<typeof setTimeout> | undefined;
  #resyncTimer: ReturnType<typeof setInterval> | undefined;

  readonly #progress = new DayProgressController(this, () => this.#ctx.app);

  readonly #snapshot = new ResourceController<Snapshot>(this, () => this.#ctx.app, 'supervisor.board', async (app) => {
    const [agents, calls] = await Promise.all([fetchAgents(app.api), fetchLiveCalls(app.api)]);
    const snap = { agents: agents.items, calls: calls.items };
    this.#absorb(snap);
    return snap;
  });

  readonly #live = new LiveController(
    this,
    () => this.#ctx.app,
    (app, site) => {
      const user = app.session.user;
      if (!user) return [];
      const groups = user.groups;
      // Without supervised groups (an admin) every agent is followed.
      const agentFilters = groups.length ? groups.map((g) => topics.groupAgentState(site, g, '+')) : [topics.agentState(site, '+')];
      const queues = this.#queueIds();
      // The queue's KPI snapshot carries its target status (and the ACL grants it only with kpis:read).
      const kpis = app.session.can('kpis:read') ? queues.map((q) => topics.kpiQueue(site, q)) : [];
      return [...agentFilters, ...queues.map((q) => topics.queueState(site, q)), ...kpis];
    },
    (topic, envelope) => this.#onLive(topic, envelope),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resyncTimer = setInterval(() => {
      if (this.#ctx.app.connection.value.reachable !== false) void this.#snapshot.load();
    }, RESYNC_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#callsTimer);
    clearInterval(this.#resyncTimer);
  }

  /** Queues to watch: the supervised groups' queues (groups are queues in the demo) and every queue an agent serves. */
  #queueIds(): string[] {
    const ids = new Set(this.#ctx.app.session.user?.groups ?? []);
    for (const a of this.agents.values()) for (const q of a.queues ?? []) ids.add(q);
    return [...ids].sort();
  }

  override render() {
    const { i18n, session, connection, alerts } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#snapshot.current;
    const offline = connection.value.reachable === false;
    const canIntervene = session.can('supervisor:intervene');
    return html`<div class="head">
        <h1>${t.t('supervisor.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        ${this.request
          ? html`<section class="card" aria-live="polite">
              <ec-intervention-confirm
                .i18n=${t}
                .request=${this.request}
                .reasons=${PAUSE_REASONS}
                .phone=${this.phone}
                ?busy=${this.busy || offline}
                @ec-confirm=${this.#confirm}
                @ec-cancel=${() => ((this.request = null), (this.actionError = null))}
              ></ec-intervention-confirm>
            </section>`
          : nothing}
        ${this.notice ? html`<p class="notice" role="status" data-field="notice">${this.notice}</p>` : nothing}
        <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
        ${this.monitor
          ? html`<section class="card monitor" data-field="monitor">
              <span>${t.t('supervisor.monitoring', { mode: t.t(`supervisor.${this.monitor.mode}`), agent: this.monitor.agent })}</span>
              <button class="danger" data-action="stop-monitor" ?disabled=${this.busy || offline} @click=${this.#stopMonitor}>${t.t('supervisor.stopMonitor')}</button>
            </section>`
          : nothing}
        <section class="card" aria-labelledby="alerts" data-section="alerts">
          <div class="alerts-head">
            <h2 id="alerts">${t.t('alerts.active')}</h2>
            <ec-notification-switch
              .i18n=${t}
              .permission=${alerts.value.permission}
              @ec-enable-notifications=${() => void alerts.requestPermission()}
            ></ec-notification-switch>
          </div>
          <ec-alert-list .i18n=${t} .alerts=${alerts.value.active}></ec-alert-list>
        </section>
        <section class="card" aria-labelledby="agents">
          <h2 id="agents">${t.t('supervisor.agents')}</h2>
          ${this.#board(canIntervene, offline)}
        </section>
        <section aria-labelledby="queues">
          <h2 id="queues">${t.t('supervisor.queues')}</h2>
          <ec-queue-board
            .i18n=${t}
            .queues=${this.#queueItems()}
            .readyAgents=${this.#readyAgents()}
            ?canIntervene=${session.can('supervisor:intervene')}
            ?disabled=${this.busy || offline}
            @ec-intervene=${this.#ask}
            @ec-give-call=${this.#give}
          ></ec-queue-board>
        </section>
      </div>`;
  }

  #board(canIntervene: boolean, offline: boolean) {
    const t = this.#ctx.app.i18n.t;
    const error = this.#snapshot.error;
    if (this.agents.size === 0) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      if (!this.#snapshot.current) return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    // Offline, the saved snapshot stands in for the live states.
    const agents = this.agents.size ? [...this.agents.values()] : (this.#snapshot.current?.value.agents ?? []);
    const rows: AgentBoardRow[] = agents
      .sort((a, b) => a.agent.localeCompare(b.agent, undefined, { numeric: true }))
      .map((a) => {
        const call = a.callId ? this.calls.get(a.callId) : undefined;
        return {
          agent: a.agent,
          state: a.state,
          reason: a.reason ?? null,
          since: sinceMs(a.since),
          callsToday: a.callsToday ?? 0,
          call: a.callId && a.state !== 'acw' ? { id: a.callId, number: call?.number ?? null, queue: call?.queue ?? null, answeredAt: sinceMs(call?.answeredAt) } : null,
          progress: this.#progress.agent(a.agent),
        };
      });
    return html`<ec-agent-board
      .i18n=${t}
      .rows=${rows}
      ?canIntervene=${canIntervene}
      ?showTargets=${!!this.#progress.progress}
      ?disabled=${this.busy || offline}
      @ec-intervene=${this.#ask}
    ></ec-agent-board>`;
  }

  /** The queue cards, each with its target status once its kpi topic has spoken. */
  #queueItems(): QueueBoardItem[] {
    return [...this.queues.values()]
      .sort((a, b) => a.queue.localeCompare(b.queue))
      .map((q) => ({ ...q, targets: this.queueTargets.has(q.queue) ? this.queueTargets.get(q.queue) : undefined }));
  }

  #absorb(snap: Snapshot) {
    const agents = new Map(this.agents);
    // Whichever is newer wins: a live message may have overtaken this answer.
    for (const a of snap.agents) {
      const known = agents.get(a.agent);
      if (!known || (sinceMs(a.since) ?? 0) >= (sinceMs(known.since) ?? 0)) agents.set(a.agent, a);
    }
    this.agents = agents;
    this.calls = new Map(snap.calls.map((c) => [c.id, c]));
    this.#live.refresh();
  }

  #onLive(topic: string, envelope: LiveEnvelope | null) {
    const data = envelope?.data;
    const kpiQueue = /\/kpi\/q\/([^/]+)$/.exec(topic);
    if (kpiQueue) {
      this.queueTargets = new Map(this.queueTargets).set(kpiQueue[1], targetsOfSnapshot(data));
      return;
    }
    if (topic.endsWith('/state') && topic.includes('/queue/')) {
      const q = data as QueueState | undefined;
      if (q && typeof q.queue === 'string') this.queues = new Map(this.queues).set(q.queue, q);
      return;
    }
    if (!isAgentState(data)) return;
    const before = this.agents.get(data.agent);
    this.agents = new Map(this.agents).set(data.agent, data);
    // A call answered or placed moves the agent's counts: today's progress follows.
    if (before && (before.callsToday ?? 0) !== (data.callsToday ?? 0)) this.#progress.soon();
    if (!before || (data.queues ?? []).some((q) => !before.queues?.includes(q))) this.#live.refresh();
    if (data.callId && !this.calls.has(data.callId)) this.#refreshCalls();
  }

  /** A new call on an agent: read the live calls once the burst of changes settles. */
  #refreshCalls() {
    clearTimeout(this.#callsTimer);
    this.#callsTimer = setTimeout(async () => {
      try {
        const live = await fetchLiveCalls(this.#ctx.app.api);
        this.calls = new Map(live.items.map((c) => [c.id, c]));
      } catch {
        // The board keeps the state; the number shows with the next change.
      }
    }, CALLS_REFRESH_MS);
  }

  /** Ready agents of each queue: who a waiting call can be given to. */
  #readyAgents(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const a of this.agents.values()) {
      if (a.state !== 'ready') continue;
      for (const q of a.queues ?? []) (out[q] ??= []).push(a.agent);
    }
    return out;
  }

  async #give(e: CustomEvent<{ callId: string; agent: string }>) {
    this.busy = true;
    this.actionError = null;
    try {
      await giveCall(this.#ctx.app.api, e.detail.callId, e.detail.agent);
      this.notice = this.#ctx.app.i18n.t.t('supervisor.given', { agent: e.detail.agent });
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busy = false;
    }
  }

  #ask(e: CustomEvent<InterventionRequest>) {
    this.request = e.detail;
    this.actionError = null;
    this.notice = '';
  }

  async #confirm(e: CustomEvent<{ reason?: string; phone?: string }>) {
    const r = this.request;
    if (!r) return;
    const { api, i18n } = this.#ctx.app;
    const t = i18n.t;
    this.busy = true;
    this.actionError = null;
    try {
      if (r.action === 'hangup') {
        if (!r.callId) return;
        await hangupCall(api, r.callId);
        this.notice = t.t('supervisor.callEnded');
        this.request = null;
        return;
      }
      if (r.action === 'listen' || r.action === 'whisper' || r.action === 'barge') {
        if (!r.callId) return;
        this.phone = e.detail.phone ?? '';
        const res = await startMonitor(api, r.callId, r.action, this.phone);
        this.monitor = { session: res.session, agent: r.agent, mode: r.action };
      } else {
        const a = await forceAgent(api, r.agent, r.action, e.detail.reason);
        if (isAgentState(a)) this.agents = new Map(this.agents).set(a.agent, a);
      }
      this.notice = t.t('supervisor.done', { agent: r.agent });
      this.request = null;
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busy = false;
    }
  }

  async #stopMonitor() {
    const m = this.monitor;
    if (!m) return;
    this.busy = true;
    this.actionError = null;
    try {
      await stopMonitor(this.#ctx.app.api, m.session);
      this.monitor = null;
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-supervisor-panel': EcSupervisorPanel;
  }
}
