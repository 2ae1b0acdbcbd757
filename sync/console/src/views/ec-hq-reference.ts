import { html } from 'lit';
import { REF_DATASETS } from '@edgecall/contracts/sync-reference';
import { HqElement } from '../components/hq-element.ts';
import { shared } from '../components/styles.ts';
import '../components/ec-hq-ref-form.ts';
import type { Payload } from '../components/ec-hq-ref-form.ts';
import { fetchBranches } from '../data/branches.ts';
import { deleteRefItem, fetchRefItems, saveRefItem, type RefItem } from '../data/reference.ts';
import { describeError } from '../i18n/describe-error.ts';
import { fmtDateTime, t, type MessageKey } from '../i18n/index.ts';

/** What a list row shows of an item. */
function summary(dataset: string, p: Record<string, unknown> | null): string {
  if (!p) return '';
  if (dataset === 'faq') return String(p.question ?? '');
  if (dataset === 'holiday') return `${p.date ?? ''} · ${p.name ?? ''}`;
  return String(p.name ?? '');
}

/** HQ's reference data (FAQ, templates, classifications, evaluation criteria, holidays): lists and forms; branches pull the changes. */
export class EcHqReference extends HqElement {
  static override properties = {
    refDataset: { state: true },
    items: { state: true },
    editing: { state: true },
    error: { state: true },
    notice: { state: true },
    showDeleted: { state: true },
    busy: { state: true },
  };
  refDataset: string = 'faq';
  items: RefItem[] | null = null;
  /** null: no form; '': a new item; otherwise the key being edited. */
  editing: string | null = null;
  error = '';
  notice = '';
  showDeleted = false;
  busy = false;
  private branches: { id: string; name: string }[] = [];
  private classifications: { key: string; name: string }[] = [];
  static override styles = [shared];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    fetchBranches().then((b) => ((this.branches = b.map((x) => ({ id: x.id, name: x.name }))), this.requestUpdate()), () => undefined);
  }

  private async load() {
    try {
      this.items = await fetchRefItems(this.refDataset);
      if (this.refDataset === 'classification') this.classifications = this.items.filter((i) => !i.deleted).map((i) => ({ key: i.key, name: String(i.payload?.name ?? i.key) }));
      else fetchRefItems('classification').then((c) => (this.classifications = c.filter((i) => !i.deleted).map((i) => ({ key: i.key, name: String(i.payload?.name ?? i.key) }))), () => undefined);
      this.error = '';
    } catch (e) {
      this.error = describeError(e);
    }
  }

  private pick(dataset: string) {
    this.refDataset = dataset;
    this.editing = null;
    this.items = null;
    this.notice = '';
    void this.load();
  }

  private async save(key: string, payload: Payload) {
    this.busy = true;
    this.error = '';
    try {
      await saveRefItem(this.refDataset, key, payload);
      this.editing = null;
      this.notice = t('common.saved');
      await this.load();
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
    }
  }

  private async removeItem(item: RefItem) {
    if (!confirm(t('common.confirmDelete', { name: summary(this.refDataset, item.payload) || item.key }))) return;
    try {
      await deleteRefItem(this.refDataset, item.key);
      this.notice = t('common.saved');
      await this.load();
    } catch (e) {
      this.error = describeError(e);
    }
  }

  override render() {
    const items = (this.items ?? []).filter((i) => this.showDeleted || !i.deleted);
    const current = this.editing ? this.items?.find((i) => i.key === this.editing) : undefined;
    return html`
      <h1>${t('ref.title')}</h1>
      <p class="intro">${t('ref.intro')}</p>
      <nav class="toolbar" data-datasets>
        ${REF_DATASETS.map(
          (d) => html`<button class=${d === this.refDataset ? '' : 'secondary'} data-dataset=${d} @click=${() => this.pick(d)}>${t(`ref.dataset.${d}` as MessageKey)}</button>`,
        )}
      </nav>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}
      ${this.notice ? html`<div class="notice">${this.notice}</div>` : ''}
      ${this.editing !== null
        ? html`<ec-hq-ref-form
            .refDataset=${this.refDataset}
            .itemKey=${this.editing}
            .payload=${(current?.payload ?? {}) as Payload}
            .branches=${this.branches}
            .classifications=${this.classifications}
            ?busy=${this.busy}
            @save=${(e: CustomEvent<{ key: string; payload: Payload }>) => this.save(e.detail.key, e.detail.payload)}
            @cancel=${() => (this.editing = null)}
          ></ec-hq-ref-form>`
        : html`<div class="toolbar">
            <button data-new @click=${() => ((this.editing = ''), (this.notice = ''))}>${t('common.new')}</button>
            <label class="inline"><input type="checkbox" .checked=${this.showDeleted} @change=${(e: Event) => (this.showDeleted = (e.target as HTMLInputElement).checked)} /><span>${t('ref.showDeleted')}</span></label>
          </div>`}
      ${this.items === null
        ? html`<p>${t('app.loading')}</p>`
        : items.length === 0
          ? html`<p class="muted">${t('common.empty')}</p>`
          : html`<table data-ref-items>
              <thead>
                <tr>
                  <th>${t('ref.key')}</th>
                  <th></th>
                  <th class="num">${t('ref.rev')}</th>
                  <th>${t('ref.updated')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${items.map(
                  (i) => html`<tr data-key=${i.key}>
                    <td><code>${i.key}</code></td>
                    <td>${i.deleted ? html`<span class="badge bad">${t('ref.deleted')}</span>` : summary(this.refDataset, i.payload)}</td>
                    <td class="num">${i.rev}</td>
                    <td>${fmtDateTime(i.updatedAt)}</td>
                    <td>
                      ${i.deleted
                        ? ''
                        : html`<button class="secondary" data-edit @click=${() => ((this.editing = i.key), (this.notice = ''))}>${t('common.edit')}</button>
                            <button class="danger" data-delete @click=${() => this.removeItem(i)}>${t('common.delete')}</button>`}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
    `;
  }
}
customElements.define('ec-hq-reference', EcHqReference);
