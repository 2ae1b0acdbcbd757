import { TEMPLATE_CHANNELS, TEMPLATE_LANGUAGES } from '@edgecall/contracts/settings/templates';
import { templatesApi, type MessageTemplate } from '../../../data/templates.ts';
import { LOCALE_NAMES, type MessageKey } from '../../../i18n/translator.ts';
import { text, yesNo, type CatalogScreen } from '../catalog-screen.ts';
import { approvalColumn, submitAction } from './approval-actions.ts';

export const templatesScreen: CatalogScreen<MessageTemplate> = {
  key: 'templates',
  title: 'admin.tpl.title',
  newLabel: 'admin.tpl.new',
  emptyText: 'admin.tpl.empty',
  importHint: 'admin.tpl.importHint',
  api: templatesApi,
  filters: (t) => [
    { name: 'channel', label: t.t('admin.tpl.channel'), options: [{ value: '', label: t.t('admin.all') }, ...TEMPLATE_CHANNELS.map((c) => ({ value: c, label: t.t(`admin.tpl.channel.${c}` as MessageKey) }))] },
  ],
  columns: (t) => [
    { key: 'name', label: t.t('admin.name'), render: (m) => m.name },
    { key: 'channel', label: t.t('admin.tpl.channel'), render: (m) => t.t(`admin.tpl.channel.${m.channel}` as MessageKey) },
    { key: 'language', label: t.t('admin.tpl.language'), render: (m) => LOCALE_NAMES[m.language] },
    { key: 'body', label: t.t('admin.tpl.body'), render: (m) => (m.body.length > 80 ? `${m.body.slice(0, 80)}…` : m.body) },
    { key: 'active', label: t.t('admin.active'), render: (m) => yesNo(t, m.active) },
    approvalColumn(t),
  ],
  rowActions: [submitAction('template')],
  fields: (t) => [
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'channel', label: t.t('admin.tpl.channel'), type: 'select', options: TEMPLATE_CHANNELS.map((c) => ({ value: c, label: t.t(`admin.tpl.channel.${c}` as MessageKey) })) },
    { name: 'language', label: t.t('admin.tpl.language'), type: 'select', options: TEMPLATE_LANGUAGES.map((l) => ({ value: l, label: LOCALE_NAMES[l] })) },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
    { name: 'subject', label: t.t('admin.tpl.subject'), type: 'text', wide: true, hint: t.t('admin.tpl.subjectHint') },
    { name: 'body', label: t.t('admin.tpl.body'), type: 'textarea', required: true },
  ],
  toForm: (m, preset) => ({ name: m?.name ?? '', channel: m?.channel ?? (preset.channel || 'sms'), language: m?.language ?? 'az', subject: m?.subject ?? '', body: m?.body ?? '', active: m?.active ?? true }),
  toBody: (v) => ({ name: text(v.name), channel: v.channel, language: v.language, subject: text(v.subject), body: text(v.body), active: v.active === true }),
  nameOf: (m) => m.name,
  inactive: (m) => !m.active,
};
