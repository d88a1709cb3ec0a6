/**
 * The mails of a signing batch, queued in a few multi-row inserts inside the batch's
 * transaction (they exist if and only if the signatures committed), through the outbox's
 * `enqueueMails` (one place for the row shape and its checks). A big batch only records them
 * as owed, and the relay queues them with the same `queueOwedMails` (`mail-relay.ts`).
 */
import type { Transaction } from 'kysely';
import type { Clock } from '../clock/index.ts';
import { bulk } from '../db/bulk.ts';
import type { Database } from '../db/schema.ts';
import type { TemplateName } from '../mail/index.ts';
import { type EnqueueMailInput, enqueueMails } from '../outbox/enqueue.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { textsFor } from '../pledges/pledges.ts';
import { hashToken, newConfirmationToken, sortableId } from './codes.ts';
import type { SigningMailRef } from './mail-refs.ts';
import type { SignatureStatus } from './signing.table.ts';
import type { Planned, WriteOptions } from './store.ts';

/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Signing again while unconfirmed sends a new link, at most once in this long (anyone can type
 * an address: this bounds what they can make a stranger's inbox receive).
 */
export const RESEND_AFTER_MS = 10 * 60 * 1000;

export interface SigningMail {
  chapterId: string;
  /** Already validated and normalized by the signing schema. */
  to: string;
  template: Extract<TemplateName, 'pledge-confirm' | 'pledge-thanks'>;
  locale: string;
  /** A reference, completed when the mail is sent (`mail-refs.ts`). */
  data: SigningMailRef;
  personId: string;
  fromName: string;
}

/**
 * Queues signing mails (references) in the outbox, trusted: the address passed the signing
 * schema and the rest is built in code; the data is checked when the mail is rendered.
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

const tokenColumns = ['token_hash', 'signature_id', 'created_at', 'expires_at'] as const;

/** What a signing mail is built from: a signature and where it goes. */
export interface OwedMail {
  signatureId: string;
  chapterId: string;
  chapterName: string;
  personId: string;
  email: string;
  locale: string;
  /** Pending: the confirmation link (a new token); confirmed: the thank-you. */
  status: SignatureStatus;
}

/**
 * Queues in the outbox the confirmation link (pending) or the thank-you (confirmed) of each
 * signature, in the caller's transaction, as references completed when sent (`mail-refs.ts`).
 * Called by the signing transaction itself for small batches, and by the relay for the mails
 * that larger batches only recorded as owed (`mail-relay.ts`).
 *
 * @example
 * await queueOwedMails(trx, [owedMailOf(plan)], options);
 */
export async function queueOwedMails(
  trx: Transaction<Database>,
  owed: OwedMail[],
  options: WriteOptions,
) {
  const now = options.clock.now();
  const tokens: unknown[][] = [];
  const mails: SigningMail[] = [];
  for (const o of owed) {
    let data: SigningMailRef = { signatureId: o.signatureId };
    if (o.status === 'pending') {
      const token = newConfirmationToken();
      const expires = new Date(now.getTime() + CONFIRMATION_TTL_MS);
      tokens.push([hashToken(token), o.signatureId, now.toISOString(), expires.toISOString()]);
      data = { signatureId: o.signatureId, confirmUrl: `${options.publicUrl}/confirm/${token}` };
    }
    // One literal: on Node 20, `{ ...shared, more }` cost ~3 µs a mail here (V8 11.3 adds
    // properties to a spread copy the slow way; measured).
    mails.push({
      chapterId: o.chapterId,
      to: o.email,
      template: o.status === 'pending' ? 'pledge-confirm' : 'pledge-thanks',
      locale: o.locale,
      data,
      personId: o.personId,
      fromName: o.chapterName,
    });
  }
  await bulk(trx, 'tokens', tokenColumns, tokens, (v) =>
    trx.insertInto('signature_confirmations').values(v as never),
  );
  await queueSigningMails(trx, mails, options.clock);
}

/** The mail a planned signature is owed. */
export function owedMailOf(p: Planned): OwedMail {
  return {
    signatureId: p.signatureId,
    chapterId: p.item.pledge.chapterId,
    chapterName: p.item.chapterName,
    personId: p.personId,
    email: p.item.signature.email,
    locale: p.item.signature.locale,
    status: p.status,
  };
}

/**
 * Of the plans that met an existing signature, those still waiting for their confirmation
 * whose last link is older than `RESEND_AFTER_MS`: the link may have expired or been lost, and
 * the page for a dead link says to sign again. The answer to the signer stays the same.
 *
 * @example
 * const again = await confirmationsToResend(trx, adopted, clock);
 */
export async function confirmationsToResend(
  trx: Transaction<Database>,
  adopted: Planned[],
  clock: Clock,
): Promise<Planned[]> {
  const pending = adopted.filter((p) => p.existingStatus === 'pending' && p.status === 'pending');
  if (pending.length === 0) return [];
  const since = new Date(clock.now().getTime() - RESEND_AFTER_MS).toISOString();
  const recent = await trx
    .selectFrom('signature_confirmations')
    .select('signature_id')
    .where(
      'signature_id',
      'in',
      pending.map((p) => p.signatureId),
    )
    .where('created_at', '>', since)
    .execute();
  // A link still owed (`mail-relay.ts`) is as good as one just sent.
  const owed = await trx
    .selectFrom('signature_mails')
    .select('signature_id')
    .where(
      'signature_id',
      'in',
      pending.map((p) => p.signatureId),
    )
    .execute();
  const sentLately = new Set([...recent, ...owed].map((r) => r.signature_id));
  return pending.filter((p) => !sentLately.has(p.signatureId));
}
