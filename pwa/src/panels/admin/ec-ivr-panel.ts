import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { AcdSettings, IvrMenu } from '../../data/acd-settings.ts';
import type { MessageKey, Translator } from '../../i18n/translator.ts';
import type { FormField, FormValues } from '../../components/ec-settings-form.ts';
import type { TableColumn } from '../../components/ec-settings-table.ts';
import type { IvrOptionValue } from '../../components/ec-ivr-options.ts';
import { AcdListPanel } from './acd-list-panel.ts';
import { numberOr, text } from './catalog-screen.ts';
import '../../components/ec-ivr-options.ts';

const sound = (media: string) => media.replace(/^sound:/, '');

/** IVR menus: the prompt, what each key does, how long to wait and what happens when nobody chooses. */
@customElement('ec-ivr-panel')
export class EcIvrPanel extends AcdListPanel<IvrMenu> {
  protected readonly listPart = 'menus';
  protected readonly heading = 'admin.ivr.title';
  protected readonly newLabel = 'admin.ivr.new';
  protected readonly emptyText = 'admin.ivr.empty';
  protected override readonly intro = 'admin.ivr.intro';

  protected nameOf(m: IvrMenu) {
    return m.id;
  }

  protected columns(t: Translator, s: AcdSettings): TableColumn<IvrMenu>[] {
    const target = (action: string, id?: string) =>
      action === 'queue' ? (s.queues.find((q) => q.id === id)?.name ?? id ?? '') : action === 'menu' ? `${t.t('admin.ivr.action.menu')} ${id ?? ''}` : t.t(`admin.ivr.action.${action}` as MessageKey);
    return [
      { key: 'id', label: t.t('admin.id'), render: (m) => m.id },
      { key: 'prompt', label: t.t('admin.ivr.prompt'), render: (m) => sound(m.prompt) },
      { key: 'options', label: t.t('admin.ivr.options'), render: (m) => m.options.map((o) => `${o.digit} → ${target(o.action, o.target)}`).join(', ') || t.t('common.none') },
      { key: 'timeout', label: t.t('admin.ivr.timeout'), render: (m) => `${t.t('admin.seconds', { n: m.timeoutSeconds })} × ${m.maxRepeats + 1}` },
      { key: 'default', label: t.t('admin.ivr.default'), render: (m) => target(m.defaultAction.action, m.defaultAction.target) },
    ];
  }

  protected fields(t: Translator, s: AcdSettings, index: number | null): FormField[] {
    const m = index === null ? null : s.menus[index];
    const queues = s.queues.map((q) => ({ value: q.id, label: q.name }));
    const menus = s.menus.filter((x) => x.id !== m?.id).map((x) => ({ value: x.id, label: x.id }));
    const optionCount = m?.options.length ?? 0;
    return [
      { name: 'id', label: t.t('admin.id'), type: 'text', required: true, disabled: index !== null, hint: t.t('admin.idHint') },
      { name: 'prompt', label: t.t('admin.ivr.prompt'), type: 'select', required: true, options: this.acd.soundOptions(null, m?.prompt) },
      { name: 'timeoutSeconds', label: t.t('admin.ivr.timeout'), type: 'number', min: 1, max: 60, step: 1, hint: t.t('admin.ivr.timeoutHint') },
      { name: 'maxRepeats', label: t.t('admin.ivr.repeats'), type: 'number', min: 0, max: 5, step: 1, hint: t.t('admin.ivr.repeatsHint') },
      { name: 'invalidPrompt', label: t.t('admin.ivr.invalidPrompt'), type: 'select', options: this.acd.soundOptions(null, m?.invalidPrompt) },
      {
        name: 'defaultAction',
        label: t.t('admin.ivr.default'),
        type: 'select',
        hint: t.t('admin.ivr.defaultHint'),
        // The appliance reports a bad default at the option index after the last option.
        paths: ['defaultAction', `options.${optionCount}`],
        options: [{ value: 'hangup', label: t.t('admin.ivr.action.hangup') }, ...queues.map((q) => ({ value: `queue:${q.value}`, label: `${t.t('admin.ivr.action.queue')}: ${q.label}` }))],
      },
      {
        name: 'options',
        label: t.t('admin.ivr.options'),
        type: 'custom',
        render: (v, set, issues) =>
          html`<ec-ivr-options .i18n=${t} .value=${(v as IvrOptionValue[]) ?? []} .queues=${queues} .menus=${menus} .issues=${issues} @ec-change=${(e: CustomEvent<{ value: unknown }>) => set(e.detail.value)}></ec-ivr-options>`,
      },
    ];
  }

  protected toForm(m: IvrMenu | null): FormValues {
    const d = m?.defaultAction;
    return {
      id: m?.id ?? '',
      prompt: m?.prompt ?? 'sound:edgecall/main-menu',
      timeoutSeconds: m?.timeoutSeconds ?? 5,
      maxRepeats: m?.maxRepeats ?? 2,
      invalidPrompt: m?.invalidPrompt ?? 'sound:option-is-invalid',
      defaultAction: d ? (d.action === 'queue' ? `queue:${d.target ?? ''}` : 'hangup') : 'hangup',
      options: m?.options ?? [],
    };
  }

  protected fromForm(v: FormValues, before: IvrMenu | null): IvrMenu {
    const d = String(v.defaultAction ?? 'hangup');
    return {
      id: before?.id ?? text(v.id),
      prompt: String(v.prompt),
      options: ((v.options as IvrOptionValue[]) ?? []).map((o) => (o.action === 'queue' || o.action === 'menu' ? o : { digit: o.digit, action: o.action })),
      timeoutSeconds: numberOr(v.timeoutSeconds) as number,
      maxRepeats: numberOr(v.maxRepeats) as number,
      invalidPrompt: String(v.invalidPrompt),
      defaultAction: d.startsWith('queue:') ? { action: 'queue', target: d.slice('queue:'.length) } : { action: 'hangup' },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-ivr-panel': EcIvrPanel;
  }
}
