/**
 * The mails of a signing batch, queued in ONE insert inside the batch's transaction (they
 * exist if and only if the signatures committed). `enqueueMail` (outbox module) writes one
 * row per call, a statement per signature, which at thousands of signatures a second was most
 * of the transaction. These are the same rows `enqueueMail` writes for mail without a dedupe
 * key (same columns, same template-data check, same locale rule).
 * TODO(outbox): offer `enqueueMails` in the outbox module so the row shape lives in one place.
 */
import type { Transaction } from 'kysely';
import { type Clock, isoNow } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { checkMailData, mailLocale, type TemplateName } from '../mail/index.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { textsFor } from '../pledges/pledges.ts';
import { bulk, type SqlCache } from './bulk.ts';
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

const outboxColumns = [
  'id',
  'chapter_id',
  'kind',
  'person_id',
  'to_address',
  'template',
  'locale',
  'payload',
  'headers',
  'from_name',
  'reply_to',
  'dedupe_key',
  'status',
  'attempts',
  'next_attempt_at',
  'created_at',
] as const;

/**
 * Queues mails in the outbox, in as few statements as possible. Throws (failing the batch,
 * which is then retried item by item) when a template's data does not pass its schema.
 *
 * @example
 * await queueSigningMails(trx, mails, clock, cache);
 */
export async function queueSigningMails(
  trx: Transaction<Database>,
  mails: SigningMail[],
  clock: Clock,
  cache: SqlCache,
): Promise<void> {
  if (mails.length === 0) return;
  const now = isoNow(clock);
  const rows = mails.map((m) => [
    sortableId(clock),
    m.chapterId,
    'mail',
    m.personId,
    m.to,
    m.template,
    mailLocale(m.locale),
    JSON.stringify(checkMailData(m.template, m.data)),
    JSON.stringify(m.headers ?? {}),
    // A display name is one line (header injection); chapter names are one line already.
    m.fromName
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 200) || null,
    null,
    null,
    'pending',
    0,
    now,
    now,
  ]);
  await bulk(trx, cache, 'outbox', outboxColumns, rows, (values) =>
    trx.insertInto('outbox').values(values as never),
  );
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
