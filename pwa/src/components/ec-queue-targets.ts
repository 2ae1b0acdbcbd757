import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { QueueTargetStatus } from '@edgecall/contracts/targets';
import type { Translator } from '../i18n/translator.ts';
import { figureLabel, figureUnit, formatFigure, targetBound } from '../i18n/figures.ts';
import './ec-target-status.ts';

/**
 * A queue's figures against its targets (contracts' QueueTargetStatus, from
 * the live `kpi/q/<q>` snapshot or the progress answer): one line per target
 * set, with its status in words and shape, worst first.
 */
@customElement('ec-queue-targets')
export class EcQueueTargets extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.3rem;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.88rem;
    }
    .figure {
      font-weight: 600;
    }
    .muted {
      color: var(--ec-muted, #5b6b73);
    }
  `;

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) targets: QueueTargetStatus | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    const checks = Object.entries(this.targets?.checks ?? {}).filter(([, c]) => !!c);
    if (checks.length === 0) return html`<p class="muted" data-field="no-targets">${t.t('target.none')}</p>`;
    const rank = (s: string | null) => (s === 'breach' ? 0 : s === 'warn' ? 1 : s === 'ok' ? 2 : 3);
    checks.sort(([, a], [, b]) => rank(a!.status) - rank(b!.status));
    return html`<ul>
      ${checks.map(
        ([key, c]) => html`<li data-target=${key} data-status=${c!.status ?? 'none'}>
          <ec-target-status .i18n=${t} status=${c!.status ?? ''}></ec-target-status>
          <span class="figure">${figureLabel(t, c!.figure)}</span>
          <span data-field="value">${formatFigure(t, c!.value, figureUnit(c!.figure))}</span>
          <span class="muted">(${targetBound(t, c!.kind, c!.target, c!.figure)})</span>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-queue-targets': EcQueueTargets;
  }
}
