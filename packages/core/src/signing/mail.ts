/**
 * The mails of a signing batch, queued in a few multi-row inserts inside the batch's
 * transaction (they exist if and only if the signatures committed), through the outbox's
 * `enqueueMails` (one place for the row shape and its checks).
 */
import type { Transaction } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import type { TemplateName } from '../mail/index.ts';
import { type EnqueueMailInput, enqueueMails } from '../outbox/enqueue.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { textsFor } from '../pledges/pledges.ts';
import { sortableId } from './codes.ts';

export interface SigningMail {
  chapterId: string;
  /** Already validated and normalized by the signing schema. */
  to: string;
  template: Extract<TemplateName, 'pledge-confirm' | 'pledge-thanks'>;
  locale: string;
  data: unknown;
  personId: string;
  fromName: string;
  /** e.g. List-Unsubscribe (RFC 8058), set by the signing transaction. */
  headers?: Record<string, string>;
}

/**
 * Queues mails in the outbox. Throws (failing the batch, which is then retried item by item)
 * when a template's data does not pass its schema.
 *
 * @example
 * await queueSigningMails(trx, mails, clock);
 */
export async function queueSigningMails(
  trx: Transaction<Database>,
  mails: SigningMail[],
  clock: Clock,
): Promise<void> {
  if (mails.length === 0) return;
  const inputs = mails.map(
    (m): EnqueueMailInput => ({
      chapterId: m.chapterId,
      to: m.to,
      template: m.template,
      locale: m.locale,
      data: m.data as never,
      headers: m.headers ?? {},
      personId: m.personId,
      // A display name is one line (header injection); chapter names are one line already.
      fromName:
        m.fromName
          .replace(/[\r\n]+/g, ' ')
          .trim()
          .slice(0, 200) || null,
    }),
  );
  // Time-ordered ids: each batch appends to the end of the outbox's primary-key index.
  // Trusted: the address passed the signing schema and the rest is built right here.
  await enqueueMails(trx, inputs, clock, { newRowId: () => sortableId(clock), trusted: true });
}

/**
 * The data of the thank-you mail (sent at once, or after the confirmation).
 *
 * @example
 * thanksData(pledge, 'QuitGPT Paris', 'fr', 'k3x9q2ma', 'https://pledge.example')
 */
export function thanksData(
  pledge: Pledge,
  chapterName: string,
  locale: string,
  ref: string,
  publicUrl: string,
  name: { name?: string } = {},
) {
  const { texts } = textsFor(pledge, locale);
  return {
    pledgeTitle: texts.title,
    chapterName,
    nextSteps: texts.nextSteps,
    shareUrl: shareUrlFor(publicUrl, pledge.slug, ref),
    ...name,
  };
}

/** The signer's own share link. */
export function shareUrlFor(publicUrl: string, slug: string, ref: string): string {
  return `${publicUrl}/p/${slug}?ref=${ref}`;
}
