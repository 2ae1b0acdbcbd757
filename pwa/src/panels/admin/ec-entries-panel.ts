import { customElement } from 'lit/decorators.js';
import type { AcdSettings } from '../../data/acd-settings.ts';
import type { Translator } from '../../i18n/translator.ts';
import type { FormField, FormValues } from '../../components/ec-settings-form.ts';
import type { TableColumn } from '../../components/ec-settings-table.ts';
import { AcdListPanel } from './acd-list-panel.ts';
import { text } from './catalog-screen.ts';

type Entry = AcdSettings['entries'][number];

/** Entries: which dialled number (DID) goes to which IVR menu or queue, and the closed message. */
@customElement('ec-entries-panel')
export class EcEntriesPanel extends AcdListPanel<Entry> {
  protected readonly listPart = 'entries';
  protected readonly heading = 'admin.entry.title';
  protected readonly newLabel = 'admin.entry.new';
  protected readonly emptyText = 'admin.entry.empty';
  protected override readonly intro = 'admin.entry.intro';

  protected nameOf(e: Entry) {
    return e.did;
  }

  protected columns(t: Translator, s: AcdSettings): TableColumn<Entry>[] {
    return [
      { key: 'did', label: t.t('admin.entry.did'), render: (e) => (e.did === '*' ? t.t('admin.entry.any') : e.did) },
      {
        key: 'target',
        label: t.t('admin.entry.target'),
        render: (e) => (e.menu ? `${t.t('admin.entry.menu')}: ${e.menu}` : `${t.t('admin.entry.queue')}: ${s.queues.find((q) => q.id === e.queue)?.name ?? e.queue ?? ''}`),
      },
      { key: 'closed', label: t.t('admin.entry.closedMessage'), render: (e) => e.closedMessage.replace(/^sound:/, '') },
    ];
  }

  protected fields(t: Translator, s: AcdSettings, index: number | null): FormField[] {
    const e = index === null ? null : s.entries[index];
    return [
      { name: 'did', label: t.t('admin.entry.did'), type: 'text', required: true, hint: t.t('admin.entry.didHint') },
      {
        name: 'target',
        label: t.t('admin.entry.target'),
        type: 'select',
        paths: ['target', 'menu', 'queue'],
        options: [
          ...s.menus.map((m) => ({ value: `menu:${m.id}`, label: `${t.t('admin.entry.menu')}: ${m.id}` })),
          ...s.queues.map((q) => ({ value: `queue:${q.id}`, label: `${t.t('admin.entry.queue')}: ${q.name}` })),
        ],
      },
      { name: 'closedMessage', label: t.t('admin.entry.closedMessage'), type: 'select', hint: t.t('admin.entry.closedHint'), options: this.acd.soundOptions(null, e?.closedMessage ?? 'sound:closed-message') },
    ];
  }

  protected toForm(e: Entry | null): FormValues {
    const s = this.acd.current?.value.settings;
    const first = s?.menus[0] ? `menu:${s.menus[0].id}` : s?.queues[0] ? `queue:${s.queues[0].id}` : '';
    return { did: e?.did ?? '', target: e ? (e.menu ? `menu:${e.menu}` : `queue:${e.queue ?? ''}`) : first, closedMessage: e?.closedMessage ?? 'sound:closed-message' };
  }

  protected fromForm(v: FormValues): Entry {
    const target = String(v.target ?? '');
    const [kind, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
    return { did: text(v.did), ...(kind === 'menu' ? { menu: id } : { queue: id }), closedMessage: String(v.closedMessage) };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-entries-panel': EcEntriesPanel;
  }
}
