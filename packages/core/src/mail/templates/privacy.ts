import { z } from 'zod';
import { renderMarkdown } from '../../pledges/markdown.ts';
import { button, html, layout, paragraph, rawHtml, richText, type SafeHtml } from '../html.ts';
import { defineTemplate, type MailLocale, oneLine } from '../registry.ts';
import { mailText, mailUrl } from './schemas.ts';

/*
 * The supporter-privacy mails: the "my data" magic link and broadcasts; plus the visible
 * unsubscribe line every mail to a supporter carries (RFC 8058 headers go with it).
 */

const nbsp = '\u00a0';

const unsubscribeCopy = {
  en: 'Stop receiving e-mails',
  fr: 'Ne plus recevoir d’e-mails',
} satisfies Record<MailLocale, string>;

const colon = { en: ': ', fr: `${nbsp}: ` } satisfies Record<MailLocale, string>;

/**
 * The plain-text unsubscribe line ('' when there is no link).
 *
 * @example
 * `${text}${unsubscribeText('fr', data.unsubscribeUrl)}`
 */
export function unsubscribeText(locale: MailLocale, url: string | undefined): string {
  return url ? `\n${unsubscribeCopy[locale]}${colon[locale]}${url}\n` : '';
}

/**
 * The HTML footer with a visible unsubscribe link.
 *
 * @example
 * layout({ …, footer: unsubscribeFooter('en', 'You receive this…', data.unsubscribeUrl) })
 */
export function unsubscribeFooter(
  locale: MailLocale,
  footer: string,
  url: string | undefined,
): SafeHtml {
  if (!url) return html`${footer}`;
  return html`${footer} <a href="${url}" style="color:#57606a">${unsubscribeCopy[locale]}</a>`;
}

const linkSchema = z.object({ chapterName: mailText, url: mailUrl });

const linkCopy = {
  en: {
    subject: (chapter: string) => `Your data at ${chapter}`,
    intro: (chapter: string) =>
      `Someone (hopefully you) asked to see the data ${chapter} keeps about this address. This link opens it for one hour:`,
    action: 'See my data',
    ignore: 'If you did not ask, ignore this e-mail: nothing changes.',
    footer: 'You receive this e-mail because this address was entered on the “my data” page.',
  },
  fr: {
    subject: (chapter: string) => `Vos données chez ${chapter}`,
    intro: (chapter: string) =>
      `Quelqu’un (vous, sans doute) a demandé à voir les données que ${chapter} garde sur cette adresse. Ce lien les ouvre pendant une heure${nbsp}:`,
    action: 'Voir mes données',
    ignore: `Si ce n’était pas vous, ignorez ce message${nbsp}: rien ne change.`,
    footer:
      'Vous recevez ce message car cette adresse a été saisie sur la page «\u00a0mes données\u00a0».',
  },
} satisfies Record<MailLocale, unknown>;

/** `my-data-link`: the magic link to the person's data (one hour). */
export const myDataLink = defineTemplate({
  schema: linkSchema,
  render(locale, data) {
    const c = linkCopy[locale];
    const text = [c.intro(data.chapterName), data.url, '', c.ignore, '', `— ${data.chapterName}`];
    const body = html`${paragraph(c.intro(data.chapterName))}${button(data.url, c.action)}${paragraph(c.ignore)}${paragraph(`— ${data.chapterName}`)}`;
    const subject = oneLine(c.subject(data.chapterName));
    return {
      subject,
      text: `${text.join('\n')}\n`,
      html: layout({ lang: locale, title: subject, body, footer: c.footer }),
    };
  },
});

const broadcastSchema = z.object({
  chapterName: mailText,
  subject: mailText,
  /** Markdown, rendered by the pledge Markdown renderer (raw HTML off, links safe). */
  body: z.string().trim().min(1).max(50_000),
  unsubscribeUrl: mailUrl,
});

const broadcastCopy = {
  en: (chapter: string) => `You receive this e-mail because you agreed to hear from ${chapter}.`,
  fr: (chapter: string) =>
    `Vous recevez ce message car vous avez accepté d’être informé·e par ${chapter}.`,
} satisfies Record<MailLocale, unknown>;

/** `broadcast`: an organizer's message to consenting supporters. */
export const broadcast = defineTemplate({
  schema: broadcastSchema,
  render(locale, data) {
    const footer = broadcastCopy[locale](data.chapterName);
    const text = `${data.body}\n\n— ${data.chapterName}\n\n${footer}${unsubscribeText(locale, data.unsubscribeUrl)}`;
    const body = html`${richText(rawHtml(renderMarkdown(data.body)))}${paragraph(`— ${data.chapterName}`)}`;
    const subject = oneLine(data.subject);
    return {
      subject,
      text,
      html: layout({
        lang: locale,
        title: subject,
        body,
        footer: unsubscribeFooter(locale, footer, data.unsubscribeUrl),
      }),
    };
  },
});
