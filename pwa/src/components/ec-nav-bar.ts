import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';

export interface NavItem {
  id: string;
  href: string;
  label: string;
  /** Items with the same section label are grouped under it. */
  section?: string;
  /** A count shown on the link (open callbacks assigned to me); hidden when 0 or absent. */
  badge?: number;
  /** What the badge means, for screen readers. */
  badgeLabel?: string;
}

/** The panel links; fires `ec-navigate` with `{href}` instead of reloading the page. */
@customElement('ec-nav-bar')
export class EcNavBar extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    nav {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }
    .section {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .section.labelled {
      border-inline: 1px solid var(--ec-border, #d5dde1);
      padding-inline: 0.6rem;
    }
    .section-label {
      font-size: 0.72rem;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--ec-muted, #5b6b73);
      margin-inline-end: 0.15rem;
    }
    a {
      display: inline-block;
      padding: 0.45rem 0.8rem;
      border-radius: var(--ec-radius, 8px);
      color: var(--ec-text, #1d2a30);
      text-decoration: none;
      font-weight: 500;
    }
    a:hover {
      background: color-mix(in srgb, var(--ec-primary, #0b5d6b) 8%, transparent);
    }
    a[aria-current='page'] {
      background: color-mix(in srgb, var(--ec-primary, #0b5d6b) 14%, transparent);
      color: var(--ec-primary-dark, #074450);
      font-weight: 650;
    }
    .badge {
      display: inline-block;
      min-width: 1.3rem;
      margin-inline-start: 0.35rem;
      padding: 0 0.35rem;
      border-radius: 999px;
      background: var(--ec-danger, #b3261e);
      color: #fff;
      font-size: 0.75rem;
      font-weight: 700;
      text-align: center;
      line-height: 1.3rem;
    }
    a:focus-visible {
      outline: 3px solid color-mix(in srgb, var(--ec-primary, #0b5d6b) 45%, transparent);
    }
  `;

  @property({ attribute: false }) items: NavItem[] = [];
  @property() current = '';
  @property() label = '';

  override render() {
    const groups: { section?: string; items: NavItem[] }[] = [];
    for (const item of this.items) {
      const last = groups.at(-1);
      if (last && last.section === item.section) last.items.push(item);
      else groups.push({ section: item.section, items: [item] });
    }
    return html`<nav aria-label=${this.label}>
      ${groups.map(
        (g) => html`<span class="section ${g.section ? 'labelled' : ''}" role=${g.section ? 'group' : nothing} aria-label=${g.section ?? nothing}>
          ${g.section ? html`<span class="section-label" aria-hidden="true">${g.section}</span>` : nothing}
          ${g.items.map(
            (i) => html`<a
              href=${i.href}
              data-route=${i.id}
              aria-current=${i.id === this.current ? 'page' : nothing}
              @click=${(e: MouseEvent) => this.#follow(e, i)}
              >${i.label}${i.badge
                ? html`<span class="badge" data-badge=${i.id} title=${i.badgeLabel ?? nothing} aria-label=${i.badgeLabel ?? nothing}>${i.badge}</span>`
                : nothing}</a
            >`,
          )}
        </span>`,
      )}
    </nav>`;
  }

  #follow(e: MouseEvent, item: NavItem) {
    // Let the browser handle new-tab and similar clicks.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    this.dispatchEvent(new CustomEvent('ec-navigate', { detail: { href: item.href }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ec-nav-bar': EcNavBar;
  }
}
