/**
 * The shared set-up of the pledge and signing tests: a fresh database with one chapter, a
 * manual clock, and signing services that are closed (their writer threads stopped) after
 * the file's tests. Exports are live bindings: `db` and `chapterId` are set in `beforeAll`.
 */
import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { demoPledge, seedDemo } from '@groundwork/core/demo';
import { type PledgeInput, readCounterSums } from '@groundwork/core/pledges';
import { createSigningService, type SigningService } from '@groundwork/core/signing';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, expect } from 'vitest';

export let db: TestDatabase;
export let chapterId: string;
export const clock = manualClock('2026-11-26T10:00:00.000Z');
export const publicUrl = 'https://pledge.example';
export const secret = 'x'.repeat(40);

export const basePledge = (slug: string, extra: Partial<PledgeInput> = {}): PledgeInput => ({
  ...demoPledge,
  slug,
  status: 'live',
  // The defaults (UK petitions numbers), not the demo's looser limit.
  rateLimit: null,
  ...extra,
});

const services: SigningService[] = [];

export function service(
  extra: Partial<Parameters<typeof createSigningService>[0]> = {},
): SigningService {
  const signing = createSigningService({
    db: db.kysely,
    clock,
    secret,
    publicUrl,
    rateLimits: false,
    // On a SQLite file, batches go through the writer thread, as in the server.
    ...(db.sqlitePath ? { sqlitePath: db.sqlitePath } : {}),
    ...extra,
  });
  services.push(signing);
  return signing;
}

/** The pledge's counter rows and its signature rows, by status (they must agree). */
export async function counts(pledgeId: string) {
  const sums = (await readCounterSums(db.kysely, [pledgeId])).get(pledgeId);
  const rows = await db.kysely
    .selectFrom('signatures')
    .select(['status'])
    .where('pledge_id', '=', pledgeId)
    .execute();
  return {
    confirmed: sums?.confirmed ?? 0,
    pending: sums?.pending ?? 0,
    rowsConfirmed: rows.filter((r) => r.status === 'confirmed').length,
    rowsPending: rows.filter((r) => r.status === 'pending').length,
  };
}

/**
 * Checks that the pledge's counter rows and its stored signatures both hold `confirmed` and
 * `pending` signatures.
 *
 * @example
 * await expectCounted(pledge.id, { confirmed: 250 });
 */
export async function expectCounted(
  pledgeId: string,
  { confirmed = 0, pending = 0 }: { confirmed?: number; pending?: number },
) {
  expect(await counts(pledgeId)).toEqual({
    confirmed,
    pending,
    rowsConfirmed: confirmed,
    rowsPending: pending,
  });
}

/**
 * Registers the file's set-up and tear-down. `demo`: seed the demo campaign (its live pledge
 * `quit-chatgpt`) before the tests.
 */
export function usePledgeDatabase(options: { demo?: boolean } = {}): void {
  beforeAll(async () => {
    db = await createTestDatabase();
    chapterId = (
      await createChapter(db.kysely, { slug: 'test-chapter', name: 'Test chapter' }, clock)
    ).id;
    if (options.demo) await seedDemo(db.kysely, clock);
  });
  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
    await db.cleanup();
  });
}
