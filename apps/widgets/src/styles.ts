// The widget's stylesheet (widget.css, minified into the bundle by Vite), adopted by each
// shadow root as a constructable stylesheet: no <style> element and no style="" attribute, so
// it works under a host CSP without 'unsafe-inline'.
import css from './widget.css?inline';

let shared: CSSStyleSheet | undefined;

/**
 * One sheet shared by every widget on the page (adoptedStyleSheets may share it).
 *
 * @example
 * root.adoptedStyleSheets = [sheet()];
 */
export function sheet(): CSSStyleSheet {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(css);
  }
  return shared;
}
