/**
 * Inline images for the screens that show a mail (the admin's previews): a browser cannot
 * resolve `cid:` links, so each becomes a `data:` URL of the same image.
 */
import type { RenderedMail } from './registry.ts';

/**
 * The mail with its images written into the HTML, and no separate images.
 *
 * @example
 * const { html } = withImagesInline(renderMail('event-rsvp-confirmed', 'fr', data));
 */
export function withImagesInline(mail: RenderedMail): RenderedMail {
  let html = mail.html;
  for (const image of mail.images ?? []) {
    const url = `data:${image.contentType};base64,${image.content.toString('base64')}`;
    html = html.replaceAll(`"cid:${image.cid}"`, `"${url}"`);
  }
  return { subject: mail.subject, text: mail.text, html };
}
