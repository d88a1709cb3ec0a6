import { render } from 'solid-js/web';
import { sheet } from '../styles.ts';
import { PledgeWidget } from './PledgeWidget.tsx';

const ATTRIBUTES = ['pledge', 'locale', 'accent', 'compact', 'api'];

/** The origin that sent this page here, when the widget runs inside the iframe embed. */
function embedder(): string {
  try {
    return new URL(document.referrer).origin;
  } catch {
    return location.origin;
  }
}

/**
 * The `accent` attribute as a small sheet (an inline style would need 'unsafe-inline'). The
 * text on the accent turns black or white by the accent's lightness where the browser knows
 * relative colours, else white (the usual case: a dark brand colour).
 */
function accentSheet(accent: string | null): CSSStyleSheet[] {
  if (!accent || !globalThis.CSS?.supports?.('color', accent)) return [];
  const s = new CSSStyleSheet();
  s.replaceSync(
    `.gw{--_accent:${accent};--_on-accent:#fff}@supports (color:lch(from red l c h)){.gw{--_on-accent:lch(from ${accent} calc((50 - l)*999) 0 0)}}`,
  );
  return [s];
}

/**
 * Builds the `<groundwork-pledge>` class for an API origin (the script's own origin unless
 * the element has an `api` attribute). Each element renders into its own open shadow root,
 * so several widgets on a page are independent.
 *
 * @example
 * customElements.define('groundwork-pledge', pledgeElement('https://pledge.example.org'));
 */
export function pledgeElement(defaultBase: string): CustomElementConstructor {
  return class GroundworkPledge extends HTMLElement {
    static observedAttributes = ATTRIBUTES;
    #dispose: (() => void) | undefined;
    #queued = false;

    connectedCallback() {
      this.#schedule();
    }

    disconnectedCallback() {
      this.#dispose?.();
      this.#dispose = undefined;
    }

    attributeChangedCallback() {
      // Attributes rarely change after load (the admin preview does): simply render anew.
      if (this.isConnected) this.#schedule();
    }

    /**
     * One render for everything that changed in this task: when the script arrives after
     * the markup, the element is upgraded with one attribute change per attribute, then
     * connected; each render loads the pledge.
     */
    #schedule() {
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
      if (this.#queued) return;
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        if (this.isConnected) this.#mount(this.shadowRoot as ShadowRoot);
      });
    }

    #mount(root: ShadowRoot) {
      this.#dispose?.();
      root.adoptedStyleSheets = [sheet(), ...accentSheet(this.getAttribute('accent'))];
      root.textContent = '';
      const slug = this.getAttribute('pledge');
      if (!slug) return;
      // Plain values (not expressions in the JSX), so Solid passes them as static props.
      const base = (this.getAttribute('api') ?? defaultBase).replace(/\/+$/, '');
      const locale = this.getAttribute('locale');
      const compact = this.hasAttribute('compact');
      const source = window === window.parent ? location.origin : embedder();
      const referrer = new URLSearchParams(location.search).get('ref');
      this.#dispose = render(
        () => (
          <PledgeWidget
            base={base}
            slug={slug}
            locale={locale}
            compact={compact}
            source={source}
            referrer={referrer}
          />
        ),
        root,
      );
    }
  };
}
