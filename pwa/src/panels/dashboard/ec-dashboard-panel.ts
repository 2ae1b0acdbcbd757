import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { topics, type LiveEnvelope } from '@edgecall/contracts/topics';
import { AppStateController } from '../../state/context.ts';
import type { AppState } from '../../state/app-state.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { LiveController } from '../shared/live-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import type { MessageKey } from '../../i18n/translator.ts';
import { DASHBOARD_KPIS, fetchKpis, type KpiAnswer, type KpiFigures, type KpiMessage, type KpiScope } from '../../data/kpis.ts';
import { fetchMyAgent } from '../../data/agent.ts';
import { fetchAgents } from '../../data/supervisor.ts';
import { targetsOfSnapshot, type LevelCheck, type QueueTargetStatus } from '../../data/targets.ts';
import { figureUnit, targetBound } from '../../i18n/figures.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-kpi-tile.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

/** How long the wallboard shows one scope before the next. */
const ROTATE_MS = 15_000;

/**
 * The scopes this user may see, as the live channel's ACL grants them
 * (contracts/mqtt-acl.ts): the whole branch for supervisors and admins, the
 * user's groups, and the queues they serve or supervise.
 */
async function scopesFor(app: AppState): Promise<KpiScope[]> {
  const user = app.session.user;
  if (!user) return [];
  const queues = new Set<string>();
  if (user.agentNumber && app.session.can('agent:operate')) for (const q of (await fetchMyAgent(app.api)).queues ?? []) queues.add(q);
  if (app.session.can('supervisor:monitor')) for (const a of (await fetchAgents(app.api)).items) for (const q of a.queues ?? []) queues.add(q);
  return [
    ...(user.kind === 'operator' ? [] : ['branch']),
    ...user.groups.map((g) => `group:${g}`),
    ...[...queues].sort().map((q) => `queue:${q}`),
  ];
}

function topicOf(site: string, scope: KpiScope): string {
  if (scope === 'branch') return topics.kpiBranch(site);
  const [kind, id] = scope.split(':');
  return kind === 'group' ? topics.kpiGroup(site, id) : topics.kpiQueue(site, id);
}

/**
 * Today's KPI tiles for a scope: the appliance's answer first (with the
 * formulas), then the retained kpi topic keeps them live. A queue's topic
 * also carries its figures against the targets: a tile whose target is
 * missed turns amber (warn) or red (breach). Wallboard mode: full screen,
 * large type, the scopes in turn.
 */
@customElement('ec-dashboard-panel')
export class EcDashboardPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.8rem;
      }
      .period {
        font-size: 0.9rem;
      }
      :host([wallboard]) {
        background: var(--ec-bg, #f4f7f8);
        padding: 1.5rem;
        overflow: auto;
        --ec-tile-label: 1.3rem;
        --ec-tile-value: 4rem;
      }
      :host([wallboard]) h1 {
        font-size: 2.2rem;
      }
      :host([wallboard]) .tiles {
        grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
        gap: 1rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @property({ type: Boolean, reflect: true }) wallboard = false;
  @state() private scope: KpiScope | null = null;
  /** The live figures of the shown scope, newer than the appliance's answer. */
  @state() private live: { scope: KpiScope; figures: KpiFigures; targets: QueueTargetStatus | null; at: string } | null = null;
  #rotateTimer: ReturnType<typeof setInterval> | undefined;

  readonly #scopes = new ResourceController<KpiScope[]>(this, () => this.#ctx.app, 'dashboard.scopes', async (app) => {
    const scopes = await scopesFor(app);
    if (!this.scope || !scopes.includes(this.scope)) this.#show(scopes[0] ?? null);
    return scopes;
  });

  readonly #kpis = new ResourceController<KpiAnswer | null>(this, () => this.#ctx.app, 'dashboard.kpis', (app) =>
    this.scope ? fetchKpis(app.api, this.scope) : Promise.resolve(null),
  );

  readonly #live = new LiveController(
    this,
    () => this.#ctx.app,
    (_app, site) => (this.scope ? [topicOf(site, this.scope)] : []),
    (topic, envelope) => this.#onLive(topic, envelope),
  );

  readonly #onFullscreen = () => {
    if (!document.fullscreenElement && this.wallboard) this.#setWallboard(false);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.#onFullscreen);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    clearInterval(this.#rotateTimer);
  }

  override render() {
    const t = this.#ctx.app.i18n.t;
    const scopes = this.#scopes.current?.value ?? [];
    const answer = this.#kpis.current?.value ?? null;
    const shown = answer && (answer.scope === this.scope || !this.scope) ? answer : null;
    const live = this.live?.scope === this.scope ? this.live : null;
    const figures = live ? live.figures : shown?.figures;
    return html`<div class="head">
        <h1>${this.wallboard && this.scope ? this.#scopeLabel(this.scope) : t.t('dashboard.title')}</h1>
        ${this.wallboard
          ? nothing
          : html`<ec-data-age .i18n=${t} .savedAt=${this.#kpis.current?.savedAt ?? null} .fromCache=${!!this.#kpis.current?.fromCache && !this.live}></ec-data-age>
              <label
                >${t.t('dashboard.scope')}
                <select name="scope" @change=${(e: Event) => this.#show((e.target as HTMLSelectElement).value)}>
                  ${scopes.map((s) => html`<option value=${s} ?selected=${s === this.scope}>${this.#scopeLabel(s)}</option>`)}
                </select>
              </label>`}
        <button type="button" data-action="wallboard" @click=${() => this.#setWallboard(!this.wallboard)}>
          ${this.wallboard ? t.t('dashboard.exitWallboard') : t.t('dashboard.wallboard')}
        </button>
      </div>
      ${shown ? html`<p class="period muted" data-field="period">${t.t('dashboard.period', { from: t.dateTime(shown.from), to: t.dateTime(shown.to) })}</p>` : nothing}
      ${this.#tiles(figures, shown, live?.targets ?? null)}`;
  }

  #tiles(figures: KpiFigures | undefined, answer: KpiAnswer | null, targets: QueueTargetStatus | null) {
    const t = this.#ctx.app.i18n.t;
    const error = this.#kpis.error ?? this.#scopes.error;
    if (!figures) {
      if (error) return html`<ec-error-message .error=${isNetworkError(error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, error)}></ec-error-message>`;
      if (this.#scopes.current && !this.scope) return html`<p class="muted">${t.t('dashboard.noScopes')}</p>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    // Targets by the figure they speak of; a targeted figure without a tile of its own (the longest wait now) gets one.
    const checks = new Map<string, LevelCheck>(Object.values(targets?.checks ?? {}).map((c) => [c!.figure, c!]));
    const keys: string[] = [...DASHBOARD_KPIS, ...[...checks.keys()].filter((k) => !(DASHBOARD_KPIS as readonly string[]).includes(k))];
    return html`<div class="tiles" data-scope=${this.scope ?? ''}>
      ${keys.map((key) => {
        const def = answer?.definitions[key];
        const value = figures[key];
        const check = checks.get(key);
        return html`<ec-kpi-tile
          data-kpi=${key}
          data-value=${value === null || value === undefined ? 'null' : String(value)}
          .i18n=${t}
          .label=${t.t(`kpi.${key}` as MessageKey)}
          .value=${value}
          .unit=${def?.unit ?? figureUnit(key)}
          .formula=${this.#formula(key, def?.formula)}
          .status=${check?.status ?? null}
          .target=${check ? targetBound(t, check.kind, check.target, key) : ''}
          ?bare=${this.wallboard}
        ></ec-kpi-tile>`;
      })}
    </div>`;
  }

  /** The formula in the user's language; the appliance's English wording for one the catalogue lacks. */
  #formula(key: string, reference: string | undefined): { text: string; lang: string } | null {
    const t = this.#ctx.app.i18n.t;
    const formulaKey = `kpi.${key}.formula`;
    if (!t.has(formulaKey)) return reference ? { text: reference, lang: 'en' } : null;
    const text = t.t(formulaKey);
    // The service-level formulas use the letters explained once in kpi.terms.
    return { text: key.startsWith('serviceLevel') ? `${text} ${t.t('kpi.terms')}` : text, lang: t.locale };
  }

  #scopeLabel(scope: KpiScope): string {
    const t = this.#ctx.app.i18n.t;
    if (scope === 'branch') return t.t('dashboard.scope.branch');
    const [kind, id] = scope.split(':');
    return t.t(kind === 'group' ? 'dashboard.scope.group' : 'dashboard.scope.queue', { id });
  }

  #show(scope: KpiScope | null) {
    if (scope === this.scope) return;
    this.scope = scope;
    this.live = null;
    this.#live.refresh();
    void this.#kpis.load();
  }

  #onLive(topic: string, envelope: LiveEnvelope | null) {
    const site = this.#ctx.app.session.value;
    if (!this.scope || site.status !== 'authenticated' || topic !== topicOf(site.site, this.scope)) return;
    const m = envelope?.data as KpiMessage | undefined;
    if (m?.figures) this.live = { scope: this.scope, figures: m.figures, targets: targetsOfSnapshot(m), at: envelope!.ts };
  }

  #setWallboard(on: boolean) {
    this.wallboard = on;
    clearInterval(this.#rotateTimer);
    if (on) {
      // Full screen is a nicety: a kiosk browser may refuse it, the large layout still applies.
      if (!document.fullscreenElement) this.requestFullscreen?.().catch(() => undefined);
      this.#rotateTimer = setInterval(() => {
        const scopes = this.#scopes.current?.value ?? [];
        if (scopes.length < 2) return;
        const next = scopes[(scopes.indexOf(this.scope ?? '') + 1) % scopes.length];
        this.#show(next);
      }, ROTATE_MS);
    } else if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-dashboard-panel': EcDashboardPanel;
  }
}
