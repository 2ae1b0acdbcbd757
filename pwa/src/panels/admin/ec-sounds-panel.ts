import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import { deleteSound, fetchSounds, soundAudioUrl, updateSound, uploadSound, type IvrSound } from '../../data/sounds.ts';
import type { Page } from '../../data/catalog.ts';
import type { MessageKey, MessageParams } from '../../i18n/translator.ts';
import type { FormValues } from '../../components/ec-settings-form.ts';
import type { EcSoundUpload } from '../../components/ec-sound-upload.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import '../../components/ec-sound-upload.ts';
import '../../components/ec-settings-form.ts';
import '../../components/ec-settings-table.ts';
import '../../components/ec-list-toolbar.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const PAGE_SIZE = 20;

/** IVR sounds: upload (converted for the PBX), listen, rename, delete (refused while a menu plays it). */
@customElement('ec-sounds-panel')
export class EcSoundsPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      ec-pager {
        margin-top: 0.75rem;
      }
      audio {
        height: 2rem;
        max-width: 16rem;
      }
      .intro {
        margin: 0;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private search = '';
  @state() private offset = 0;
  @state() private uploading = false;
  @state() private uploadError: unknown = null;
  @state() private editing: IvrSound | null = null;
  @state() private editError: unknown = null;
  /** Made once per opening: a new object would reset what is typed. */
  @state() private editValue: FormValues = {};
  @state() private busyId: string | null = null;
  @state() private actionError: unknown = null;
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;

  readonly #sounds = new ResourceController<{ offset: number; page: Page<IvrSound> }>(this, () => this.#ctx.app, 'admin.sounds', async (app) => {
    const offset = this.offset;
    return { offset, page: await fetchSounds(app.api, { search: this.search, offset, limit: PAGE_SIZE }) };
  });

  override render() {
    const { i18n, connection, api } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#sounds.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    return html`<div class="head">
        <h1>${t.t('admin.sounds.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
      </div>
      <div class="stack">
        <p class="intro muted">${t.t('admin.sounds.intro')}</p>
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        <ec-sound-upload .i18n=${t} .busy=${this.uploading || offline} .error=${this.uploadError ? describeError(t, this.uploadError) : null} @ec-upload=${this.#upload}></ec-sound-upload>
        ${this.editing
          ? html`<ec-settings-form
              data-form="sound"
              .i18n=${t}
              .heading=${t.t('admin.editTitle', { name: this.editing.name })}
              .fields=${[{ name: 'title', label: t.t('admin.sounds.titleLabel'), type: 'text' }]}
              .value=${this.editValue}
              .error=${this.editError ? describeError(t, this.editError) : null}
              .busy=${offline}
              @ec-submit=${this.#saveTitle}
              @ec-cancel=${() => (this.editing = null)}
            ></ec-settings-form>`
          : nothing}
        <section class="card" data-list="sounds">
          <ec-list-toolbar .i18n=${t} .search=${this.search} @ec-search=${(e: CustomEvent<{ search: string }>) => this.#requery(e.detail.search, 0)}></ec-list-toolbar>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${current
            ? html`<ec-settings-table
                  .i18n=${t}
                  .items=${current.value.page.items}
                  .columns=${[
                    { key: 'name', label: t.t('admin.sounds.name'), render: (s: IvrSound) => html`<code>sound:${s.name}</code>` },
                    { key: 'title', label: t.t('admin.sounds.titleLabel'), render: (s: IvrSound) => s.title || t.t('common.none') },
                    { key: 'duration', label: t.t('admin.sounds.duration'), render: (s: IvrSound) => t.t('admin.seconds', { n: Math.round(s.durationMs / 100) / 10 }) },
                    { key: 'source', label: t.t('admin.sounds.source'), render: (s: IvrSound) => s.sourceType.toUpperCase() },
                    { key: 'listen', label: t.t('admin.sounds.listen'), render: (s: IvrSound) => html`<audio controls preload="none" src=${soundAudioUrl(api, s)}></audio>` },
                  ]}
                  .actions=${[
                    { id: 'edit', label: t.t('admin.edit') },
                    { id: 'delete', label: t.t('admin.delete'), danger: true, confirm: t.t('admin.confirmDelete') },
                  ]}
                  .nameOf=${(s: IvrSound) => s.name}
                  .emptyText=${t.t('admin.sounds.empty')}
                  .busyId=${this.busyId}
                  .readonly=${offline}
                  @ec-row-action=${this.#onAction}
                ></ec-settings-table>
                <ec-pager .i18n=${t} .offset=${current.value.offset} .limit=${PAGE_SIZE} .total=${current.value.page.total} @ec-page=${(e: CustomEvent<{ offset: number }>) => this.#requery(this.search, e.detail.offset)}></ec-pager>`
            : this.#sounds.error
              ? html`<ec-error-message .error=${isNetworkError(this.#sounds.error) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, this.#sounds.error)}></ec-error-message>`
              : html`<p class="muted" role="status">${t.t('data.loading')}</p>`}
        </section>
      </div>`;
  }

  #requery(search: string, offset: number) {
    this.search = search;
    this.offset = offset;
    void this.#sounds.load();
  }

  async #upload(e: CustomEvent<{ file: File; name: string; title: string; replace: boolean }>) {
    this.uploading = true;
    this.uploadError = null;
    this.notice = null;
    try {
      const s = await uploadSound(this.#ctx.app.api, e.detail.file, e.detail);
      this.notice = { key: 'admin.sounds.uploaded', params: { name: s.name } };
      this.renderRoot.querySelector<EcSoundUpload>('ec-sound-upload')?.reset();
      await this.#sounds.load();
    } catch (err) {
      this.uploadError = err;
    } finally {
      this.uploading = false;
    }
  }

  async #saveTitle(e: CustomEvent<{ value: FormValues }>) {
    const s = this.editing;
    if (!s) return;
    try {
      await updateSound(this.#ctx.app.api, s.id, String(e.detail.value.title ?? '').trim());
      this.notice = { key: 'admin.saved', params: { name: s.name } };
      this.editing = null;
      await this.#sounds.load();
    } catch (err) {
      this.editError = err;
    }
  }

  async #onAction(e: CustomEvent<{ action: string; id: string }>) {
    const s = this.#sounds.current?.value.page.items.find((x) => x.id === e.detail.id);
    if (!s) return;
    this.actionError = null;
    this.notice = null;
    if (e.detail.action === 'edit') {
      this.editError = null;
      this.editValue = { title: s.title };
      this.editing = s;
      return;
    }
    this.busyId = s.id;
    try {
      await deleteSound(this.#ctx.app.api, s.id);
      this.notice = { key: 'admin.deleted', params: { name: s.name } };
      await this.#sounds.load();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busyId = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-sounds-panel': EcSoundsPanel;
  }
}
