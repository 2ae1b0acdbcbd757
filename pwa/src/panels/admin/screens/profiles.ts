import { PERMISSIONS, PROFILE_KINDS } from '@edgecall/contracts/permissions';
import { profilesApi, type ProfileView } from '../../../data/profiles.ts';
import type { MessageKey, Translator } from '../../../i18n/translator.ts';
import { text, yesNo, type CatalogScreen } from '../catalog-screen.ts';

const permissionName = (t: Translator, p: string) => t.t(`admin.perm.${p}` as MessageKey);

/**
 * Profiles (roles): a name, a kind (what the live channel shows) and the
 * permissions the API and the navigation follow at once. Built-in profiles
 * keep their name and kind and are never deleted.
 */
export const profilesScreen: CatalogScreen<ProfileView> = {
  key: 'profiles',
  title: 'admin.profiles.title',
  newLabel: 'admin.profiles.new',
  emptyText: 'admin.profiles.empty',
  intro: 'admin.profiles.intro',
  api: profilesApi,
  columns: (t) => [
    { key: 'name', label: t.t('admin.name'), render: (p) => p.name },
    { key: 'kind', label: t.t('admin.profiles.kind'), render: (p) => t.t(`kind.${p.kind}` as MessageKey) },
    { key: 'permissions', label: t.t('admin.profiles.permissions'), render: (p) => p.permissions.map((x) => permissionName(t, x)).join(', ') },
    { key: 'users', label: t.t('admin.profiles.users'), render: (p) => t.number(p.users) },
    { key: 'builtin', label: t.t('admin.profiles.builtin'), render: (p) => yesNo(t, p.builtin) },
  ],
  fields: (t, _ctx, editing) => [
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true, disabled: !!editing?.builtin },
    {
      name: 'kind',
      label: t.t('admin.profiles.kind'),
      type: 'select',
      hint: t.t('admin.profiles.kindHint'),
      disabled: !!editing?.builtin,
      options: PROFILE_KINDS.map((k) => ({ value: k, label: t.t(`kind.${k}` as MessageKey) })),
    },
    {
      name: 'permissions',
      label: t.t('admin.profiles.permissions'),
      type: 'checkboxes',
      required: true,
      hint: t.t('admin.profiles.permissionsHint'),
      options: PERMISSIONS.map((p) => ({ value: p, label: permissionName(t, p) })),
    },
  ],
  toForm: (p) => ({ name: p?.name ?? '', kind: p?.kind ?? 'operator', permissions: p?.permissions ?? ['self:read'] }),
  toBody: (v, editing) => ({
    ...(editing?.builtin ? {} : { name: text(v.name), kind: v.kind }),
    permissions: (v.permissions as string[]) ?? [],
  }),
  nameOf: (p) => p.name,
  deletable: (p) => !p.builtin,
};
