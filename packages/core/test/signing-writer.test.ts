/**
 * Group commit through the writer thread: signatures handed over in many turns of the event
 * loop while earlier ones are being written, merged into the thread's transactions.
 */
import { createPledge } from '@groundwork/core/pledges';
import { describe, expect, it } from 'vitest';

import {
  basePledge,
  chapterId,
  clock,
  db,
  expectCounted,
  service,
  usePledgeDatabase,
} from './pledges-fixture.ts';

usePledgeDatabase();

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('signing writer', () => {
  it('writes signatures sent over many turns, each caller getting its own outcome', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('turns'), clock);
    const signing = service();
    const pending: Array<Promise<{ ref: string }>> = [];
    for (let turn = 0; turn < 20; turn++) {
      for (let i = 0; i < 7; i++) {
        pending.push(
          signing.sign('turns', { email: `t${turn}-${i}@example.org` }, { ipHash: 'h' }),
        );
      }
      // The same person again, several turns later: same answer, nothing stored twice.
      if (turn >= 5) {
        pending.push(
          signing.sign('turns', { email: `t${turn - 5}-0@example.org` }, { ipHash: 'h' }),
        );
      }
      await nextTurn();
    }
    const results = await Promise.all(pending);
    const refs = new Map<string, string>();
    for (const [i, r] of results.entries()) expect(r.ref, `result ${i}`).toMatch(/^[0-9a-z]{8}$/);
    // Every first signature of an address has its own code; repeats got the first one's code.
    let index = 0;
    for (let turn = 0; turn < 20; turn++) {
      for (let i = 0; i < 7; i++)
        refs.set(`t${turn}-${i}`, (results[index++] as { ref: string }).ref);
      if (turn >= 5) {
        expect((results[index++] as { ref: string }).ref).toBe(refs.get(`t${turn - 5}-0`));
      }
    }
    expect(new Set(refs.values()).size).toBe(140);
    await expectCounted(pledge.id, { confirmed: 140 });
    expect((await signing.count('turns')).count).toBe(140);
  });

  it('fails only the signatures that cannot be written, even when merged with others', async () => {
    const steady = await createPledge(db.kysely, chapterId, basePledge('steady'), clock);
    const doomed = await createPledge(db.kysely, chapterId, basePledge('doomed'), clock);
    const signing = service();
    // Both pledges are cached by the service; then one disappears underneath it, so its
    // signatures break the foreign key inside the writer's transactions.
    await signing.count('steady');
    await signing.count('doomed');
    await db.kysely.deleteFrom('pledges').where('id', '=', doomed.id).execute();

    // Settled at once: a failure is an expected outcome here, not an unhandled rejection.
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'written',
        () => 'failed',
      );
    const good: Array<Promise<string>> = [];
    const bad: Array<Promise<string>> = [];
    for (let turn = 0; turn < 10; turn++) {
      for (let i = 0; i < 5; i++) {
        good.push(
          outcome(signing.sign('steady', { email: `s${turn}-${i}@example.org` }, { ipHash: 'h' })),
        );
      }
      bad.push(outcome(signing.sign('doomed', { email: `d${turn}@example.org` }, { ipHash: 'h' })));
      await nextTurn();
    }
    expect(await Promise.all(good)).toEqual(Array(50).fill('written'));
    expect(await Promise.all(bad)).toEqual(Array(10).fill('failed'));
    await expectCounted(steady.id, { confirmed: 50 });
    expect((await signing.count('steady')).count).toBe(50);
    // Nothing of the failed ones was left behind: no person without a signature, no mail.
    const orphans = await db.kysely
      .selectFrom('people')
      .select('email')
      .where('email', 'like', 'd%@example.org')
      .execute();
    expect(orphans).toEqual([]);
    const mails = await db.kysely
      .selectFrom('outbox')
      .select('to_address')
      .where('to_address', 'like', 'd%@example.org')
      .execute();
    expect(mails).toEqual([]);
  });
});
