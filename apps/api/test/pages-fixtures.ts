import { createChapter } from '@groundwork/core/chapters';
import type { Db } from '@groundwork/core/db';
import { createPledge, type PledgeInput } from '@groundwork/core/pledges';

/** A pledge whose every organizer-written text tries to break out of the HTML. */
export const hostile = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';

/**
 * Test pledges for the page tests: `pages-open` (live, no confirmation, a question of each
 * kind, postal code), `pages-confirm` (needs e-mail confirmation), `pages-closed`, `pages-pow`
 * (proof of work on),
 * `pages-draft`, and `pages-hostile` (hostile texts).
 */
export async function createPagePledges(db: Db): Promise<void> {
  const chapter = await createChapter(db.kysely, {
    slug: 'pages-test',
    name: `Pages ${hostile}`,
    locale: 'fr',
    timeZone: 'Europe/Paris',
  });
  const base = (slug: string, extra: Partial<PledgeInput> = {}): PledgeInput => ({
    slug,
    status: 'live',
    goal: 20000,
    defaultLocale: 'fr',
    askPostalCode: true,
    questions: [
      {
        id: 'why',
        kind: 'multiple',
        required: true,
        label: { fr: 'Pourquoi ?', en: 'Why?' },
        options: [
          { id: 'data', label: { fr: 'Mes données', en: 'My data' } },
          { id: 'price', label: { fr: 'Le prix', en: 'The price' } },
        ],
      },
      {
        id: 'instead',
        kind: 'single',
        required: false,
        label: { fr: 'À la place ?', en: 'Instead?' },
        options: [
          { id: 'open', label: { fr: 'Un modèle ouvert', en: 'An open model' } },
          { id: 'nothing', label: { fr: 'Rien', en: 'Nothing' } },
        ],
      },
      { id: 'note', kind: 'text', required: false, label: { fr: 'Un mot ?', en: 'A word?' } },
    ],
    translations: {
      fr: {
        title: 'Je résilie',
        body: 'Nous sommes des **milliers** à partir.\n\nDeuxième paragraphe.',
        consentText: 'J’accepte de recevoir des nouvelles par e-mail.',
        shareText: 'J’ai résilié. Et vous ?',
        nextSteps: ['Ouvrez les paramètres', 'Gardez une preuve'],
      },
      en: {
        title: 'I am cancelling',
        body: 'Thousands of us are **leaving**.\n\nSecond paragraph.',
        consentText: 'I agree to receive news by e-mail.',
        shareText: 'I cancelled. Will you?',
        nextSteps: ['Open the settings', 'Keep a proof'],
      },
    },
    ...extra,
  });
  await createPledge(db.kysely, chapter.id, base('pages-open'));
  await createPledge(db.kysely, chapter.id, base('pages-confirm', { requiresConfirmation: true }));
  await createPledge(db.kysely, chapter.id, base('pages-closed', { status: 'closed' }));
  await createPledge(db.kysely, chapter.id, base('pages-pow', { proofOfWork: true }));
  await createPledge(db.kysely, chapter.id, base('pages-draft', { status: 'draft' }));
  await createPledge(
    db.kysely,
    chapter.id,
    base('pages-hostile', {
      questions: [
        {
          id: 'q',
          kind: 'single',
          required: false,
          label: { fr: hostile },
          options: [
            { id: 'a', label: { fr: hostile } },
            { id: 'b', label: { fr: 'b' } },
          ],
        },
      ],
      translations: {
        fr: {
          title: hostile,
          body: `${hostile}\n\n[x](javascript:alert(3))`,
          consentText: hostile,
          shareText: hostile,
          nextSteps: [hostile],
        },
      },
    }),
  );
}

/** A form post (`application/x-www-form-urlencoded`), as a browser without JavaScript sends. */
export const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  };
};

let emails = 0;
/** An e-mail address no other test signs with. */
export const uniqueEmail = () => `pages-${Date.now()}-${++emails}@example.org`;

/** Every URL a page loads by itself (scripts, styles, images, frames): never another site. */
export function loadedUrls(page: string): string[] {
  const urls: string[] = [];
  for (const tag of page.matchAll(/<(script|img|iframe|link|source|video|audio|embed)\b[^>]*>/gi)) {
    const text = tag[0];
    if (/^<link/i.test(text) && !/rel="(stylesheet|icon|preload|modulepreload)"/i.test(text))
      continue;
    for (const attr of text.matchAll(/\s(?:src|href|srcset)="([^"]*)"/gi)) urls.push(attr[1] ?? '');
  }
  return urls;
}
