/**
 * The consent ledger: each grant and each withdrawal is a fact with its time, its source and
 * the exact text shown (versioned by hash in `consent_texts`). Rows are never rewritten except
 * to set the withdrawal; nothing is granted without an explicit action of the person.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Clock, isoNow, newId, systemClock } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';

/** The purpose of the e-mail updates consent (the one broadcasts require). */
export const EMAIL_UPDATES = 'email_updates';

/**
 * The version of a consent text: hex SHA-256 of purpose, locale and text.
 *
 * @example
 * consentTextHash('email_updates', 'fr', 'Je veux recevoir…') // '3f…'
 */
export function consentTextHash(purpose: string, locale: string, text: string): string {
  return createHash('sha256').update(`${purpose}\n${locale}\n${text}`).digest('hex');
}

/**
 * Stores a consent text version (once) and returns its hash.
 *
 * @example
 * const hash = await ensureConsentText(trx, { purpose: EMAIL_UPDATES, locale: 'en', text });
 */
export async function ensureConsentText(
  db: Kysely<Database>,
  t: { purpose: string; locale: string; text: string },
  clock: Clock = systemClock,
): Promise<string> {
  const hash = consentTextHash(t.purpose, t.locale, t.text);
  await db
    .insertInto('consent_texts')
    .values({ hash, purpose: t.purpose, locale: t.locale, text: t.text, created_at: isoNow(clock) })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
  return hash;
}

export interface GrantInput {
  chapterId: string;
  personId: string;
  purpose: string;
  /** The exact words the person agreed to. */
  text: string;
  locale: string;
  /** e.g. `pledge:slug`, `event:slug`, `import:<id>`, `my-data`. */
  source: string;
}

/**
 * Records a grant. A person who already has a current grant of the same purpose and text
 * version keeps it (no duplicate row). Returns whether a row was written.
 *
 * @example
 * await grantConsent(trx, { chapterId, personId, purpose: EMAIL_UPDATES, text, locale: 'fr', source: 'import:01H…' }, clock);
 */
export async function grantConsent(
  db: Kysely<Database>,
  input: GrantInput,
  clock: Clock = systemClock,
): Promise<boolean> {
  const hash = await ensureConsentText(db, input, clock);
  const current = await db
    .selectFrom('consents')
    .select('id')
    .where('person_id', '=', input.personId)
    .where('purpose', '=', input.purpose)
    .where('withdrawn_at', 'is', null)
    .where('text_hash', '=', hash)
    .executeTakeFirst();
  if (current) return false;
  await db
    .insertInto('consents')
    .values({
      id: newId(),
      chapter_id: input.chapterId,
      person_id: input.personId,
      purpose: input.purpose,
      text_shown: input.text,
      text_hash: hash,
      locale: input.locale,
      source: input.source,
      granted_at: isoNow(clock),
      withdrawn_at: null,
      withdrawn_source: null,
    })
    .execute();
  return true;
}

/**
 * Withdraws every current grant of a person (of one purpose, or all). Idempotent: returns
 * how many grants were withdrawn now (0 when none was current).
 *
 * @example
 * await withdrawConsent(db, { personId, purpose: EMAIL_UPDATES, source: 'unsubscribe' }, clock);
 */
export async function withdrawConsent(
  db: Kysely<Database>,
  input: { personId: string; purpose?: string; source: string },
  clock: Clock = systemClock,
): Promise<number> {
  let query = db
    .updateTable('consents')
    .set({ withdrawn_at: isoNow(clock), withdrawn_source: input.source })
    .where('person_id', '=', input.personId)
    .where('withdrawn_at', 'is', null);
  if (input.purpose) query = query.where('purpose', '=', input.purpose);
  const result = await query.executeTakeFirst();
  if (!input.purpose || input.purpose === EMAIL_UPDATES) {
    // A broadcast queued (paced) before the withdrawal must not reach them after it.
    await db
      .deleteFrom('outbox')
      .where('person_id', '=', input.personId)
      .where('template', '=', 'broadcast')
      .where('status', '=', 'pending')
      .execute();
  }
  return Number(result.numUpdatedRows);
}

export interface ConsentFact {
  id: string;
  purpose: string;
  text: string;
  textHash: string;
  locale: string;
  source: string;
  grantedAt: string;
  withdrawnAt: string | null;
  withdrawnSource: string | null;
}

/**
 * A person's whole ledger, oldest first (hash computed for rows written before versions).
 *
 * @example
 * const ledger = await consentLedger(db, personId);
 */
export async function consentLedger(
  db: Kysely<Database>,
  personId: string,
): Promise<ConsentFact[]> {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('granted_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    text: r.text_shown,
    textHash: r.text_hash ?? consentTextHash(r.purpose, r.locale, r.text_shown),
    locale: r.locale,
    source: r.source,
    grantedAt: r.granted_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnSource: r.withdrawn_source,
  }));
}
