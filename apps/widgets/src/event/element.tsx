import { render } from 'solid-js/web';
import { sheet } from '../styles.ts';
import { EventWidget } from './EventWidget.tsx';

/**
 * Builds the `<groundwork-event event="slug">` class for an API origin (the script's own
 * origin unless the element has an `api` attribute): an open shadow root per element, the
 * shared constructable stylesheet, nothing added to the host page.
 *
 * @example
 * customElements.define('groundwork-event', eventElement('https://events.example.org'));
 */
export function eventElement(defaultBase: string): CustomElementConstructor {
  return class GroundworkEvent extends HTMLElement {
    static observedAttributes = ['event', 'locale', 'api'];
    #dispose: (() => void) | undefined;

    connectedCallback() {
      this.#mount();
    }

    disconnectedCallback() {
      this.#dispose?.();
      this.#dispose = undefined;
    }

    attributeChangedCallback() {
      if (this.isConnected) this.#mount();
    }

    #mount() {
      this.#dispose?.();
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet()];
      root.textContent = '';
      const slug = this.getAttribute('event');
      if (!slug) return;
      const base = (this.getAttribute('api') ?? defaultBase).replace(/\/+$/, '');
      const locale = this.getAttribute('locale');
      this.#dispose = render(() => <EventWidget base={base} slug={slug} locale={locale} />, root);
    }
  };
}
