import { css, html, nothing } from 'lit';
import type { ErrorView } from '../i18n/describe-error.ts';

/**
 * The appliance's validation messages (validation_failed details) by field
 * path, so an editor shows each next to its input. `unplaced` are those no
 * input claims (a rule on the whole list), shown with the summary.
 */
export class FieldErrors {
  readonly #byPath = new Map<string, string>();
  readonly #claimed = new Set<string>();

  constructor(private readonly error: ErrorView | null) {
    for (const f of error?.fields ?? []) this.#byPath.set(f.path, this.#byPath.has(f.path) ? `${this.#byPath.get(f.path)}; ${f.message}` : f.message);
  }

  /** The message for `path`, claimed so the summary does not repeat it. */
  at(path: string): string | undefined {
    const m = this.#byPath.get(path);
    if (m !== undefined) this.#claimed.add(path);
    return m;
  }

  /** Inline message under an input; the server writes in English, so it is marked so. */
  show(path: string) {
    const m = this.at(path);
    return m === undefined ? nothing : html`<span class="field-error" role="alert" data-error=${path} lang="en">${m}</span>`;
  }

  /** The summary for ec-error-message: the sentence, and only the issues no input showed. Call after rendering the inputs. */
  summary(): ErrorView | null {
    if (!this.error) return null;
    return { ...this.error, fields: this.error.fields.filter((f) => !this.#claimed.has(f.path)) };
  }
}

export const fieldErrorStyles = css`
  .field-error {
    display: block;
    color: var(--ec-danger, #b3261e);
    font-size: 0.8rem;
    font-weight: 500;
  }
  [aria-invalid='true'] {
    border-color: var(--ec-danger, #b3261e);
  }
`;
