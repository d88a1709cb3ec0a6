/**
 * A tiny auto-escaping HTML builder for mail: every interpolated value is escaped unless it
 * is itself `SafeHtml` built by `html`. Mail clients get simple markup with inline styles,
 * no remote images, no scripts.
 */

/** HTML that has already been escaped (built by `html` or `rawHtml`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

/**
 * Escapes text for HTML content and double-quoted attribute values.
 *
 * @example
 * escapeHtml('<b>"hi"</b>') // '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;'
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function renderPart(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  return escapeHtml(String(part));
}

/**
 * Tagged template: the literal parts are trusted, the values are escaped.
 *
 * @example
 * html`<p>Hello ${name}</p>` // name "<script>" becomes "&lt;script&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderPart(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup produced elsewhere (e.g. markdown-it with `html: false`). */
export function rawHtml(value: string): SafeHtml {
  return new SafeHtml(value);
}

const font = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif';

/** A paragraph in the mail's body style. */
export function paragraph(content: Part): SafeHtml {
  return html`<p style="margin:0 0 16px;${font};font-size:16px;line-height:1.5;color:#1f2328">${content}</p>`;
}

/**
 * A block of rich text (rendered Markdown: paragraphs, lists, headings) in the mail's body
 * style; without it, mail clients show it in their default serif font.
 */
export function richText(content: SafeHtml): SafeHtml {
  return html`<div style="${font};font-size:16px;line-height:1.5;color:#1f2328">${content}</div>`;
}

/** A call-to-action link styled as a button, with the URL also visible as text below it. */
export function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0;${font}"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#1a56db;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${label}</a></p>
<p style="margin:0 0 16px;${font};font-size:13px;color:#57606a;word-break:break-all">${href}</p>`;
}

/** An ordered list (next steps, ...). */
export function orderedList(items: readonly string[]): SafeHtml {
  return html`<ol style="margin:0 0 16px;padding-left:24px;${font};font-size:16px;line-height:1.5;color:#1f2328">${items.map((item) => html`<li style="margin:0 0 8px">${item}</li>`)}</ol>`;
}

/**
 * The whole document: one centered column, inline styles only (mail clients drop <style>),
 * and a footer line saying why the reader got this mail.
 */
export function layout(options: {
  lang: string;
  title: string;
  body: SafeHtml;
  footer: Part;
}): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
</head>
<body style="margin:0;padding:0;background:#f6f8fa">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #d0d7de;border-radius:8px">
<tr><td style="padding:32px 28px">
${options.body}
</td></tr>
</table>
<p style="margin:16px 0 0;${font};font-size:12px;line-height:1.5;color:#57606a;max-width:560px">${options.footer}</p>
</td></tr>
</table>
</body>
</html>
`.value;
}
