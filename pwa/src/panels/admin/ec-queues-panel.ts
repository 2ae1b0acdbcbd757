import { customElement } from 'lit/decorators.js';
import { ROUTING_STRATEGIES } from '@edgecall/contracts/acd-settings';
import type { AcdSettings, QueueSettings } from '../../data/acd-settings.ts';
import type { MessageKey, Translator } from '../../i18n/translator.ts';
import type { FormField, FormValues } from '../../components/ec-settings-form.ts';
import type { TableColumn } from '../../components/ec-settings-table.ts';
import { AcdListPanel } from './acd-list-panel.ts';
import { numberOr, text } from './catalog-screen.ts';

const SL_VARIANTS = ['V1', 'V2', 'V3', 'V4', 'V5'] as const;
const opts = (t: Translator, prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t.t(`${prefix}.${v}` as MessageKey) }));

/** Groups/queues: routing, waits and what happens when they run out, wrap-up, KPI thresholds. */
@customElement('ec-queues-panel')
export class EcQueuesPanel extends AcdListPanel<QueueSettings> {
  protected readonly listPart = 'queues';
  protected readonly heading = 'admin.q.title';
  protected readonly newLabel = 'admin.q.new';
  protected readonly emptyText = 'admin.q.empty';
  protected override readonly intro = 'admin.q.intro';

  protected nameOf(q: QueueSettings) {
    return q.name;
  }

  protected columns(t: Translator): TableColumn<QueueSettings>[] {
    const secs = (n: number) => t.t('admin.seconds', { n });
    return [
      { key: 'id', label: t.t('admin.id'), render: (q) => q.id },
      { key: 'name', label: t.t('admin.name'), render: (q) => q.name },
      { key: 'strategy', label: t.t('admin.q.strategy'), render: (q) => t.t(`admin.q.strategy.${q.strategy}` as MessageKey) },
      { key: 'maxWait', label: t.t('admin.q.maxWait'), render: (q) => secs(q.maxWaitSeconds) },
      { key: 'timeoutAction', label: t.t('admin.q.timeoutAction'), render: (q) => t.t(`admin.q.timeoutAction.${q.timeoutAction}` as MessageKey) },
      { key: 'wrapUp', label: t.t('admin.q.wrapUp'), render: (q) => secs(q.wrapUpSeconds) },
      { key: 'sl', label: t.t('admin.q.thresholds'), render: (q) => `SL ${q.tSl} · ${q.tShort} · ${q.tLong} (${q.slVariant})` },
    ];
  }

  protected fields(t: Translator, _s: AcdSettings, index: number | null): FormField[] {
    const q = index === null ? null : this.acd.current?.value.settings.queues[index];
    const sounds = (current?: string) => this.acd.soundOptions(t.t('admin.q.noMessage'), current);
    const num = (name: string, label: string, min: number, max: number, hint?: string): FormField => ({ name, label, type: 'number', min, max, step: 1, hint });
    return [
      { name: 'id', label: t.t('admin.id'), type: 'text', required: true, disabled: index !== null, hint: t.t('admin.idHint') },
      { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
      { name: 'strategy', label: t.t('admin.q.strategy'), type: 'select', options: opts(t, 'admin.q.strategy', ROUTING_STRATEGIES) },
      num('ringTimeoutSeconds', t.t('admin.q.ringTimeout'), 1, 120, t.t('admin.q.ringTimeoutHint')),
      num('missedRingsToPause', t.t('admin.q.missedRings'), 1, 20, t.t('admin.q.missedRingsHint')),
      num('maxWaitSeconds', t.t('admin.q.maxWait'), 5, 7200, t.t('admin.q.maxWaitHint')),
      { name: 'timeoutAction', label: t.t('admin.q.timeoutAction'), type: 'select', options: opts(t, 'admin.q.timeoutAction', ['hangup', 'callback']) },
      { name: 'timeoutMessage', label: t.t('admin.q.timeoutMessage'), type: 'select', options: sounds(q?.timeoutMessage) },
      { name: 'noAgentsAction', label: t.t('admin.q.noAgentsAction'), type: 'select', options: opts(t, 'admin.q.noAgentsAction', ['wait', 'refuse']) },
      { name: 'noAgentsMessage', label: t.t('admin.q.noAgentsMessage'), type: 'select', options: sounds(q?.noAgentsMessage) },
      num('wrapUpSeconds', t.t('admin.q.wrapUp'), 0, 3600, t.t('admin.q.wrapUpHint')),
      num('tSl', t.t('admin.q.tSl'), 0, 600, t.t('admin.q.tSlHint')),
      num('tShort', t.t('admin.q.tShort'), 0, 120, t.t('admin.q.tShortHint')),
      num('tLong', t.t('admin.q.tLong'), 0, 7200, t.t('admin.q.tLongHint')),
      { name: 'slVariant', label: t.t('admin.q.slVariant'), type: 'select', hint: t.t('admin.q.slVariantHint'), options: SL_VARIANTS.map((v) => ({ value: v, label: v })) },
      num('callbackWindowHours', t.t('admin.q.callbackWindow'), 1, 336, t.t('admin.q.callbackWindowHint')),
      { name: 'announcePosition', label: t.t('admin.q.announcePosition'), type: 'checkbox' },
      num('announceEverySeconds', t.t('admin.q.announceEvery'), 15, 600),
      { name: 'mohClass', label: t.t('admin.q.moh'), type: 'text' },
      // Skill levels: a lower penalty is offered first (agents not listed have 0).
      { name: 'penalties', label: t.t('admin.q.penalties'), type: 'text', wide: true, hint: t.t('admin.q.penaltiesHint') },
    ];
  }

  protected toForm(q: QueueSettings | null): FormValues {
    return {
      id: q?.id ?? '',
      name: q?.name ?? '',
      strategy: q?.strategy ?? 'longest_idle',
      ringTimeoutSeconds: q?.ringTimeoutSeconds ?? 15,
      missedRingsToPause: q?.missedRingsToPause ?? 3,
      maxWaitSeconds: q?.maxWaitSeconds ?? 600,
      timeoutAction: q?.timeoutAction ?? 'hangup',
      timeoutMessage: q?.timeoutMessage ?? '',
      noAgentsAction: q?.noAgentsAction ?? 'refuse',
      noAgentsMessage: q?.noAgentsMessage ?? '',
      wrapUpSeconds: q?.wrapUpSeconds ?? 10,
      tSl: q?.tSl ?? 20,
      tShort: q?.tShort ?? 5,
      tLong: q?.tLong ?? 300,
      slVariant: q?.slVariant ?? 'V5',
      callbackWindowHours: q?.callbackWindowHours ?? 24,
      announcePosition: q?.announcePosition ?? false,
      announceEverySeconds: q?.announceEverySeconds ?? 60,
      mohClass: q?.mohClass ?? 'default',
      penalties: Object.entries(q?.penalties ?? {})
        .map(([agent, level]) => `${agent}:${level}`)
        .join(', '),
    };
  }

  protected fromForm(v: FormValues, before: QueueSettings | null): QueueSettings {
    const n = (k: string) => numberOr(v[k]) as number;
    const sound = (k: string) => text(v[k]) || undefined;
    return {
      penalties: parsePenalties(text(v.penalties)),
      id: before?.id ?? text(v.id),
      name: text(v.name),
      strategy: v.strategy as QueueSettings['strategy'],
      ringTimeoutSeconds: n('ringTimeoutSeconds'),
      missedRingsToPause: n('missedRingsToPause'),
      maxWaitSeconds: n('maxWaitSeconds'),
      timeoutAction: v.timeoutAction as QueueSettings['timeoutAction'],
      timeoutMessage: sound('timeoutMessage'),
      noAgentsAction: v.noAgentsAction as QueueSettings['noAgentsAction'],
      noAgentsMessage: sound('noAgentsMessage'),
      wrapUpSeconds: n('wrapUpSeconds'),
      tSl: n('tSl'),
      tShort: n('tShort'),
      tLong: n('tLong'),
      slVariant: v.slVariant as QueueSettings['slVariant'],
      callbackWindowHours: n('callbackWindowHours'),
      announcePosition: v.announcePosition === true,
      announceEverySeconds: n('announceEverySeconds'),
      mohClass: text(v.mohClass) || 'default',
    };
  }
}

/**
 * "101:0, 102:5" → {101: 0, 102: 5}. A token that is not agent:level is sent
 * as it is with an impossible level, so the appliance names it at this field
 * instead of the form dropping it silently.
 */
export function parsePenalties(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const token of value.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^([0-9]{2,8}):([0-9]{1,3})$/.exec(token);
    if (m) out[m[1]] = Number(m[2]);
    else out[token] = -1;
  }
  return out;
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-queues-panel': EcQueuesPanel;
  }
}
