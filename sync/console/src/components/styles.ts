import { css } from 'lit';

/** The console's shared look: plain tables, forms and buttons. */
export const shared = css`
  :host { display: block; }
  h1 { font-size: 1.35rem; margin: 0 0 0.75rem; }
  h2 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
  p.intro { color: #4a5a63; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d5dde1; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #e3e8eb; vertical-align: top; }
  th { background: #eef2f4; font-weight: 600; font-size: 0.85rem; color: #3a4a53; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  tr.sub td:first-child { padding-left: 1.6rem; color: #3a4a53; }
  tr.selected td { background: #e6f3f5; }
  button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 4px; border: 1px solid #0b5d6b; background: #0b5d6b; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #0b5d6b; }
  button.danger { background: #fff; color: #a3261f; border-color: #a3261f; }
  button:disabled { opacity: 0.5; cursor: default; }
  button.link { background: none; border: none; color: #0b5d6b; padding: 0; text-decoration: underline; }
  input, select, textarea { font: inherit; padding: 0.3rem 0.45rem; border: 1px solid #b9c5cb; border-radius: 4px; background: #fff; }
  textarea { min-height: 6rem; width: 100%; box-sizing: border-box; }
  form.card input:not([type]), form.card input[type='text'], form.card input[type='password'] { width: min(100%, 32rem); box-sizing: border-box; }
  td button.link { white-space: nowrap; text-align: left; }
  label { display: block; margin: 0.5rem 0; }
  label > span { display: block; font-size: 0.85rem; color: #3a4a53; margin-bottom: 0.15rem; }
  label.inline { display: inline-flex; gap: 0.35rem; align-items: center; margin-right: 1rem; }
  label.inline > span { display: inline; margin: 0; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 0.9rem; }
  .toolbar label { margin: 0; }
  .error { color: #a3261f; background: #fbeceb; border: 1px solid #efc2bf; padding: 0.5rem 0.7rem; border-radius: 4px; margin: 0.5rem 0; }
  .notice { color: #1d5b2b; background: #e9f6ec; border: 1px solid #bfe3c7; padding: 0.5rem 0.7rem; border-radius: 4px; margin: 0.5rem 0; }
  .muted { color: #6b7b83; }
  .card { background: #fff; border: 1px solid #d5dde1; border-radius: 6px; padding: 0.9rem 1rem; margin: 0.75rem 0; }
  pre { white-space: pre-wrap; word-break: break-word; font-size: 0.8rem; background: #f6f8f9; padding: 0.5rem; margin: 0.3rem 0; }
  code { font-size: 0.85rem; }
  .badge { display: inline-block; font-size: 0.75rem; padding: 0.05rem 0.45rem; border-radius: 999px; background: #e3e8eb; color: #3a4a53; }
  .badge.ok { background: #e1f3e5; color: #1d5b2b; }
  .badge.warn { background: #fdf1dc; color: #7a4b00; }
  .badge.bad { background: #fbeceb; color: #a3261f; }
`;
