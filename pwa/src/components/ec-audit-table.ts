import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey, Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export interface AuditListItem {
  seq: number;
  at: number;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

/** One page of the audit log, with before/after of each entry on demand. */
@customElement('ec-audit-table')
export class EcAuditTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      code,
      pre {
        font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
        font-size: 0.8rem;
      }
      pre {
        margin: 0.3rem 0 0;
        padding: 0.5rem;
        background: #f1f4f5;
        border-radius: 6px;
        max-width: 36rem;
        overflow: auto;
        white-space: pre-wrap;
        word-break: break-word;
      }
      .code {
        display: block;
        color: var(--ec-muted, #5b6b73);
      }
      summary {
        cursor: pointer;
        color: var(--ec-primary, #0b5d6b);
      }
      .seq,
      .at {
        white-space: nowrap;
      }
      .changes {
        display: grid;
        gap: 0.3rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: AuditListItem[] = [];

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted empty">${t.t('audit.empty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th>${t.t('audit.seq')}</th>
          <th>${t.t('audit.at')}</th>
          <th>${t.t('audit.actor')}</th>
          <th>${t.t('audit.action')}</th>
          <th>${t.t('audit.target')}</th>
          <th>${t.t('audit.address')}</th>
          <th>${t.t('audit.changes')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((e) => this.#row(e))}
      </tbody>
    </table>`;
  }

  #row(e: AuditListItem) {
    const t = this.i18n;
    const key = `audit.action.${e.action}`;
    const label = t.has(key) ? t.t(key as MessageKey) : null;
    return html`<tr data-seq=${e.seq}>
      <td class="seq">${t.number(e.seq)}</td>
      <td class="at">${t.dateTime(e.at)}</td>
      <td>${e.actorName}</td>
      <td>${label ?? nothing}<code class="code">${e.action}</code></td>
      <td><code>${e.targetType}${e.targetId ? html`<br />${e.targetId.slice(0, 8)}` : nothing}</code></td>
      <td>${e.address ?? t.t('common.none')}</td>
      <td>
        ${e.before == null && e.after == null
          ? t.t('common.none')
          : html`<details>
              <summary>${t.t('audit.changes')}</summary>
              <div class="changes">
                ${e.before != null ? html`<div><strong>${t.t('audit.before')}</strong><pre>${JSON.stringify(e.before, null, 2)}</pre></div>` : nothing}
                ${e.after != null ? html`<div><strong>${t.t('audit.after')}</strong><pre>${JSON.stringify(e.after, null, 2)}</pre></div>` : nothing}
              </div>
            </details>`}
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-audit-table': EcAuditTable;
  }
}
