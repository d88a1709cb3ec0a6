/**
 * Bulk signatures for tests and benchmarks (100,000 rows in seconds): people, signatures and
 * matching counter rows, written directly in batches — not through the signing service, which
 * would queue mails and rate-limit. Never used by the running server.
 */
import type { Insertable, Kysely } from 'kysely';
import { newId } from '../../clock/index.ts';
import type { Database } from '../../db/schema.ts';
import type { PersonTable } from '../../people/people.table.ts';
import type { SignatureTable } from '../../signing/signing.table.ts';

export interface SeedSignature {
  name?: string | null;
  email?: string;
  status?: 'pending' | 'confirmed';
  source?: string | null;
  createdAt?: string;
  answers?: Record<string, string | string[]>;
  referredBy?: string | null;
  consent?: boolean;
}

/**
 * Inserts `count` signatures; `make(i)` overrides the defaults of the i-th one (name
 * `Signer i`, e-mail `signer-i@example.org`, confirmed, one second apart from 2026-11-01).
 * Returns the signature ids in order.
 *
 * @example
 * const ids = await seedSignatures(db, { chapterId, pledgeId }, 100_000);
 */
export async function seedSignatures(
  db: Kysely<Database>,
  target: { chapterId: string; pledgeId: string },
  count: number,
  make: (i: number) => SeedSignature = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  const base = Date.parse('2026-11-01T00:00:00.000Z');
  const counted = { confirmed: 0, pending: 0 };
  for (let start = 0; start < count; start += 500) {
    const people: Insertable<PersonTable>[] = [];
    const signatures: Insertable<SignatureTable>[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const s = make(i);
      const personId = newId();
      const id = newId();
      const createdAt = s.createdAt ?? new Date(base + i * 1000).toISOString();
      const status = s.status ?? 'confirmed';
      counted[status] += 1;
      ids.push(id);
      people.push({
        id: personId,
        chapter_id: target.chapterId,
        email: s.email ?? `signer-${i}@example.org`,
        name: s.name === undefined ? `Signer ${i}` : s.name,
        postal_code: null,
        locale: 'fr',
        created_at: createdAt,
        updated_at: createdAt,
        source: 'pledge',
      });
      signatures.push({
        id,
        chapter_id: target.chapterId,
        pledge_id: target.pledgeId,
        person_id: personId,
        answers: JSON.stringify(s.answers ?? {}),
        locale: 'fr',
        consent: s.consent ? 1 : 0,
        referral_code: `r${i.toString(36)}${id.slice(0, 6)}`,
        referred_by: s.referredBy ?? null,
        source: s.source ?? null,
        status,
        created_at: createdAt,
        confirmed_at: status === 'confirmed' ? createdAt : null,
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('people').values(people).execute();
      await trx.insertInto('signatures').values(signatures).execute();
    });
  }
  await db
    .insertInto('pledge_counters')
    .values({ pledge_id: target.pledgeId, shard: 0, ...counted })
    .onConflict((oc) =>
      oc.columns(['pledge_id', 'shard']).doUpdateSet((eb) => ({
        confirmed: eb('pledge_counters.confirmed', '+', eb.ref('excluded.confirmed')),
        pending: eb('pledge_counters.pending', '+', eb.ref('excluded.pending')),
      })),
    )
    .execute();
  return ids;
}
