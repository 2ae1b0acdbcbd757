import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Translator } from '../i18n/translator.ts';
import type { ErrorView } from '../i18n/describe-error.ts';
import { sharedStyles } from './shared-styles.ts';
import { fieldError, fieldErrorStyles, issuesAt, unplaced } from './field-issues.ts';
import './ec-error-message.ts';

/** What the IVR may refer to: lowercase letters, digits, - and _. */
export function soundNameOf(fileName: string): string {
  return fileName
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 64);
}

/**
 * Upload an IVR sound (WAV, MP3 or OGG): the file, the name the IVR plays
 * it by, a title, and whether to replace a sound of that name. Fires
 * `ec-upload` {file, name, title, replace}.
 */
@customElement('ec-sound-upload')
export class EcSoundUpload extends LitElement {
  static override styles = [
    sharedStyles,
    fieldErrorStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1.05rem;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.6rem 1rem;
        align-items: end;
      }
      label.check {
        display: flex;
        align-items: center;
        gap: 0.35rem;
        font-weight: 500;
      }
      ec-error-message {
        margin-top: 0.6rem;
      }
    `,
  ];

  @property({ attribute: false }) i18n!: Translator;
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) error: ErrorView | null = null;
  @state() private name = '';

  override render() {
    const t = this.i18n;
    if (!t) return nothing;
    return html`<form class="card" data-form="sound-upload" novalidate @submit=${this.#submit}>
      <h2>${t.t('admin.sounds.upload')}</h2>
      <label
        >${t.t('admin.sounds.file')}
        <input type="file" name="file" accept=".wav,.mp3,.ogg,audio/wav,audio/mpeg,audio/ogg" required @change=${this.#onFile} />
        <span class="hint">${t.t('admin.sounds.fileHint')}</span>
        ${fieldError('file', issuesAt(this.error, ['file']))}
      </label>
      <label
        >${t.t('admin.sounds.name')}
        <input name="name" autocomplete="off" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        <span class="hint">${t.t('admin.sounds.nameHint')}</span>
        ${fieldError('name', issuesAt(this.error, ['name']))}
      </label>
      <label>${t.t('admin.sounds.titleLabel')}<input name="title" autocomplete="off" /></label>
      <label class="check"><input type="checkbox" name="replace" />${t.t('admin.sounds.replace')}</label>
      <button type="submit" class="primary" data-action="upload" ?disabled=${this.busy}>${t.t('admin.sounds.uploadButton')}</button>
    </form>
    <ec-error-message .error=${unplaced(this.error, ['file', 'name'])}></ec-error-message>`;
  }

  #onFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file && !this.name) this.name = soundNameOf(file.name);
  }

  #submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get('file') as File | null;
    if (!file || file.size === 0) return;
    this.dispatchEvent(
      new CustomEvent('ec-upload', {
        detail: { file, name: this.name.trim() || soundNameOf(file.name), title: String(data.get('title') ?? ''), replace: data.get('replace') === 'on' },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** After a successful upload. */
  reset() {
    this.name = '';
    this.renderRoot.querySelector('form')?.reset();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-sound-upload': EcSoundUpload;
  }
}
