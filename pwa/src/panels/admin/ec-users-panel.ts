import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AppStateController } from '../../state/context.ts';
import { ResourceController } from '../shared/resource-controller.ts';
import { describeError } from '../../i18n/describe-error.ts';
import { isNetworkError } from '../../data/errors.ts';
import type { MessageKey, MessageParams } from '../../i18n/translator.ts';
import {
  createUser,
  deleteUser,
  fetchProfiles,
  fetchUsers,
  updateUser,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserPage,
  type UserQuery,
  type UserRow,
} from '../../data/users.ts';
import { sharedStyles } from '../../components/shared-styles.ts';
import { panelStyles } from '../shared/panel-styles.ts';
import type { UserFormValue } from '../../components/ec-user-form.ts';
import type { UserAction } from '../../components/ec-users-table.ts';
import '../../components/ec-users-table.ts';
import '../../components/ec-user-form.ts';
import '../../components/ec-pager.ts';
import '../../components/ec-data-age.ts';
import '../../components/ec-error-message.ts';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

/** The saved copy remembers which page and search it is, so offline the inputs match the rows. */
interface UsersSnapshot {
  query: UserQuery;
  page: UserPage;
}

type FormState = { mode: 'create' } | { mode: 'edit'; user: UserRow } | null;

/** Admin → Users: list with search and paging, create, edit, disable, delete. */
@customElement('ec-users-panel')
export class EcUsersPanel extends LitElement {
  static override styles = [
    sharedStyles,
    panelStyles,
    css`
      label.search {
        flex: 1 1 20rem;
        max-width: 30rem;
      }
      label.search input {
        width: 100%;
      }
      ec-pager {
        margin-top: 0.75rem;
      }
    `,
  ];

  readonly #ctx = new AppStateController(this, (a) => [a.i18n, a.connection]);
  @state() private query: UserQuery = { offset: 0, limit: PAGE_SIZE, search: '' };
  @state() private form: FormState = null;
  @state() private formBusy = false;
  @state() private formError: unknown = null;
  @state() private busyId: string | null = null;
  @state() private actionError: unknown = null;
  @state() private notice: { key: MessageKey; params: MessageParams } | null = null;

  readonly #users = new ResourceController<UsersSnapshot>(this, () => this.#ctx.app, 'admin.users', async (app) => {
    const query = { ...this.query };
    return { query, page: await fetchUsers(app.api, query) };
  });
  readonly #profiles = new ResourceController(this, () => this.#ctx.app, 'admin.profiles', (app) => fetchProfiles(app.api));
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  override render() {
    const { i18n, connection } = this.#ctx.app;
    const t = i18n.t;
    const current = this.#users.current;
    const offline = connection.value.reachable === false || !!current?.fromCache;
    const shownQuery = current?.fromCache ? current.value.query : this.query;
    return html`<div class="head">
        <h1>${t.t('users.title')}</h1>
        <ec-data-age .i18n=${t} .savedAt=${current?.savedAt ?? null} .fromCache=${!!current?.fromCache}></ec-data-age>
        <button type="button" class="primary" data-action="new-user" ?disabled=${offline || this.form !== null} @click=${this.#openCreate}>
          + ${t.t('users.new')}
        </button>
      </div>
      <div class="stack">
        ${offline ? html`<p class="offline-note">${t.t('data.needsConnection')}</p>` : nothing}
        ${this.notice ? html`<p class="notice" role="status">${t.t(this.notice.key, this.notice.params)}</p>` : nothing}
        ${this.form
          ? html`<ec-user-form
              .i18n=${t}
              .mode=${this.form.mode}
              .user=${this.form.mode === 'edit' ? this.form.user : null}
              .profiles=${this.#profiles.current?.value ?? []}
              .busy=${this.formBusy || offline}
              .error=${this.formError ? describeError(t, this.formError) : null}
              @ec-submit=${this.#submit}
              @ec-cancel=${this.#closeForm}
            ></ec-user-form>`
          : nothing}
        <section class="card">
          <div class="toolbar">
            <label class="search">
              <span class="visually-hidden">${t.t('common.search')}</span>
              <input
                type="search"
                name="search"
                placeholder="${t.t('common.search')}: ${t.t('users.searchPlaceholder')}"
                .value=${shownQuery.search ?? ''}
                @input=${this.#onSearch}
              />
            </label>
          </div>
          <ec-error-message .error=${this.actionError ? describeError(t, this.actionError) : null}></ec-error-message>
          ${this.#list(offline)}
        </section>
      </div>`;
  }

  #list(offline: boolean) {
    const t = this.#ctx.app.i18n.t;
    const current = this.#users.current;
    if (!current) {
      if (this.#users.error) return html`<ec-error-message .error=${this.#noData()}></ec-error-message>`;
      return html`<p class="muted" role="status">${t.t('data.loading')}</p>`;
    }
    const { page, query } = current.value;
    return html`${this.#users.error ? html`<ec-error-message .error=${describeError(t, this.#users.error)}></ec-error-message>` : nothing}
      <ec-users-table .i18n=${t} .items=${page.items} .busyId=${this.busyId} .readonly=${offline} @ec-user-action=${this.#onAction}></ec-users-table>
      <ec-pager .i18n=${t} .offset=${query.offset} .limit=${query.limit} .total=${page.total} .disabled=${this.#users.loading} @ec-page=${this.#onPage}></ec-pager>`;
  }

  #noData() {
    const t = this.#ctx.app.i18n.t;
    const e = this.#users.error;
    return isNetworkError(e) ? { message: t.t('data.noSavedData'), fields: [] } : describeError(t, e);
  }

  #setQuery(q: Partial<UserQuery>) {
    this.query = { ...this.query, ...q };
    void this.#users.load();
  }

  #onSearch(e: InputEvent) {
    const search = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#setQuery({ search, offset: 0 }), SEARCH_DELAY_MS);
  }

  #onPage(e: CustomEvent<{ offset: number }>) {
    this.#setQuery({ offset: e.detail.offset });
  }

  #openCreate() {
    this.notice = null;
    this.formError = null;
    this.form = { mode: 'create' };
  }

  #closeForm() {
    this.form = null;
    this.formError = null;
  }

  async #submit(e: CustomEvent<{ value: UserFormValue }>) {
    const form = this.form;
    if (!form) return;
    const { api } = this.#ctx.app;
    this.formBusy = true;
    this.formError = null;
    try {
      if (form.mode === 'create') {
        const created = await createUser(api, e.detail.value as CreateUserRequest);
        this.notice = { key: 'users.created', params: { name: created.displayName } };
      } else {
        const patch = e.detail.value as UpdateUserRequest;
        if (Object.keys(patch).length > 0) await updateUser(api, form.user.id, patch);
        this.notice = { key: 'users.saved', params: { name: patch.displayName ?? form.user.displayName } };
      }
      this.form = null;
      await this.#users.load();
    } catch (err) {
      this.formError = err;
    } finally {
      this.formBusy = false;
    }
  }

  async #onAction(e: CustomEvent<{ action: UserAction; id: string }>) {
    const user = this.#users.current?.value.page.items.find((u) => u.id === e.detail.id);
    if (!user) return;
    this.notice = null;
    this.actionError = null;
    if (e.detail.action === 'edit') {
      this.formError = null;
      this.form = { mode: 'edit', user };
      return;
    }
    const { api } = this.#ctx.app;
    this.busyId = user.id;
    try {
      if (e.detail.action === 'toggle-disabled') {
        await updateUser(api, user.id, { disabled: !user.disabled });
        this.notice = { key: 'users.saved', params: { name: user.displayName } };
      } else {
        await deleteUser(api, user.id);
        this.notice = { key: 'users.deleted', params: { name: user.displayName } };
        // Deleting the last row of a page would leave an empty page behind.
        const page = this.#users.current?.value.page;
        if (page && page.items.length === 1 && this.query.offset > 0) this.query = { ...this.query, offset: Math.max(0, this.query.offset - PAGE_SIZE) };
      }
      if (this.form?.mode === 'edit' && this.form.user.id === user.id) this.form = null;
      await this.#users.load();
    } catch (err) {
      this.actionError = err;
    } finally {
      this.busyId = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-users-panel': EcUsersPanel;
  }
}
