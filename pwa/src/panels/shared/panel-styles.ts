import { css } from 'lit';

/** Layout shared by the panels: a title row with its tools, then cards. */
export const panelStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.6rem 1rem;
    margin-bottom: 1rem;
  }
  h1 {
    font-size: 1.45rem;
    margin: 0;
    margin-inline-end: auto;
  }
  .stack {
    display: grid;
    gap: 1rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: end;
    margin-bottom: 0.8rem;
  }
  .notice {
    padding: 0.55rem 0.8rem;
    border-radius: var(--ec-radius, 8px);
    background: color-mix(in srgb, var(--ec-ok, #1e7b46) 10%, white);
    color: var(--ec-ok, #1e7b46);
    font-size: 0.92rem;
    margin: 0;
  }
  .offline-note {
    font-size: 0.88rem;
    color: var(--ec-warn, #9a6200);
    margin: 0;
  }
`;
