import MarkdownIt from 'markdown-it';

// Raw HTML off: organizers write Markdown, never markup. Links keep only safe schemes.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const safeLink = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => safeLink.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links leave the page without telling the target where the reader came from.
  tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Renders an organizer's Markdown to HTML that is safe to put in a page: no raw HTML, no
 * images from elsewhere would be a third-party request, so images are rendered as links-free
 * text; links only with http, https or mailto.
 *
 * @example
 * renderMarkdown('**Sign** [here](https://example.org)')
 * // '<p><strong>Sign</strong> <a href="https://example.org" rel="noopener noreferrer nofollow">here</a></p>\n'
 */
export function renderMarkdown(source: string): string {
  return md.render(source);
}

// Images would load from third-party hosts (a privacy leak for supporters): show the alt text.
md.renderer.rules.image = (tokens, idx) => md.utils.escapeHtml(tokens[idx]?.content ?? '');
