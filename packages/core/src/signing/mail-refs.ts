/**
 * Signing mails are queued as references: the signature's id (and, for a confirmation, its
 * link, which exists nowhere else: only the token's hash is stored). They are completed when
 * sent or shown: pledge title, next steps, share link, the signer's name and the RFC 8058
 * unsubscribe link. Building and storing all that in every signing transaction cost about a
 * sixth of the writer thread's time, and the row (1.4 KB) was more than half of what a
 * signature's rows weigh (measured); and like every outbox mail, the wording is the current
 * one when it is sent.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type ExpandedMail, type MailExpander, MailGoneError } from '../outbox/index.ts';
import { getPledge, textsFor } from '../pledges/pledges.ts';
import { unsubscribeLink } from '../privacy/index.ts';
import { thanksData } from './mail.ts';

/** The payload of a signing mail in the outbox. */
export interface SigningMailRef {
  signatureId: string;
  /** Confirmation mails only. */
  confirmUrl?: string;
}

const templates = new Set(['pledge-thanks', 'pledge-confirm']);

/**
 * @example
 * const expand = signingMailExpander(db.kysely, { publicUrl, secret });
 * createOutboxWorker({ …, expand });
 */
export function signingMailExpander(
  db: Kysely<Database>,
  options: { publicUrl: string; secret?: string },
): MailExpander {
  return async (row) => {
    if (!templates.has(row.template)) return undefined;
    const ref = JSON.parse(row.payload) as Partial<SigningMailRef>;
    // Rows queued before references (whole data) render as they are.
    if (typeof ref.signatureId !== 'string') return undefined;
    const s = await db
      .selectFrom('signatures as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .innerJoin('chapters as c', 'c.id', 's.chapter_id')
      .select(['s.pledge_id', 's.person_id', 's.referral_code', 'p.name', 'c.name as chapterName'])
      .where('s.id', '=', ref.signatureId)
      .executeTakeFirst();
    if (!s) throw new MailGoneError('The signature of this mail no longer exists.');
    const pledge = await getPledge(db, s.pledge_id);
    const name = s.name?.trim() ? { name: s.name.trim() } : {};
    const link = options.secret
      ? unsubscribeLink(options.secret, options.publicUrl, s.person_id)
      : undefined;
    const unsubscribe = link ? { unsubscribeUrl: link.url } : {};
    const data =
      row.template === 'pledge-thanks'
        ? {
            ...thanksData(
              pledge,
              s.chapterName,
              row.locale,
              s.referral_code,
              options.publicUrl,
              name,
            ),
            ...unsubscribe,
          }
        : {
            pledgeTitle: textsFor(pledge, row.locale).texts.title,
            chapterName: s.chapterName,
            confirmUrl: ref.confirmUrl,
            ...name,
            ...unsubscribe,
          };
    const expanded: ExpandedMail = { data, headers: link?.headers ?? {} };
    return expanded;
  };
}
