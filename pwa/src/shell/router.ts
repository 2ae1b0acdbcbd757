import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Permission } from '@edgecall/contracts/permissions';
import type { SessionUser } from '@edgecall/contracts/auth';
import type { MessageKey } from '../i18n/translator.ts';

export type RouteId = 'home' | 'operator' | 'callbacks' | 'calls' | 'contacts' | 'tickets' | 'supervisor' | 'dashboard' | 'targets' | 'alerts' | 'target-settings' | 'alert-rules' | 'users' | 'settings' | 'audit';

export interface RouteDef {
  id: RouteId;
  path: string;
  label: MessageKey;
  /** Nav section heading (admin panel items are grouped). */
  section?: MessageKey;
  /** Shown and reachable only with this permission; profiles are editable, so never by role name. */
  permission?: Permission;
  /** Only for users who work as an agent (an agent number is set on them). */
  needsAgentNumber?: boolean;
  /** Also matches the paths below this one (`/admin/settings/faq`): the panel routes them itself. */
  prefix?: boolean;
  /** The panel's element, defined by its lazily loaded module. */
  tag: string;
  load(): Promise<unknown>;
}

/** Only panels that exist are listed. */
export const ROUTES: readonly RouteDef[] = [
  { id: 'home', path: '/', label: 'nav.home', tag: 'ec-home-panel', load: () => import('../panels/home/ec-home-panel.ts') },
  {
    id: 'operator',
    path: '/operator',
    label: 'nav.operator',
    permission: 'agent:operate',
    needsAgentNumber: true,
    tag: 'ec-operator-panel',
    load: () => import('../panels/operator/ec-operator-panel.ts'),
  },
  {
    id: 'callbacks',
    path: '/callbacks',
    label: 'nav.callbacks',
    permission: 'calls:read',
    tag: 'ec-callbacks-panel',
    load: () => import('../panels/callbacks/ec-callbacks-panel.ts'),
  },
  {
    id: 'calls',
    path: '/calls',
    label: 'nav.calls',
    permission: 'calls:read',
    tag: 'ec-call-lists-panel',
    load: () => import('../panels/calls/ec-call-lists-panel.ts'),
  },
  {
    id: 'contacts',
    path: '/contacts',
    label: 'nav.contacts',
    permission: 'contacts:read',
    tag: 'ec-contacts-panel',
    load: () => import('../panels/contacts/ec-contacts-panel.ts'),
  },
  {
    id: 'tickets',
    path: '/tickets',
    prefix: true,
    label: 'nav.tickets',
    permission: 'tickets:read',
    tag: 'ec-tickets-panel',
    load: () => import('../panels/tickets/ec-tickets-panel.ts'),
  },
  {
    id: 'supervisor',
    path: '/supervisor',
    label: 'nav.supervisor',
    permission: 'supervisor:monitor',
    tag: 'ec-supervisor-panel',
    load: () => import('../panels/supervisor/ec-supervisor-panel.ts'),
  },
  {
    id: 'dashboard',
    path: '/dashboard',
    label: 'nav.dashboard',
    permission: 'kpis:read',
    tag: 'ec-dashboard-panel',
    load: () => import('../panels/dashboard/ec-dashboard-panel.ts'),
  },
  {
    id: 'targets',
    path: '/targets',
    label: 'nav.targets',
    permission: 'supervisor:monitor',
    tag: 'ec-targets-panel',
    load: () => import('../panels/supervisor/ec-targets-panel.ts'),
  },
  {
    id: 'alerts',
    path: '/alerts',
    label: 'nav.alerts',
    permission: 'supervisor:monitor',
    tag: 'ec-alerts-panel',
    load: () => import('../panels/supervisor/ec-alerts-panel.ts'),
  },
  // The editors of targets and alert rules live with the supervisor's panels (panels/supervisor).
  {
    id: 'target-settings',
    path: '/settings/targets',
    label: 'nav.targetSettings',
    permission: 'settings:manage',
    tag: 'ec-target-settings-panel',
    load: () => import('../panels/supervisor/ec-target-settings-panel.ts'),
  },
  {
    id: 'alert-rules',
    path: '/settings/alerts',
    label: 'nav.alertRules',
    permission: 'settings:manage',
    tag: 'ec-alert-rules-panel',
    load: () => import('../panels/supervisor/ec-alert-rules-panel.ts'),
  },
  {
    id: 'users',
    path: '/admin/users',
    label: 'nav.users',
    section: 'nav.adminSection',
    permission: 'users:manage',
    tag: 'ec-users-panel',
    load: () => import('../panels/admin/ec-users-panel.ts'),
  },
  {
    id: 'settings',
    path: '/admin/settings',
    prefix: true,
    label: 'nav.settings',
    section: 'nav.adminSection',
    permission: 'settings:manage',
    tag: 'ec-settings-panel',
    load: () => import('../panels/admin/ec-settings-panel.ts'),
  },
  {
    id: 'audit',
    path: '/audit',
    label: 'nav.audit',
    permission: 'audit:read',
    tag: 'ec-audit-panel',
    load: () => import('../panels/audit/ec-audit-panel.ts'),
  },
];

export function routesFor(user: Pick<SessionUser, 'permissions'> & { agentNumber?: string | null }): RouteDef[] {
  return ROUTES.filter((r) => (!r.permission || user.permissions.includes(r.permission)) && (!r.needsAgentNumber || !!user.agentNumber));
}

export function matchRoute(path: string, allowed: readonly RouteDef[]): RouteDef | null {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return allowed.find((r) => r.path === clean || (r.prefix && clean.startsWith(`${r.path}/`))) ?? null;
}

/** The current path, kept in step with the History API (back/forward included). */
export class RouterController implements ReactiveController {
  path = location.pathname;
  readonly #onPop = () => {
    this.path = location.pathname;
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPop);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPop);
  }

  navigate(path: string, opts: { replace?: boolean } = {}): void {
    if (path === this.path) return;
    if (opts.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.path = path;
    this.host.requestUpdate();
    // Other controllers (a panel routing its own sub-paths) learn of it as of a back/forward.
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}
