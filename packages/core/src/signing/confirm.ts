import type { Kysely } from 'kysely';
import { type Clock, isoNow, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/index.ts';
import { getPledge } from '../pledges/pledges.ts';
import { hashToken } from './codes.ts';
import { addToCounter } from './counter.ts';
import { queueSigningMails } from './mail.ts';

export interface ConfirmResult {
  pledgeId: string;
  slug: string;
  /** The signer's locale, for the page that answers. */
  locale: string;
  /** The signer's own share link. */
  shareUrl: string;
}

/**
 * Confirms the signature behind an e-mail link: single use, until it expires. Moves one from
 * `pending` to `confirmed` on the counter and queues the thank-you mail, in one transaction.
 * Afterwards call the signing service's `onCountChanged(result.pledgeId)` (or use its
 * `confirm`, which does both). An unknown, used or expired token is a NOT_FOUND.
 *
 * @example
 * const result = await confirmSignature(db, token, clock, { publicUrl });
 */
export async function confirmSignature(
  db: Kysely<Database>,
  token: string,
  clock: Clock = systemClock,
  options: { publicUrl?: string } = {},
): Promise<ConfirmResult> {
  const gone = () =>
    new AppError('NOT_FOUND', 'This confirmation link is not valid any more (used or expired).');
  if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw gone();
  const now = isoNow(clock);
  const publicUrl = options.publicUrl ?? '';
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('signature_confirmations as c')
      .innerJoin('signatures as s', 's.id', 'c.signature_id')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .innerJoin('chapters as ch', 'ch.id', 's.chapter_id')
      .select([
        'c.token_hash',
        'c.expires_at',
        'c.used_at',
        's.id as signatureId',
        's.pledge_id as pledgeId',
        's.status',
        's.locale',
        's.referral_code as ref',
        'p.id as personId',
        'p.email',
        'ch.name as chapterName',
      ])
      .where('c.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.used_at !== null || row.expires_at < now) throw gone();
    await trx
      .updateTable('signature_confirmations')
      .set({ used_at: now })
      .where('token_hash', '=', row.token_hash)
      .execute();
    const pledge = await getPledge(trx, row.pledgeId);
    if (row.status === 'pending') {
      await trx
        .updateTable('signatures')
        .set({ status: 'confirmed', confirmed_at: now })
        .where('id', '=', row.signatureId)
        .execute();
      await addToCounter(trx, row.pledgeId, { confirmed: 1, pending: -1 });
      // The same reference as a thank-you sent at signing (completed when sent, `mail-refs.ts`).
      await queueSigningMails(
        trx,
        [
          {
            chapterId: pledge.chapterId,
            to: row.email,
            template: 'pledge-thanks',
            locale: row.locale,
            personId: row.personId,
            fromName: row.chapterName,
            data: { signatureId: row.signatureId },
          },
        ],
        clock,
      );
    }
    return {
      pledgeId: row.pledgeId,
      slug: pledge.slug,
      locale: row.locale,
      shareUrl: `${publicUrl}/p/${pledge.slug}?ref=${row.ref}`,
    };
  });
}
