import { z } from 'zod';
import { button, html, layout, orderedList, paragraph } from '../html.ts';
import { defineTemplate, isolate, type MailLocale, oneLine } from '../registry.ts';
import { unsubscribeFooter, unsubscribeText } from './privacy.ts';
import { mailText, mailUrl } from './schemas.ts';

/*
 * The two mails of signing: the confirmation link (when the pledge asks for confirmation)
 * and the thank-you with the next steps and the share link.
 */

const confirmSchema = z.object({
  pledgeTitle: mailText,
  chapterName: mailText,
  confirmUrl: mailUrl,
  /** The signer's name, when they gave one: used in the greeting. */
  name: mailText.optional(),
  /** One-click unsubscribe page (privacy module), shown in the footer. */
  unsubscribeUrl: mailUrl.optional(),
});

const thanksSchema = z.object({
  pledgeTitle: mailText,
  chapterName: mailText,
  nextSteps: z.array(z.string().trim().min(1).max(2000)).max(50),
  shareUrl: mailUrl,
  name: mailText.optional(),
  unsubscribeUrl: mailUrl.optional(),
});

const nbsp = '\u00a0';

function greeting(locale: MailLocale, name: string | undefined): string {
  if (locale === 'fr') return name ? `Bonjour ${isolate(name)},` : 'Bonjour,';
  return name ? `Hello ${isolate(name)},` : 'Hello,';
}

const confirmCopy = {
  en: {
    subject: (title: string) => `Please confirm your signature: ${title}`,
    intro: (title: string, chapter: string) =>
      `Thank you for signing “${title}” with ${chapter}. Please confirm your signature:`,
    action: 'Confirm my signature',
    ignore: 'If you did not sign, ignore this e-mail: your address will not be counted.',
    footer: (chapter: string) =>
      `You receive this e-mail because this address was used to sign a pledge of ${chapter}.`,
  },
  fr: {
    subject: (title: string) => `Confirmez votre signature${nbsp}: ${title}`,
    intro: (title: string, chapter: string) =>
      `Merci d’avoir signé «${nbsp}${title}${nbsp}» avec ${chapter}. Confirmez votre signature${nbsp}:`,
    action: 'Confirmer ma signature',
    ignore: `Si vous n’avez pas signé, ignorez ce message${nbsp}: votre adresse ne sera pas comptée.`,
    footer: (chapter: string) =>
      `Vous recevez ce message car cette adresse a servi à signer un engagement de ${chapter}.`,
  },
} satisfies Record<MailLocale, unknown>;

/** `pledge-confirm`: the single-use confirmation link. */
export const pledgeConfirm = defineTemplate({
  schema: confirmSchema,
  render(locale, data) {
    const c = confirmCopy[locale];
    const intro = c.intro(data.pledgeTitle, data.chapterName);
    const text = [
      greeting(locale, data.name),
      '',
      intro,
      data.confirmUrl,
      '',
      c.ignore,
      '',
      `— ${data.chapterName}`,
    ].join('\n');
    const body = html`${paragraph(greeting(locale, data.name))}${paragraph(intro)}${button(data.confirmUrl, c.action)}${paragraph(c.ignore)}${paragraph(`— ${data.chapterName}`)}`;
    const subject = oneLine(c.subject(data.pledgeTitle));
    return {
      subject,
      text: `${text}\n${unsubscribeText(locale, data.unsubscribeUrl)}`,
      html: layout({
        lang: locale,
        title: subject,
        body,
        footer: unsubscribeFooter(locale, c.footer(data.chapterName), data.unsubscribeUrl),
      }),
    };
  },
});

const thanksCopy = {
  en: {
    subject: (title: string) => `Thank you for signing: ${title}`,
    intro: (title: string, chapter: string) => `Thank you for signing “${title}” with ${chapter}.`,
    steps: 'Your next steps:',
    share: 'Every signature counts: share the pledge with the people around you.',
    action: 'Share the pledge',
    footer: (chapter: string) =>
      `You receive this e-mail because this address was used to sign a pledge of ${chapter}.`,
  },
  fr: {
    subject: (title: string) => `Merci pour votre signature${nbsp}: ${title}`,
    intro: (title: string, chapter: string) =>
      `Merci d’avoir signé «${nbsp}${title}${nbsp}» avec ${chapter}.`,
    steps: `Les prochaines étapes${nbsp}:`,
    share: `Chaque signature compte${nbsp}: partagez l’engagement autour de vous.`,
    action: 'Partager l’engagement',
    footer: (chapter: string) =>
      `Vous recevez ce message car cette adresse a servi à signer un engagement de ${chapter}.`,
  },
} satisfies Record<MailLocale, unknown>;

/** `pledge-thanks`: the next steps and the signer's share link. */
export const pledgeThanks = defineTemplate({
  schema: thanksSchema,
  render(locale, data) {
    const c = thanksCopy[locale];
    const intro = c.intro(data.pledgeTitle, data.chapterName);
    const steps = data.nextSteps.map((step, i) => `${i + 1}. ${step}`);
    const text = [
      greeting(locale, data.name),
      '',
      intro,
      ...(steps.length > 0 ? ['', c.steps, ...steps] : []),
      '',
      c.share,
      data.shareUrl,
      '',
      `— ${data.chapterName}`,
    ].join('\n');
    const body = html`${paragraph(greeting(locale, data.name))}${paragraph(intro)}${
      data.nextSteps.length > 0 ? html`${paragraph(c.steps)}${orderedList(data.nextSteps)}` : ''
    }${paragraph(c.share)}${button(data.shareUrl, c.action)}${paragraph(`— ${data.chapterName}`)}`;
    const subject = oneLine(c.subject(data.pledgeTitle));
    return {
      subject,
      text: `${text}\n${unsubscribeText(locale, data.unsubscribeUrl)}`,
      html: layout({
        lang: locale,
        title: subject,
        body,
        footer: unsubscribeFooter(locale, c.footer(data.chapterName), data.unsubscribeUrl),
      }),
    };
  },
});
