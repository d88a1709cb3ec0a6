/**
 * The consents of a signing batch: one ledger row per signer who ticked the box (with the
 * text shown, in the locale shown), and the text's version in `consent_texts` (privacy module).
 */
import type { Transaction } from 'kysely';
import { bulk } from '../db/bulk.ts';
import type { Database } from '../db/schema.ts';
import { textsFor } from '../pledges/pledges.ts';
import { consentTextHash } from '../privacy/index.ts';
import { sortableId } from './codes.ts';
import type { Planned, WriteOptions } from './store.ts';

const consentColumns = [
  'id',
  'chapter_id',
  'person_id',
  'purpose',
  'text_shown',
  'locale',
  'source',
  'granted_at',
  'withdrawn_at',
  'text_hash',
] as const;

const textColumns = ['hash', 'purpose', 'locale', 'text', 'created_at'] as const;

// The same few texts, signature after signature: each is hashed once (a SHA-256 of ~300
// characters took ~3.5 µs per consent in the writer thread).
const hashes = new Map<string, string>();

function textHash(locale: string, text: string): string {
  const key = `${locale}\n${text}`;
  let hash = hashes.get(key);
  if (hash === undefined) {
    hash = consentTextHash('email_updates', locale, text);
    if (hashes.size >= 100) hashes.clear();
    hashes.set(key, hash);
  }
  return hash;
}

/**
 * @example
 * await recordConsents(trx, freshSignatures, isoNow(clock), options);
 */
export async function recordConsents(
  trx: Transaction<Database>,
  fresh: Planned[],
  now: string,
  options: WriteOptions,
) {
  const rows = fresh.flatMap((p) => {
    const { texts } = textsFor(p.item.pledge, p.item.signature.locale);
    if (!p.item.signature.consent || texts.consentText === '') return [];
    return [
      [
        sortableId(options.clock),
        p.item.pledge.chapterId,
        p.personId,
        'email_updates',
        texts.consentText,
        p.item.signature.locale,
        `pledge:${p.item.pledge.slug}`,
        now,
        null,
        textHash(p.item.signature.locale, texts.consentText),
      ],
    ];
  });
  // The ledger's text versions (privacy module): one row per distinct text, kept forever.
  const versions = new Map(rows.map((r) => [r[9], [r[9], 'email_updates', r[5], r[4], now]]));
  await bulk(trx, 'consent_texts', textColumns, [...versions.values()], (v) =>
    trx
      .insertInto('consent_texts')
      .values(v as never)
      .onConflict((oc) => oc.column('hash').doNothing()),
  );
  await bulk(trx, 'consents', consentColumns, rows, (v) =>
    trx.insertInto('consents').values(v as never),
  );
}
