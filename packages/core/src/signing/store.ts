/**
 * The signing transaction, for a whole batch of signatures at once (group commit): a handful
 * of multi-row statements per batch instead of several statements per signature, and one
 * fsync for all of them. Portable SQL (Kysely) for SQLite and PostgreSQL.
 */
import type { Transaction } from 'kysely';
import { type Clock, isoNow } from '../clock/index.ts';
import { bulk } from '../db/bulk.ts';
import type { Database } from '../db/schema.ts';
import { personColumns, personRow, upsertPeopleQuery } from '../people/people.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { newReferralCode, newReferralPrefix, sortableId } from './codes.ts';
import { recordConsents } from './consents.ts';
import { addToCounter, type CounterDelta } from './counter.ts';
import { confirmationsToResend, owedMailOf, queueOwedMails } from './mail.ts';
import { DEFER_MAILS_FROM, oweSigningMails } from './mail-relay.ts';
import type { ValidSignature } from './schemas.ts';
import type { SignatureStatus } from './signing.table.ts';

export interface BatchItem {
  pledge: Pledge;
  chapterName: string;
  signature: ValidSignature;
}

export interface ItemOutcome {
  /** The signer's referral code (theirs from before when they had already signed). */
  ref: string;
  /** False when this person had already signed: nothing was written. */
  inserted: boolean;
  /** The status of the signature written (counted in `deltas` when inserted). */
  status: SignatureStatus;
}

export interface BatchOutcome {
  items: ItemOutcome[];
  /** Per pledge id: what the counters moved by. */
  deltas: Map<string, CounterDelta>;
  /** Mails recorded as owed, for the relay to queue (`mail-relay.ts`); 0 when queued already. */
  mailsOwed: number;
}

export interface WriteOptions {
  publicUrl: string;
  clock: Clock;
}

/** One signature of the batch as it will be written (shared by the consents and mails). */
export interface Planned {
  item: BatchItem;
  signatureId: string;
  personId: string;
  ref: string;
  status: SignatureStatus;
  /** The stored signature's status, when this person had signed already. */
  existingStatus?: SignatureStatus;
}

const signatureColumns = [
  'id',
  'chapter_id',
  'pledge_id',
  'person_id',
  'answers',
  'locale',
  'consent',
  'referral_code',
  'referred_by',
  'source',
  'status',
  'created_at',
  'confirmed_at',
] as const;

/**
 * Writes a batch of validated signatures in the given transaction. Idempotent per
 * (pledge, e-mail): a signature that exists already (or appears twice in the batch) writes
 * nothing and gets the first one's referral code.
 *
 * @example
 * const outcome = await db.transaction().execute((trx) => writeSignatures(trx, items, options));
 */
export async function writeSignatures(
  trx: Transaction<Database>,
  items: BatchItem[],
  options: WriteOptions,
): Promise<BatchOutcome> {
  const now = isoNow(options.clock);
  const personIds = await upsertPeople(trx, items, now, options);
  const personOf = (i: BatchItem) =>
    personIds.get(`${i.pledge.chapterId}\n${i.signature.email}`) as string;
  const referrers = await findReferrers(trx, items);

  // One planned signature per (pledge, person); later duplicates in the batch share it.
  const planned = new Map<string, Planned>();
  const refPrefix = newReferralPrefix();
  for (const item of items) {
    const personId = personOf(item);
    const key = `${item.pledge.id}\n${personId}`;
    if (planned.has(key)) continue;
    planned.set(key, {
      item,
      signatureId: sortableId(options.clock),
      personId,
      ref: newReferralCode(refPrefix),
      status: item.pledge.requiresConfirmation ? 'pending' : 'confirmed',
    });
  }
  const plans = [...planned.values()];
  const rows = plans.map((p) => {
    const s = p.item.signature;
    const referrer = s.ref ? referrers.get(`${p.item.pledge.id}\n${s.ref}`) : undefined;
    return [
      p.signatureId,
      p.item.pledge.chapterId,
      p.item.pledge.id,
      p.personId,
      JSON.stringify(s.answers),
      s.locale,
      s.consent ? 1 : 0,
      p.ref,
      referrer ?? null,
      s.source,
      p.status,
      now,
      p.status === 'confirmed' ? now : null,
    ];
  });
  const returned = await bulk(trx, 'signatures', signatureColumns, rows, (v) =>
    trx
      .insertInto('signatures')
      .values(v as never)
      .onConflict((oc) => oc.columns(['pledge_id', 'person_id']).doNothing())
      .returning('id'),
  );
  const inserted = new Set(returned.map((r) => r.id));
  await adoptExisting(trx, plans, inserted);

  const fresh = plans.filter((p) => inserted.has(p.signatureId));
  const deltas = await bumpCounters(trx, fresh);
  await recordConsents(trx, fresh, now, options);
  const again = await confirmationsToResend(
    trx,
    plans.filter((p) => !inserted.has(p.signatureId)),
    options.clock,
  );
  const mailed = again.length > 0 ? [...fresh, ...again] : fresh;
  // A batch this big means a spike: its mails are only recorded as owed (`mail-relay.ts`).
  const deferMails = items.length >= DEFER_MAILS_FROM;
  if (deferMails) {
    await oweSigningMails(
      trx,
      mailed.map((p) => p.signatureId),
      now,
    );
  } else {
    await queueOwedMails(trx, mailed.map(owedMailOf), options);
  }
  return {
    items: items.map((i) => {
      const p = planned.get(`${i.pledge.id}\n${personOf(i)}`) as Planned;
      return {
        ref: p.ref,
        inserted: inserted.has(p.signatureId) && p.item === i,
        status: p.status,
      };
    }),
    deltas,
    mailsOwed: deferMails ? mailed.length : 0,
  };
}

/** Person ids per `chapterId + '\n' + email`, creating the people that are new. */
async function upsertPeople(
  trx: Transaction<Database>,
  items: BatchItem[],
  now: string,
  options: WriteOptions,
): Promise<Map<string, string>> {
  const drafts = new Map<string, unknown[]>();
  for (const i of items) {
    const key = `${i.pledge.chapterId}\n${i.signature.email}`;
    if (drafts.has(key)) continue;
    const s = i.signature;
    const draft = {
      id: sortableId(options.clock),
      chapterId: i.pledge.chapterId,
      email: s.email,
      name: s.name,
      postalCode: s.postalCode,
      locale: s.locale,
      source: 'pledge' as const,
    };
    drafts.set(key, personRow(draft, now));
  }
  const rows = await bulk(trx, 'people', personColumns, [...drafts.values()], (v) =>
    upsertPeopleQuery(trx, v),
  );
  const ids = new Map(rows.map((r) => [`${r.chapter_id}\n${r.email}`, r.id]));
  if (ids.size !== drafts.size) throw new Error('signing: a person is missing after the upsert');
  return ids;
}

/** For plans that hit an existing signature: take over its id and referral code. */
async function adoptExisting(
  trx: Transaction<Database>,
  plans: Planned[],
  inserted: Set<string>,
): Promise<void> {
  const missing = plans.filter((p) => !inserted.has(p.signatureId));
  for (const [pledgeId, group] of groupBy(missing, (p) => p.item.pledge.id)) {
    const rows = await trx
      .selectFrom('signatures')
      .select(['id', 'person_id', 'referral_code', 'status'])
      .where('pledge_id', '=', pledgeId)
      .where(
        'person_id',
        'in',
        group.map((p) => p.personId),
      )
      .execute();
    const byPerson = new Map(rows.map((r) => [r.person_id, r]));
    for (const p of group) {
      const row = byPerson.get(p.personId);
      if (!row) throw new Error('signing: conflicting signature not found');
      p.signatureId = row.id;
      p.ref = row.referral_code;
      p.existingStatus = row.status;
    }
  }
}

/** Resolves incoming `ref` codes to the referring signature ids, per pledge. */
async function findReferrers(
  trx: Transaction<Database>,
  items: BatchItem[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const withRef = items.filter((i) => i.signature.ref);
  for (const [pledgeId, group] of groupBy(withRef, (i) => i.pledge.id)) {
    const rows = await trx
      .selectFrom('signatures')
      .select(['id', 'referral_code'])
      .where('pledge_id', '=', pledgeId)
      .where('referral_code', 'in', [...new Set(group.map((i) => i.signature.ref as string))])
      .execute();
    for (const r of rows) found.set(`${pledgeId}\n${r.referral_code}`, r.id);
  }
  return found;
}

/** One upsert per pledge on a random shard. */
async function bumpCounters(
  trx: Transaction<Database>,
  fresh: Planned[],
): Promise<Map<string, CounterDelta>> {
  const deltas = new Map<string, CounterDelta>();
  for (const p of fresh) {
    const d = deltas.get(p.item.pledge.id) ?? { confirmed: 0, pending: 0 };
    d[p.status] += 1;
    deltas.set(p.item.pledge.id, d);
  }
  for (const [pledgeId, d] of deltas) await addToCounter(trx, pledgeId, d);
  return deltas;
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}
