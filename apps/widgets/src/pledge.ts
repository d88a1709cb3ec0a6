// The script-tag entry: <script src="https://CHAPTER/widgets/pledge.js" async></script>.
// Captures its own URL while it runs (the API origin), then registers <groundwork-pledge>.
// Adds no global other than the custom element.
import { pledgeElement } from './pledge/element.tsx';

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL(script?.src || location.href).origin;

if (!customElements.get('groundwork-pledge')) {
  customElements.define('groundwork-pledge', pledgeElement(base));
}
