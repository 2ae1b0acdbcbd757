import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';

/** Queue levels (ok/warn/breach) and agent amounts (done/on_pace/behind) of contracts/targets.ts. */
export type TargetStatusName = 'ok' | 'warn' | 'breach' | 'done' | 'on_pace' | 'behind';

/**
 * A shape per status as well as a colour, so the deviation reads without
 * colour vision and on a monochrome wallboard.
 */
const ICONS: Record<TargetStatusName, string> = { ok: '✓', done: '✓', on_pace: '↗', warn: '▲', behind: '▼', breach: '✕' };

export function targetStatusLabel(t: Translator, status: string | null | undefined): string {
  const key = `target.status.${status ?? 'none'}`;
  return t.has(key) ? t.t(key as MessageKey) : (status ?? '');
}

/** A target's status as a pill: icon, word and colour. `status` is reflected for styling and tests. */
@customElement('ec-target-status')
export class EcTargetStatus extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    .pill {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      padding: 0.1rem 0.55rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 650;
      white-space: nowrap;
      background: color-mix(in srgb, var(--c) 14%, white);
      color: color-mix(in srgb, var(--c) 85%, black);
      border: 1px solid color-mix(in srgb, var(--c) 45%, white);
      --c: #7a8a91;
    }
    .ok,
    .done {
      --c: var(--ec-ok, #1e7b46);
    }
    .on_pace {
      --c: #1f5fbf;
    }
    .warn,
    .behind {
      --c: var(--ec-warn, #9a6200);
    }
    .breach {
      --c: var(--ec-danger, #b3261e);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ reflect: true }) status: TargetStatusName | '' = '';

  override render() {
    const t = this.i18n;
    if (!t) return html``;
    const s = this.status || null;
    return html`<span class="pill ${s ?? 'none'}" data-field="target-status"
      ><span aria-hidden="true">${s ? ICONS[s] : '–'}</span>${targetStatusLabel(t, s)}</span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-target-status': EcTargetStatus;
  }
}
