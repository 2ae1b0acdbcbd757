import { Store } from './store.ts';
import type { SessionStore } from './session.ts';
import type { ConnectionStore } from './connection.ts';
import type { I18nStore } from './i18n.ts';
import { alertFilters, isAlertEvent, type AlertEvent } from '../data/alerts.ts';
import { figureLabel, figureUnit, formatFigure } from '../i18n/figures.ts';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export interface AlertsState {
  /** Active alerts, one per rule, critical first then newest. */
  active: AlertEvent[];
  permission: NotificationPermissionState;
}

/** Raises already notified on this device, shared by its tabs, so a reload or a second tab does not notify again. */
const NOTIFIED_KEY = 'edgecall.alertsNotified';
const NOTIFIED_MAX = 200;
export const ALERTS_PERMISSION = 'supervisor:monitor';
/** Where a click on a notification takes the user. */
const ALERTS_PATH = '/supervisor';

function permissionNow(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function readNotified(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(NOTIFIED_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The active alerts of the groups a supervisor watches (DESIGN.md §5:
 * `alert/g/<group>/<id>`, retained while active, cleared by an empty
 * retained message). Followed app-wide, so the nav count and the browser
 * notifications work whatever panel is open. One notification per raise:
 * an alert is known by rule and raise time, remembered on the device.
 */
export class AlertsStore extends Store<AlertsState> {
  /** By topic: a branch-wide rule arrives once per group. */
  readonly #byTopic = new Map<string, AlertEvent>();
  #unwatch: (() => void) | null = null;

  constructor(
    private readonly session: SessionStore,
    private readonly connection: ConnectionStore,
    private readonly i18n: I18nStore,
  ) {
    super({ active: [], permission: permissionNow() });
  }

  start(): void {
    this.session.subscribe((s, prev) => {
      if (s.status === 'authenticated' && (prev.status !== 'authenticated' || prev.user.id !== s.user.id)) this.#follow();
      if (s.status !== 'authenticated') this.#stop();
    });
    // A new connection hands over every active alert again (retained); one cleared meanwhile must not linger.
    this.connection.subscribe((c, prev) => {
      if (c.live === 'up' && prev.live !== 'up' && this.#byTopic.size) {
        this.#byTopic.clear();
        this.#publish();
      }
    });
    if (this.session.value.status === 'authenticated') this.#follow();
  }

  /** Asks the browser for permission: call it from a click (browsers refuse or ignore the question otherwise). */
  async requestPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    try {
      await Notification.requestPermission();
    } finally {
      this.patch({ permission: permissionNow() });
    }
    // Alerts already active are not notified after the fact: the user is looking at them.
    if (this.value.permission === 'granted') this.#remember(this.value.active.map(keyOf));
  }

  #follow(): void {
    this.#stop();
    const s = this.session.value;
    if (s.status !== 'authenticated' || !s.user.permissions.includes(ALERTS_PERMISSION)) return;
    this.#unwatch = this.connection.watch(alertFilters(s.site, s.user.groups), (topic, envelope) => {
      const data = envelope?.data;
      if (isAlertEvent(data)) this.#byTopic.set(topic, data);
      else this.#byTopic.delete(topic);
      this.#publish();
    });
  }

  #stop(): void {
    this.#unwatch?.();
    this.#unwatch = null;
    this.#byTopic.clear();
    this.patch({ active: [] });
  }

  #publish(): void {
    const byRule = new Map<string, AlertEvent>();
    for (const a of this.#byTopic.values()) {
      const known = byRule.get(a.ruleId);
      if (!known || a.raisedAt > known.raisedAt) byRule.set(a.ruleId, a);
    }
    const rank = (a: AlertEvent) => (a.severity === 'critical' ? 0 : 1);
    const active = [...byRule.values()].sort((a, b) => rank(a) - rank(b) || b.raisedAt.localeCompare(a.raisedAt));
    this.patch({ active, permission: permissionNow() });
    this.#notify(active);
  }

  #notify(active: AlertEvent[]): void {
    if (permissionNow() !== 'granted') return;
    const seen = new Set(readNotified());
    const fresh = active.filter((a) => !seen.has(keyOf(a)));
    if (fresh.length === 0) return;
    this.#remember(fresh.map(keyOf));
    const t = this.i18n.t;
    for (const a of fresh) {
      const unit = figureUnit(a.figure);
      const title = t.t(a.severity === 'critical' ? 'alerts.notification.critical' : 'alerts.notification.warning', { name: a.name });
      const body = t.t('alerts.figureText', { figure: figureLabel(t, a.figure), value: formatFigure(t, a.value, unit), threshold: formatFigure(t, a.threshold, unit) });
      // The tag makes the system replace rather than repeat it, should two tabs race past the shared list.
      const options: NotificationOptions = { body, tag: `edgecall-alert-${keyOf(a)}`, lang: t.locale, icon: '/icons/icon-192.png' };
      try {
        const n = new Notification(title, options);
        n.onclick = () => {
          window.focus();
          n.close();
          if (location.pathname !== ALERTS_PATH) {
            // The router follows popstate, as it does for back/forward.
            history.pushState(null, '', ALERTS_PATH);
            window.dispatchEvent(new PopStateEvent('popstate'));
          }
        };
      } catch {
        // Mobile Chromium only notifies through the service worker.
        void navigator.serviceWorker?.ready.then((r) => r.showNotification(title, options)).catch(() => undefined);
      }
    }
  }

  #remember(keys: string[]): void {
    try {
      const all = [...new Set([...readNotified(), ...keys])].slice(-NOTIFIED_MAX);
      localStorage.setItem(NOTIFIED_KEY, JSON.stringify(all));
    } catch {
      // Storage blocked: each tab then notifies on its own; the tag still collapses repeats.
    }
  }
}

function keyOf(a: AlertEvent): string {
  return `${a.ruleId}@${a.raisedAt}`;
}
