import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.ts';
import { type Clock, systemClock } from '../../clock/index.ts';
import type { Database } from '../../db/schema.ts';
import { parseInput } from '../../errors/index.ts';
import { answerCells } from '../answer-cells.ts';
import { getChapterPledge } from './access.ts';
import { type SignatureFilter, signatureFilterInput } from './schemas.ts';
import { signatureBatches } from './signatures-query.ts';

export interface SignatureExport {
  /** Column names: fixed ones, then one per custom question (its label). */
  header: string[];
  /** The filters as validated (record them in the audit log). */
  filter: SignatureFilter;
  /** Rows of plain cell strings, in batches (oldest first); never the whole set at once. */
  batches: AsyncIterable<string[][]>;
}

/**
 * The rows of a pledge's signature export, as plain strings (the transport turns them into
 * CSV). Multiple-choice answers are joined with "; ".
 *
 * @example
 * const { header, batches } = await exportSignatures(db, chapterId, { pledgeId });
 * for await (const rows of batches) write(rows);
 */
export async function exportSignatures(
  db: Kysely<Database>,
  chapterId: string,
  input: unknown,
  batchSize = 1000,
): Promise<SignatureExport> {
  const filter: SignatureFilter = parseInput(signatureFilterInput, input);
  const pledge = await getChapterPledge(db, chapterId, filter.pledgeId);
  const locale = pledge.defaultLocale;
  const questions = pledge.questions;
  const header = [
    'signed_at',
    'status',
    'confirmed_at',
    'name',
    'email',
    'postal_code',
    'locale',
    'email_consent',
    'source',
    'referral_code',
    'referred_by_code',
    ...questions.map((q) => q.label[locale] ?? q.id),
  ];
  async function* batches() {
    for await (const batch of signatureBatches(db, chapterId, filter, batchSize)) {
      yield batch.map((s) => [
        s.createdAt,
        s.status,
        s.confirmedAt ?? '',
        s.name ?? '',
        s.email,
        s.postalCode ?? '',
        s.locale,
        s.consent ? 'yes' : 'no',
        s.source ?? '',
        s.referralCode,
        s.referrerCode ?? '',
        ...answerCells(questions, s.answers, locale),
      ]);
    }
  }
  return { header, filter, batches: batches() };
}

/**
 * Records an export of personal data in the audit log: who, which filters, how many rows, and
 * whether the download ran to its end.
 *
 * @example
 * await recordSignatureExport(db, { chapterId, userId }, filter, { rows: 1234, completed: true }, clock);
 */
export async function recordSignatureExport(
  db: Kysely<Database>,
  actor: { chapterId: string; userId: string },
  filter: SignatureFilter,
  result: { rows: number; completed: boolean },
  clock: Clock = systemClock,
): Promise<void> {
  await recordAudit(
    db,
    {
      chapterId: actor.chapterId,
      actorUserId: actor.userId,
      action: 'signatures.exported',
      target: filter.pledgeId,
      details: { filter, ...result },
    },
    clock,
  );
}
