// Runs in the iframe embed page (/embed/pledge/:slug): removes the page margin and tells the
// parent page the content height, so the host's few-line listener can size the iframe.
const page = new CSSStyleSheet();
page.replaceSync('html,body{margin:0;background:transparent}');
document.adoptedStyleSheets = [page];

let last = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last) return;
  last = height;
  // Only a height leaves the frame, so any parent may read it.
  parent.postMessage({ type: 'groundwork:resize', height }, '*');
}).observe(document.documentElement);
