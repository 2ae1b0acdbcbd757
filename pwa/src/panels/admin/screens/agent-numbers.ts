import { SIP_CODECS } from '@edgecall/contracts/settings/pbx';
import { agentNumbersApi, type AgentNumberRow } from '../../../data/agent-numbers.ts';
import { fetchUsers, type UserRow } from '../../../data/users.ts';
import type { MessageKey } from '../../../i18n/translator.ts';
import { text, textOrNull, type CatalogScreen, type Notice } from '../catalog-screen.ts';

interface Ctx {
  users: UserRow[];
}

/**
 * Agent numbers: PJSIP endpoints the appliance pushes to the PBX, with the
 * user who works as that agent. The SIP password is shown once, after it is
 * made; the PBX column says whether the phone's endpoint is there yet.
 */
export const agentNumbersScreen: CatalogScreen<AgentNumberRow, Ctx> = {
  key: 'agent-numbers',
  title: 'admin.agents.title',
  newLabel: 'admin.agents.new',
  emptyText: 'admin.agents.empty',
  searchHint: 'admin.agents.searchHint',
  intro: 'admin.agents.intro',
  api: agentNumbersApi,
  context: async (api) => ({ users: (await fetchUsers(api, { offset: 0, limit: 200 })).items }),
  columns: (t) => [
    { key: 'number', label: t.t('admin.agents.number'), render: (a) => a.number },
    { key: 'name', label: t.t('admin.agents.displayName'), render: (a) => a.displayName },
    { key: 'user', label: t.t('admin.agents.user'), render: (a) => (a.user ? `${a.user.displayName} (${a.user.username})` : t.t('common.none')) },
    { key: 'codecs', label: t.t('admin.agents.codecs'), render: (a) => a.codecs.join(', ') },
    { key: 'dial', label: t.t('admin.agents.dialString'), render: (a) => a.dialString ?? t.t('admin.agents.dialDefault') },
    {
      key: 'pbx',
      label: t.t('admin.agents.pbx'),
      render: (a) => `${t.t(`admin.pbx.${a.pbx.state}` as MessageKey)}${a.pbx.error ? ` — ${a.pbx.error}` : ''}`,
    },
  ],
  fields: (t, ctx, editing) => [
    { name: 'number', label: t.t('admin.agents.number'), type: 'text', required: true, hint: t.t('admin.agents.numberHint'), disabled: !!editing },
    { name: 'displayName', label: t.t('admin.agents.displayName'), type: 'text', required: true, hint: t.t('admin.agents.displayNameHint') },
    {
      name: 'userId',
      label: t.t('admin.agents.user'),
      type: 'select',
      hint: t.t('admin.agents.userHint'),
      options: [{ value: '', label: t.t('common.none') }, ...ctx.users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})${u.agentNumber && u.agentNumber !== editing?.number ? ` · ${u.agentNumber}` : ''}` }))],
    },
    { name: 'password', label: t.t('admin.agents.password'), type: 'text', hint: t.t(editing ? 'admin.agents.passwordKeep' : 'admin.agents.passwordHint') },
    ...(editing ? [{ name: 'regeneratePassword', label: t.t('admin.agents.regenerate'), type: 'checkbox' as const }] : []),
    { name: 'dialString', label: t.t('admin.agents.dialString'), type: 'text', wide: true, hint: t.t('admin.agents.dialStringHint') },
    { name: 'codecs', label: t.t('admin.agents.codecs'), type: 'checkboxes', required: true, options: SIP_CODECS.map((c) => ({ value: c, label: c })) },
  ],
  toForm: (a) => ({
    number: a?.number ?? '',
    displayName: a?.displayName ?? '',
    userId: a?.user?.id ?? '',
    password: '',
    regeneratePassword: false,
    dialString: a?.dialString ?? '',
    codecs: a?.codecs ?? ['alaw', 'ulaw'],
  }),
  toBody: (v, editing) => {
    const password = textOrNull(v.password);
    return {
      ...(editing ? {} : { number: text(v.number) }),
      displayName: text(v.displayName),
      userId: textOrNull(v.userId),
      dialString: textOrNull(v.dialString),
      codecs: (v.codecs as string[]) ?? [],
      ...(password ? { password } : {}),
      ...(editing && v.regeneratePassword === true && !password ? { regeneratePassword: true } : {}),
    };
  },
  nameOf: (a) => a.number,
  savedNotice: (a, created): Notice =>
    a.sipPassword ? { key: 'admin.agents.passwordOnce', params: { number: a.number }, secret: a.sipPassword } : { key: created ? 'admin.created' : 'admin.saved', params: { name: a.number } },
};
