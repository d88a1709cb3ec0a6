/**
 * The signing transaction, for a whole batch of signatures at once (group commit): a handful
 * of multi-row statements per batch instead of several statements per signature, and one
 * fsync for all of them. Portable SQL (Kysely) for SQLite and PostgreSQL.
 */
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { type Clock, isoNow, newId } from '../clock/index.ts';
import type { Database } from '../db/schema.ts';
import { enqueueMail } from '../outbox/index.ts';
import { ensurePeople } from '../people/people.ts';
import type { Pledge } from '../pledges/pledges.ts';
import { textsFor } from '../pledges/pledges.ts';
import { hashToken, newConfirmationToken, newReferralCode } from './codes.ts';
import type { ValidSignature } from './schemas.ts';
import type { SignatureStatus } from './signing.table.ts';

/** How many rows the sharded counter of each pledge has. */
export const COUNTER_SHARDS = 16;
/** How long a confirmation link works. */
export const CONFIRMATION_TTL_MS = 7 * 24 * 3600 * 1000;

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
}

export interface CounterDelta {
  confirmed: number;
  pending: number;
}

export interface BatchOutcome {
  items: ItemOutcome[];
  /** Per pledge id: what the counters moved by. */
  deltas: Map<string, CounterDelta>;
}

interface Planned {
  item: BatchItem;
  signatureId: string;
  personKey: string;
  ref: string;
  status: SignatureStatus;
}

/**
 * Writes a batch of validated signatures in the given transaction. Idempotent per
 * (pledge, e-mail): a signature that exists already (or appears twice in the batch) writes
 * nothing and gets the first one's referral code.
 *
 * @example
 * const outcome = await db.transaction().execute((trx) => writeSignatures(trx, items, { publicUrl, clock }));
 */
export async function writeSignatures(
  trx: Transaction<Database>,
  items: BatchItem[],
  options: { publicUrl: string; clock: Clock },
): Promise<BatchOutcome> {
  const now = isoNow(options.clock);
  const personIds = await ensurePeople(
    trx,
    uniqueBy(items, (i) => `${i.pledge.chapterId}\n${i.signature.email}`).map((i) => ({
      id: newId(),
      chapterId: i.pledge.chapterId,
      email: i.signature.email,
      name: i.signature.name,
      postalCode: i.signature.postalCode,
      locale: i.signature.locale,
    })),
    now,
  );
  const personKey = (i: BatchItem) => {
    const id = personIds.get(`${i.pledge.chapterId}\n${i.signature.email}`);
    if (!id) throw new Error('signing: person missing after upsert');
    return `${i.pledge.id}\n${id}`;
  };
  const referrers = await findReferrers(trx, items);

  // One planned signature per (pledge, person); later duplicates in the batch share it.
  const planned = new Map<string, Planned>();
  for (const item of items) {
    const key = personKey(item);
    if (planned.has(key)) continue;
    planned.set(key, {
      item,
      signatureId: newId(),
      personKey: key,
      ref: newReferralCode(),
      status: item.pledge.requiresConfirmation ? 'pending' : 'confirmed',
    });
  }
  const plans = [...planned.values()];
  const inserted = new Set(
    (
      await trx
        .insertInto('signatures')
        .values(
          plans.map((p) => {
            const s = p.item.signature;
            const referrer = s.ref ? referrers.get(`${p.item.pledge.id}\n${s.ref}`) : undefined;
            return {
              id: p.signatureId,
              chapter_id: p.item.pledge.chapterId,
              pledge_id: p.item.pledge.id,
              person_id: p.personKey.split('\n')[1] as string,
              answers: JSON.stringify(s.answers),
              locale: s.locale,
              consent: s.consent ? 1 : 0,
              referral_code: p.ref,
              referred_by: referrer ?? null,
              source: s.source,
              status: p.status,
              created_at: now,
              confirmed_at: p.status === 'confirmed' ? now : null,
            };
          }),
        )
        .onConflict((oc) => oc.columns(['pledge_id', 'person_id']).doNothing())
        .returning('id')
        .execute()
    ).map((r) => r.id),
  );
  await adoptExisting(trx, plans, inserted);

  const fresh = plans.filter((p) => inserted.has(p.signatureId));
  const deltas = await bumpCounters(trx, fresh);
  await recordConsents(trx, fresh, now);
  await queueMails(trx, fresh, options);
  return {
    items: items.map((i) => {
      const p = planned.get(personKey(i)) as Planned;
      return { ref: p.ref, inserted: inserted.has(p.signatureId) && p.item === i };
    }),
    deltas,
  };
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
      .select(['id', 'person_id', 'referral_code'])
      .where('pledge_id', '=', pledgeId)
      .where(
        'person_id',
        'in',
        group.map((p) => p.personKey.split('\n')[1] as string),
      )
      .execute();
    const byPerson = new Map(rows.map((r) => [r.person_id, r]));
    for (const p of group) {
      const row = byPerson.get(p.personKey.split('\n')[1] as string);
      if (!row) throw new Error('signing: conflicting signature not found');
      p.signatureId = row.id;
      p.ref = row.referral_code;
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

/** One upsert per pledge on a random shard, so concurrent writers rarely meet on one row. */
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

/**
 * Adds to one random shard of a pledge's counter (creating the row if needed).
 *
 * @example
 * await addToCounter(trx, pledgeId, { confirmed: 1, pending: -1 });
 */
export async function addToCounter(
  trx: Transaction<Database>,
  pledgeId: string,
  delta: CounterDelta,
): Promise<void> {
  await trx
    .insertInto('pledge_counters')
    .values({
      pledge_id: pledgeId,
      shard: randomInt(COUNTER_SHARDS),
      confirmed: delta.confirmed,
      pending: delta.pending,
    })
    .onConflict((oc) =>
      oc.columns(['pledge_id', 'shard']).doUpdateSet((eb) => ({
        confirmed: eb('pledge_counters.confirmed', '+', eb.ref('excluded.confirmed')),
        pending: eb('pledge_counters.pending', '+', eb.ref('excluded.pending')),
      })),
    )
    .execute();
}

async function recordConsents(trx: Transaction<Database>, fresh: Planned[], now: string) {
  const rows = fresh.flatMap((p) => {
    const { texts } = textsFor(p.item.pledge, p.item.signature.locale);
    if (!p.item.signature.consent || texts.consentText === '') return [];
    return [
      {
        id: newId(),
        chapter_id: p.item.pledge.chapterId,
        person_id: p.personKey.split('\n')[1] as string,
        purpose: 'email_updates',
        text_shown: texts.consentText,
        locale: p.item.signature.locale,
        source: `pledge:${p.item.pledge.slug}`,
        granted_at: now,
        withdrawn_at: null,
      },
    ];
  });
  if (rows.length > 0) await trx.insertInto('consents').values(rows).execute();
}

async function queueMails(
  trx: Transaction<Database>,
  fresh: Planned[],
  options: { publicUrl: string; clock: Clock },
): Promise<void> {
  const now = options.clock.now();
  const tokens: Array<{
    token_hash: string;
    signature_id: string;
    created_at: string;
    expires_at: string;
  }> = [];
  for (const p of fresh) {
    const { pledge, chapterName, signature } = p.item;
    const { texts } = textsFor(pledge, signature.locale);
    const common = {
      chapterId: pledge.chapterId,
      to: signature.email,
      locale: signature.locale,
      personId: p.personKey.split('\n')[1] as string,
      fromName: chapterName,
    };
    const name = signature.name?.trim() ? { name: signature.name.trim() } : {};
    if (p.status === 'pending') {
      const token = newConfirmationToken();
      tokens.push({
        token_hash: hashToken(token),
        signature_id: p.signatureId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
      });
      await enqueueMail(
        trx,
        {
          ...common,
          template: 'pledge-confirm',
          data: {
            pledgeTitle: texts.title,
            chapterName,
            confirmUrl: `${options.publicUrl}/confirm/${token}`,
            ...name,
          },
        },
        options.clock,
      );
    } else {
      await enqueueMail(
        trx,
        {
          ...common,
          template: 'pledge-thanks',
          data: thanksData(pledge, chapterName, signature.locale, p.ref, options.publicUrl, name),
        },
        options.clock,
      );
    }
  }
  if (tokens.length > 0) await trx.insertInto('signature_confirmations').values(tokens).execute();
}

/**
 * The data of the thank-you mail (also sent after a confirmation).
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

function uniqueBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const t of list) if (!seen.has(key(t))) seen.set(key(t), t);
  return [...seen.values()];
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
