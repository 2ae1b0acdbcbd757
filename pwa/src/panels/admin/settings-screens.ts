import type { Permission } from '@edgecall/contracts/permissions';
import type { MessageKey } from '../../i18n/translator.ts';
import type { CatalogScreen } from './catalog-screen.ts';

export const SETTINGS_BASE = '/admin/settings';

/** One screen of the admin area, at /admin/settings/<id>. */
export interface SettingsScreen {
  id: string;
  label: MessageKey;
  section: MessageKey;
  /** `ec-catalog-panel` screens are described by the CatalogScreen `load` answers; the others define their element. */
  tag: string;
  load(): Promise<CatalogScreen<{ id: string }, unknown> | null>;
  /** Shown only with this permission as well (profiles need users:manage). */
  permission?: Permission;
}

/** Links from the admin area to panels outside it (they have their own routes and permissions). */
export interface SettingsLink {
  id: string;
  href: string;
  label: MessageKey;
  section: MessageKey;
  permission: Permission;
}

const catalog = (p: Promise<{ [k: string]: unknown }>, name: string) => p.then((m) => m[name] as CatalogScreen<{ id: string }, unknown>);
const element = (p: Promise<unknown>) => p.then(() => null);

const REF: MessageKey = 'admin.section.reference';
const CALLS: MessageKey = 'admin.section.calls';
const AGENTS: MessageKey = 'admin.section.agents';
const QUALITY: MessageKey = 'admin.section.quality';
const MORE: MessageKey = 'admin.section.more';
const ACCESS: MessageKey = 'admin.section.access';

/** Only screens whose appliance routes exist are listed. */
export const SETTINGS_SCREENS: readonly SettingsScreen[] = [
  { id: 'request-types', label: 'admin.nav.requestTypes', section: REF, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/request-types.ts'), 'requestTypesScreen') },
  { id: 'classifications', label: 'admin.nav.classifications', section: REF, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/classifications.ts'), 'classificationsScreen') },
  { id: 'locations', label: 'admin.nav.locations', section: REF, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/locations.ts'), 'locationsScreen') },
  { id: 'faq', label: 'admin.nav.faq', section: REF, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/faq.ts'), 'faqScreen') },
  { id: 'queues', label: 'admin.nav.queues', section: CALLS, tag: 'ec-queues-panel', load: () => element(import('./ec-queues-panel.ts')) },
  { id: 'ivr', label: 'admin.nav.ivr', section: CALLS, tag: 'ec-ivr-panel', load: () => element(import('./ec-ivr-panel.ts')) },
  { id: 'entries', label: 'admin.nav.entries', section: CALLS, tag: 'ec-entries-panel', load: () => element(import('./ec-entries-panel.ts')) },
  { id: 'sounds', label: 'admin.nav.sounds', section: CALLS, tag: 'ec-sounds-panel', load: () => element(import('./ec-sounds-panel.ts')) },
  { id: 'hours', label: 'admin.nav.hours', section: CALLS, tag: 'ec-hours-panel', load: () => element(import('./ec-hours-panel.ts')) },
  { id: 'pause-reasons', label: 'admin.nav.pauseReasons', section: AGENTS, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/pause-reasons.ts'), 'pauseReasonsScreen') },
  { id: 'operator-modes', label: 'admin.nav.operatorModes', section: AGENTS, tag: 'ec-operator-modes-panel', load: () => element(import('./ec-operator-modes-panel.ts')) },
  { id: 'templates', label: 'admin.nav.templates', section: QUALITY, tag: 'ec-templates-panel', load: () => element(import('./ec-templates-panel.ts')) },
  { id: 'evaluation-criteria', label: 'admin.nav.criteria', section: QUALITY, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/criteria.ts'), 'criteriaScreen') },
  { id: 'evaluation-forms', label: 'admin.nav.evaluationForms', section: QUALITY, tag: 'ec-catalog-panel', load: () => catalog(import('./screens/evaluation-forms.ts'), 'evaluationFormsScreen') },
  { id: 'ticket-statuses', label: 'admin.nav.ticketStatuses', section: QUALITY, tag: 'ec-ticket-statuses-panel', load: () => element(import('./ec-ticket-statuses-panel.ts')) },
  { id: 'approvals', label: 'admin.nav.approvals', section: QUALITY, tag: 'ec-approvals-panel', load: () => element(import('./ec-approvals-panel.ts')) },
  { id: 'profiles', label: 'admin.nav.profiles', section: ACCESS, tag: 'ec-catalog-panel', permission: 'users:manage', load: () => catalog(import('./screens/profiles.ts'), 'profilesScreen') },
  { id: 'agent-numbers', label: 'admin.nav.agentNumbers', section: ACCESS, tag: 'ec-agent-numbers-panel', load: () => element(import('./ec-agent-numbers-panel.ts')) },
  { id: 'trunk', label: 'admin.nav.trunk', section: ACCESS, tag: 'ec-trunk-panel', load: () => element(import('./ec-trunk-panel.ts')) },
];

export const SETTINGS_LINKS: readonly SettingsLink[] = [
  { id: 'users-link', href: '/admin/users', label: 'nav.users', section: MORE, permission: 'users:manage' },
  { id: 'audit-link', href: '/audit', label: 'nav.audit', section: MORE, permission: 'audit:read' },
];

/** The screen a path shows (`/admin/settings/faq` → faq); null for the area's own path or an unknown one. */
export function screenFor(path: string): SettingsScreen | null {
  const rest = path.replace(/\/+$/, '').slice(SETTINGS_BASE.length + 1);
  return SETTINGS_SCREENS.find((s) => s.id === rest) ?? null;
}
