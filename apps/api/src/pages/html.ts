import type { html } from 'hono/html';

/** What `html\`…\`` returns: an escaped string (or its promise when a value was async). */
export type Html = ReturnType<typeof html>;

/**
 * The first paragraph of rendered pledge HTML as plain text, for meta descriptions.
 * The input is our own sanitized Markdown output, so a tag-stripping pass is enough;
 * the result is escaped again when it goes into the page.
 *
 * @example
 * firstParagraphText('<p>Hello &amp; <em>welcome</em></p><p>more</p>') // 'Hello & welcome'
 */
export function firstParagraphText(bodyHtml: string, maxLength = 300): string {
  const paragraph = /<p[\s>][\s\S]*?<\/p>/i.exec(bodyHtml)?.[0] ?? bodyHtml;
  const text = decodeEntities(paragraph.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number.parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}
