import type { z } from 'zod';

/** The languages every template speaks. Anything else falls back to English. */
export const mailLocales = ['fr', 'en'] as const;
export type MailLocale = (typeof mailLocales)[number];

/**
 * An image the HTML shows as `<img src="cid:…">`, sent inside the message (a related MIME
 * part): mail clients show it without fetching anything, and many do not draw inline SVG.
 */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: 'image/png';
  content: Buffer;
}

/** What a template produces: one subject, a plain-text body, an HTML body and its images. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  images?: InlineImage[];
}

/**
 * A mail template: a zod schema for its data (checked when the mail is queued, so a bad
 * payload fails in the caller's transaction, not later in the worker) and a render function.
 */
export interface MailTemplate<S extends z.ZodType = z.ZodType> {
  schema: S;
  render(locale: MailLocale, data: z.output<S>): RenderedMail;
}

/**
 * Declares a template with its data type inferred from the schema.
 *
 * @example
 * export const hello = defineTemplate({
 *   schema: z.object({ name: z.string() }),
 *   render: (locale, data) => ({ subject: `Hi ${data.name}`, text: '…', html: '…' }),
 * });
 */
export function defineTemplate<S extends z.ZodType>(template: MailTemplate<S>): MailTemplate<S> {
  return template;
}

/**
 * Maps a page or person locale (`fr`, `fr-FR`, `FR`, `de`) to a template locale.
 *
 * @example
 * mailLocale('fr-CA') // 'fr'
 * mailLocale('de') // 'en'
 */
export function mailLocale(locale: string | null | undefined): MailLocale {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (mailLocales as readonly string[]).includes(base ?? '') ? (base as MailLocale) : 'en';
}

/**
 * Subjects are one line: collapse whitespace runs (newlines included) to single spaces,
 * keeping no-break spaces (French punctuation uses them).
 */
export function oneLine(value: string): string {
  return value.replace(/[^\S\u00a0]+/g, ' ').trim();
}

/**
 * A person's name inside a sentence, between Unicode isolates (FSI … PDI): a right-to-left
 * name, or one carrying direction controls (U+202E), cannot reorder the words around it.
 * Names are stored exactly as given; only their display is isolated.
 *
 * @example
 * `Hello ${isolate(name)},`
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
