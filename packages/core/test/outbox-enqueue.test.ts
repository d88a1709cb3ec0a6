import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import { AppError } from '@groundwork/core/errors';
import { enqueueMail, enqueueMails, eraseOutboxPerson, purgeOutbox } from '@groundwork/core/outbox';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
let chapterId: string;
const clock = manualClock('2026-03-01T10:00:00.000Z');
const data = {
  pledgeTitle: 'Quit ChatGPT',
  chapterName: 'QuitGPT Paris',
  confirmUrl: 'https://pledge.example.org/confirm/abc',
};

beforeAll(async () => {
  db = await createTestDatabase();
  chapterId = (await createChapter(db.kysely, { slug: 'paris', name: 'Paris' })).id;
});
afterAll(() => db.cleanup());

describe('enqueueMail', () => {
  it('queues a pending row inside the caller transaction, with the locale normalized', async () => {
    const id = await db.kysely
      .transaction()
      .execute((trx) =>
        enqueueMail(
          trx,
          { chapterId, to: 'a@example.org', template: 'pledge-confirm', locale: 'fr-FR', data },
          clock,
        ),
      );
    const row = await db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'pending',
      locale: 'fr',
      template: 'pledge-confirm',
      attempts: 0,
      next_attempt_at: '2026-03-01T10:00:00.000Z',
    });
    expect(JSON.parse(row.payload)).toEqual(data);
  });

  it('leaves nothing behind when the caller transaction rolls back', async () => {
    const before = await countRows();
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await enqueueMail(trx, {
          chapterId,
          to: 'b@example.org',
          template: 'pledge-confirm',
          locale: 'en',
          data,
        });
        throw new Error('the signature failed');
      })
      .catch(() => undefined);
    expect(await countRows()).toBe(before);
  });

  it('refuses bad template data, a bad address and an injected header, naming the field', async () => {
    const bad: Array<{ to: string; data: typeof data; headers?: Record<string, string> }> = [
      { to: 'a@example.org', data: { ...data, confirmUrl: 'javascript:alert(1)' } },
      { to: 'not-an-address', data },
      { to: 'a@example.org', data, headers: { 'List-Unsubscribe': '<x>\r\nBcc: x@evil.test' } },
      { to: 'a@example.org', data, headers: { Bcc: 'x@evil.test' } },
    ];
    const fields = [];
    for (const input of bad) {
      const error = await enqueueMail(db.kysely, {
        chapterId,
        template: 'pledge-confirm',
        locale: 'en',
        ...input,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      fields.push(Object.keys(error.fields ?? {})[0]);
    }
    expect(fields).toEqual(['data.confirmUrl', 'to', 'headers.List-Unsubscribe', 'headers.Bcc']);
  });

  it('returns the first id when the same dedupe key is queued twice', async () => {
    const input = {
      chapterId,
      to: 'c@example.org',
      template: 'pledge-confirm' as const,
      locale: 'en',
      data,
      dedupeKey: 'broadcast:1:person:1',
    };
    const first = await enqueueMail(db.kysely, input);
    const second = await enqueueMail(db.kysely, input);
    expect(second).toBe(first);
  });
});

describe('enqueueMails', () => {
  it('queues many rows shaped like enqueueMail, in chunks, and skips a repeated dedupe key', async () => {
    const before = await countRows();
    const mails = Array.from({ length: 70 }, (_, i) => ({
      chapterId,
      to: `many-${i}@example.org`,
      template: 'pledge-confirm' as const,
      locale: 'fr-CA',
      data,
      fromName: 'Paris',
      dedupeKey: i === 0 ? 'many-once' : null,
    }));
    await db.kysely.transaction().execute((trx) => enqueueMails(trx, mails, clock));
    await enqueueMails(db.kysely, [mails[0] as (typeof mails)[0]], clock);
    expect(await countRows()).toBe(before + 70);
    const row = await db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'many-69@example.org')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', locale: 'fr', from_name: 'Paris', attempts: 0 });
    expect(JSON.parse(row.payload)).toEqual(data);
  });

  it('writes nothing when one mail of the batch is invalid, naming the field', async () => {
    const before = await countRows();
    const good = {
      chapterId,
      to: 'ok@example.org',
      template: 'pledge-confirm' as const,
      locale: 'en',
      data,
    };
    const error = await enqueueMails(
      db.kysely,
      [good, { ...good, to: 'not an address' }],
      clock,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toHaveProperty('to');
    expect(await countRows()).toBe(before);
  });
});

describe('pacing and clean-up', () => {
  it('holds a mail until notBefore', async () => {
    const id = await enqueueMail(
      db.kysely,
      {
        chapterId,
        to: 'later@example.org',
        template: 'pledge-confirm',
        locale: 'en',
        data,
        notBefore: new Date('2026-03-01T12:00:00.000Z'),
      },
      clock,
    );
    const row = await db.kysely
      .selectFrom('outbox')
      .select('next_attempt_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.next_attempt_at).toBe('2026-03-01T12:00:00.000Z');
  });

  it("erases one person's mail, by person id or address, and nobody else's", async () => {
    const mail = (to: string, personId?: string) =>
      enqueueMail(db.kysely, {
        chapterId,
        to,
        template: 'pledge-confirm',
        locale: 'en',
        data,
        personId,
      });
    await mail('erase-me@example.org', 'person-1');
    await mail('erase-me@example.org');
    const kept = await mail('keep-me@example.org', 'person-2');
    const before = await countRows();
    const removed = await eraseOutboxPerson(db.kysely, {
      chapterId,
      personId: 'person-1',
      email: 'erase-me@example.org',
    });
    expect(removed).toBe(2);
    expect(await countRows()).toBe(before - 2);
    const left = await db.kysely
      .selectFrom('outbox')
      .select('id')
      .where('to_address', 'like', '%me@example.org')
      .execute();
    expect(left.map((r) => r.id)).toEqual([kept]);
  });

  it('purges finished rows older than a date and keeps pending ones', async () => {
    const old = manualClock('2025-01-01T00:00:00.000Z');
    const input = { chapterId, template: 'pledge-confirm' as const, locale: 'en', data };
    const done = await enqueueMail(db.kysely, { ...input, to: 'old@example.org' }, old);
    const waiting = await enqueueMail(db.kysely, { ...input, to: 'old2@example.org' }, old);
    await db.kysely.updateTable('outbox').set({ status: 'sent' }).where('id', '=', done).execute();
    const removed = await purgeOutbox(db.kysely, { before: new Date('2025-06-01T00:00:00.000Z') });
    expect(removed).toBe(1);
    const ids = (await db.kysely.selectFrom('outbox').select('id').execute()).map((r) => r.id);
    expect(ids).toContain(waiting);
    expect(ids).not.toContain(done);
  });
});

async function countRows(): Promise<number> {
  const row = await db.kysely
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
