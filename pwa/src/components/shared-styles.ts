import { css } from 'lit';

/** Controls, cards and tables shared by shadow roots (global CSS does not reach them). */
export const sharedStyles = css`
  :host {
    font-family: var(--ec-font, system-ui, sans-serif);
    color: var(--ec-text, #1d2a30);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  .button {
    font: inherit;
    font-size: 0.95rem;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.45rem 0.9rem;
    border-radius: var(--ec-radius, 8px);
    border: 1px solid var(--ec-border, #d5dde1);
    background: var(--ec-surface, #fff);
    color: var(--ec-text, #1d2a30);
    cursor: pointer;
    text-decoration: none;
    line-height: 1.3;
  }
  button:hover:not(:disabled),
  .button:hover {
    border-color: var(--ec-primary, #0b5d6b);
  }
  button:focus-visible,
  .button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 3px solid color-mix(in srgb, var(--ec-primary, #0b5d6b) 45%, transparent);
    outline-offset: 1px;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button.primary,
  .button.primary {
    background: var(--ec-primary, #0b5d6b);
    border-color: var(--ec-primary, #0b5d6b);
    color: #fff;
  }
  button.primary:hover:not(:disabled) {
    background: var(--ec-primary-dark, #074450);
  }
  button.danger {
    color: var(--ec-danger, #b3261e);
    border-color: color-mix(in srgb, var(--ec-danger, #b3261e) 40%, white);
  }
  button.danger.solid {
    background: var(--ec-danger, #b3261e);
    color: #fff;
  }
  button.small {
    padding: 0.25rem 0.6rem;
    font-size: 0.85rem;
  }
  input,
  select {
    font: inherit;
    font-weight: 400;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--ec-border, #d5dde1);
    border-radius: var(--ec-radius, 8px);
    background: #fff;
    color: inherit;
    min-width: 0;
  }
  label {
    display: grid;
    align-content: start;
    gap: 0.25rem;
    font-size: 0.9rem;
    font-weight: 600;
  }
  .hint {
    font-weight: 400;
    font-size: 0.8rem;
    color: var(--ec-muted, #5b6b73);
  }
  .card {
    background: var(--ec-surface, #fff);
    border: 1px solid var(--ec-border, #d5dde1);
    border-radius: calc(var(--ec-radius, 8px) * 1.5);
    padding: 1rem 1.25rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.92rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.5rem 0.6rem;
    border-bottom: 1px solid var(--ec-border, #d5dde1);
    vertical-align: top;
  }
  th {
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: var(--ec-muted, #5b6b73);
    font-weight: 600;
  }
  .muted {
    color: var(--ec-muted, #5b6b73);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
