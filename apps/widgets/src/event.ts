// The script-tag entry: <script src="https://CHAPTER/widgets/event.js" async></script> and
// <groundwork-event event="slug"></groundwork-event>. Captures its own URL while it runs (the
// API origin), then registers the element. Adds no global other than the custom element.
import { eventElement } from './event/element.tsx';

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL(script?.src || location.href).origin;

if (!customElements.get('groundwork-event')) {
  customElements.define('groundwork-event', eventElement(base));
}
