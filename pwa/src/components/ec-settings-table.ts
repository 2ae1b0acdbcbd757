import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import { sharedStyles } from './shared-styles.ts';

export interface TableColumn<T> {
  label: string;
  render(item: T): unknown;
  /** A class on the cells (`data-col` too, for tests). */
  key?: string;
}

export interface RowAction {
  id: string;
  label: string;
  danger?: boolean;
  /** Asked inline in the row before the action fires ({name} is the row's name). */
  confirm?: string;
}

/**
 * The rows of an admin list with their actions. Nested rows (a
 * sub-classification, a district) are indented by `depth`. Fires
 * `ec-row-action` {action, id}; an action with `confirm` fires only after
 * the inline confirmation.
 */
@customElement('ec-settings-table')
export class EcSettingsTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-x: auto;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
      }
      .confirm {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
        color: var(--ec-danger, #b3261e);
        font-size: 0.88rem;
      }
      td.first {
        white-space: nowrap;
      }
      .branch {
        color: var(--ec-muted, #5b6b73);
        margin-inline-end: 0.3rem;
      }
      tr.inactive td:not(:last-child) {
        opacity: 0.6;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ attribute: false }) items: { id: string }[] = [];
  @property({ attribute: false }) columns: TableColumn<never>[] = [];
  @property({ attribute: false }) actions: RowAction[] = [];
  /** Which actions a row offers (default: all). */
  @property({ attribute: false }) actionsFor: ((item: never) => string[]) | null = null;
  @property({ attribute: false }) depth: ((item: never) => number) | null = null;
  /** The row's name, for confirmations and the `data-name` attribute. */
  @property({ attribute: false }) nameOf: (item: never) => string = (i) => (i as { id: string }).id;
  @property({ attribute: false }) inactive: ((item: never) => boolean) | null = null;
  @property() emptyText = '';
  @property() busyId: string | null = null;
  @property({ type: Boolean }) readonly = false;

  @state() private confirming: { id: string; action: string } | null = null;

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    if (this.items.length === 0) return html`<p class="muted empty" data-field="empty">${this.emptyText}</p>`;
    return html`<table>
      <thead>
        <tr>
          ${this.columns.map((c) => html`<th>${c.label}</th>`)}
          ${this.actions.length ? html`<th>${t.t('admin.actions')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.items.map((item) => this.#row(item as never))}
      </tbody>
    </table>`;
  }

  #row(item: never) {
    const id = (item as { id: string }).id;
    const depth = this.depth?.(item) ?? 0;
    const name = this.nameOf(item);
    return html`<tr data-row=${id} data-name=${name} data-depth=${depth} class=${this.inactive?.(item) ? 'inactive' : ''}>
      ${this.columns.map(
        (c, i) =>
          html`<td class=${i === 0 ? `first ${c.key ?? ''}` : (c.key ?? '')} data-col=${c.key ?? nothing} style=${i === 0 && depth ? `padding-inline-start: ${0.6 + depth * 1.6}rem` : nothing}>
            ${i === 0 && depth ? html`<span class="branch" aria-hidden="true">└</span>` : nothing}${c.render(item)}
          </td>`,
      )}
      ${this.actions.length ? html`<td>${this.#actions(item, id, name)}</td>` : nothing}
    </tr>`;
  }

  #actions(item: never, id: string, name: string) {
    const t = this.i18n;
    const busy = this.busyId === id || this.readonly;
    const c = this.confirming;
    if (c?.id === id) {
      const action = this.actions.find((a) => a.id === c.action);
      return html`<div class="confirm" role="group">
        <span>${(action?.confirm ?? '').replace('{name}', name)}</span>
        <button type="button" class="small danger solid" data-action="confirm-${c.action}" ?disabled=${busy} @click=${() => this.#fire(c.action, id)}>${action?.label}</button>
        <button type="button" class="small" @click=${() => (this.confirming = null)}>${t.t('common.cancel')}</button>
      </div>`;
    }
    const allowed = this.actionsFor?.(item);
    return html`<div class="actions">
      ${this.actions
        .filter((a) => !allowed || allowed.includes(a.id))
        .map(
          (a) => html`<button
            type="button"
            class="small ${a.danger ? 'danger' : ''}"
            data-action=${a.id}
            ?disabled=${busy}
            @click=${() => (a.confirm ? (this.confirming = { id, action: a.id }) : this.#fire(a.id, id))}
          >
            ${a.label}
          </button>`,
        )}
    </div>`;
  }

  #fire(action: string, id: string) {
    this.confirming = null;
    this.dispatchEvent(new CustomEvent('ec-row-action', { detail: { action, id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-settings-table': EcSettingsTable;
  }
}
