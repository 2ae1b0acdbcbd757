import { css, html, nothing } from 'lit';
import type { ErrorView } from '../i18n/describe-error.ts';

export type FieldIssues = ErrorView['fields'];

/** Does the appliance's path (`queues.0.maxWaitSeconds`) fall under `prefix` (`queues.0`)? */
export const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** The issues the appliance reported at these paths or below them. */
export function issuesAt(error: ErrorView | null, prefixes: readonly string[]): FieldIssues {
  return (error?.fields ?? []).filter((f) => prefixes.some((p) => under(f.path, p)));
}

/** The error without the issues shown beside their fields (those would be said twice). */
export function unplaced(error: ErrorView | null, placed: readonly string[]): ErrorView | null {
  if (!error) return null;
  return { ...error, fields: error.fields.filter((f) => !placed.some((p) => under(f.path, p))) };
}

/** The messages shown under one field; `data-error-for` names it for tests and assistive tech. */
export function fieldError(name: string, issues: FieldIssues) {
  if (!issues.length) return nothing;
  return html`<span class="field-error" role="alert" data-error-for=${name} lang="en">${issues.map((i) => i.message).join('; ')}</span>`;
}

export const fieldErrorStyles = css`
  .field-error {
    color: var(--ec-danger, #b3261e);
    font-weight: 500;
    font-size: 0.82rem;
  }
  [aria-invalid='true'] {
    border-color: var(--ec-danger, #b3261e);
  }
`;
