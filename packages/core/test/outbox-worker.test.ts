import { createChapter } from '@groundwork/core/chapters';
import { manualClock } from '@groundwork/core/clock';
import {
  createSmtpTransport,
  logTransport,
  type MailTransport,
  parseMailbox,
} from '@groundwork/core/mail';
import { startTestSmtpServer, type TestSmtpServer } from '@groundwork/core/mail/testing';
import {
  claimDue,
  createOutboxWorker,
  enqueueMail,
  type OutboxWorkerOptions,
} from '@groundwork/core/outbox';
import { createTestDatabase, type TestDatabase } from '@groundwork/core/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const from = parseMailbox('Groundwork <no-reply@pledge.example.org>') ?? { name: '', address: '' };
const thanks = {
  pledgeTitle: 'I have cancelled my ChatGPT subscription',
  chapterName: 'QuitGPT Paris',
  nextSteps: ['Cancel the recurring payment', 'Keep a proof'],
  shareUrl: 'https://pledge.example.org/p/quit-chatgpt?ref=abc123',
};

let db: TestDatabase;
let smtp: TestSmtpServer;
let transport: MailTransport;
let chapterId: string;
let clock: ReturnType<typeof manualClock>;

// One database and one SMTP server for the file; each test starts with an empty outbox.
beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startTestSmtpServer();
  // One pooled connection for the file: every new one waits for the server's greeting delay.
  transport = createSmtpTransport(smtp.url);
  chapterId = (await createChapter(db.kysely, { slug: 'paris', name: 'Paris' })).id;
});
afterAll(async () => {
  transport.close();
  await smtp.close();
  await db.cleanup();
});
beforeEach(async () => {
  await db.kysely.deleteFrom('outbox').execute();
  smtp.received.length = 0;
  smtp.setPolicy(undefined);
  smtp.onMessage = undefined;
  clock = manualClock('2026-03-01T10:00:00.000Z');
});

function worker(options: Partial<OutboxWorkerOptions> = {}) {
  return createOutboxWorker({ db: db.kysely, transport, from, clock, random: () => 0, ...options });
}

function queue(to: string, extra: Record<string, unknown> = {}) {
  return enqueueMail(
    db.kysely,
    { chapterId, to, template: 'pledge-thanks', locale: 'en', data: thanks, ...extra },
    clock,
  );
}

function row(id: string) {
  return db.kysely.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('the outbox worker over SMTP', () => {
  it('delivers a queued mail with its subject, bodies, sender and headers, once', async () => {
    const id = await queue('ana@example.org', {
      fromName: 'QuitGPT Paris',
      replyTo: 'paris@quitgpt.example.org',
      headers: {
        'List-Unsubscribe': '<https://pledge.example.org/u/tok>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    expect(await worker().runOnce()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['ana@example.org']);
    expect(mail?.from).toBe('no-reply@pledge.example.org');
    expect(mail?.subject).toBe('Thank you for signing: I have cancelled my ChatGPT subscription');
    expect(mail?.headers.from).toBe('QuitGPT Paris <no-reply@pledge.example.org>');
    expect(mail?.headers['reply-to']).toBe('paris@quitgpt.example.org');
    expect(mail?.headers['list-unsubscribe']).toBe('<https://pledge.example.org/u/tok>');
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.headers['message-id']).toBe(`<${id}@pledge.example.org>`);
    expect(mail?.text).toContain('1. Cancel the recurring payment\n2. Keep a proof');
    expect(mail?.html).toContain('href="https://pledge.example.org/p/quit-chatgpt?ref=abc123"');

    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sent_at: '2026-03-01T10:00:00.000Z',
      locked_by: null,
      last_error: null,
    });
    expect(await worker().runOnce()).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a refused mail with backoff, then delivers it', async () => {
    smtp.setPolicy((_address, attempt) => (attempt <= 2 ? 451 : undefined));
    const id = await queue('bob@example.org');
    const w = worker();

    expect(await w.runOnce()).toBe(1);
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, locked_by: null });
    expect(r.next_attempt_at).toBe('2026-03-01T10:01:00.000Z');
    expect(r.last_error).toContain('451');

    clock.advance(59_000);
    expect(await w.runOnce()).toBe(0);
    clock.advance(1_000);
    expect(await w.runOnce()).toBe(1);
    r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 2 });
    expect(r.next_attempt_at).toBe('2026-03-01T10:06:00.000Z');

    clock.advance(5 * 60_000);
    expect(await w.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('adds up to 20 % jitter to the wait', async () => {
    smtp.setPolicy(() => 451);
    const id = await queue('jit@example.org');
    await worker({ random: () => 0.5 }).runOnce();
    expect((await row(id)).next_attempt_at).toBe('2026-03-01T10:01:06.000Z');
  });

  it('gives up at once on a permanent refusal, keeping no address in the error', async () => {
    smtp.setPolicy(() => 550);
    const id = await queue('nobody@example.org');
    expect(await worker().runOnce()).toBe(1);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(r.last_error).toContain('550');
    expect(r.last_error).not.toContain('nobody@example.org');
  });

  it('marks a mail failed after the last attempt', async () => {
    smtp.setPolicy(() => 421);
    const id = await queue('down@example.org');
    const w = worker({ maxAttempts: 2 });
    await w.runOnce();
    clock.advance(60_000);
    await w.runOnce();
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    clock.advance(24 * 3_600_000);
    expect(await w.runOnce()).toBe(0);
  });

  it("takes over a crashed worker's rows once its lock expires", async () => {
    const id = await queue('carla@example.org');
    const claimed = await claimDue(db.kysely, {
      workerId: 'crashed',
      now: clock.now().toISOString(),
      lockedUntil: '2026-03-01T10:05:00.000Z',
      limit: 10,
    });
    expect(claimed.map((r) => r.id)).toEqual([id]);

    const w = worker();
    expect(await w.runOnce()).toBe(0);
    clock.advance(5 * 60_000);
    expect(await w.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('sends each mail exactly once when a worker stops mid-batch and another takes over', async () => {
    for (let i = 0; i < 6; i++) await queue(`p${i}@example.org`);
    const a = worker({ workerId: 'a' });
    let stopped: Promise<void> | undefined;
    smtp.onMessage = () => {
      stopped ??= a.stop();
    };
    expect(await a.runOnce()).toBe(6);
    await stopped;
    // The mails in flight (one per lane, 4 by default) finish; the rest is given back at once.
    const sentByA = smtp.received.length;
    expect(sentByA).toBeGreaterThanOrEqual(1);
    expect(sentByA).toBeLessThanOrEqual(4);
    const rows = await db.kysely.selectFrom('outbox').selectAll().execute();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(sentByA);
    const waiting = rows.filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(6 - sentByA);
    expect(waiting.every((r) => r.locked_by === null && r.attempts === 0)).toBe(true);

    smtp.onMessage = undefined;
    expect(await worker({ workerId: 'b' }).runOnce()).toBe(6 - sentByA);
    const recipients = smtp.received.map((m) => m.to[0]).sort();
    expect(recipients).toEqual([0, 1, 2, 3, 4, 5].map((i) => `p${i}@example.org`));
  });

  it('never resends what a hung worker already marked sent', async () => {
    for (let i = 0; i < 4; i++) await queue(`h${i}@example.org`);
    let sends = 0;
    const hanging: MailTransport = {
      kind: 'smtp',
      send: (mail) => (++sends <= 2 ? transport.send(mail) : new Promise(() => {})),
      close: () => {},
    };
    // Four lanes: two sends are accepted and marked, two hang forever.
    void worker({ workerId: 'hung', transport: hanging, concurrency: 4 }).runOnce();
    await vi.waitFor(() => expect(sends).toBe(4));
    await vi.waitFor(async () => {
      const sent = await db.kysely.selectFrom('outbox').select('id').where('status', '=', 'sent');
      expect(await sent.execute()).toHaveLength(2);
    });

    clock.advance(5 * 60_000);
    expect(await worker({ workerId: 'rescuer' }).runOnce()).toBe(2);
    const recipients = smtp.received.map((m) => m.to[0]).sort();
    expect(recipients).toEqual([0, 1, 2, 3].map((i) => `h${i}@example.org`));
  });

  it('sends each mail once when two workers drain the outbox at the same time', async () => {
    for (let i = 0; i < 12; i++) await queue(`c${i}@example.org`);
    const skipLocked = db.kind === 'postgres';
    const workers = ['x', 'y'].map((workerId) => worker({ workerId, batchSize: 3, skipLocked }));
    const drain = async (w: (typeof workers)[number]) => {
      while ((await w.runOnce()) > 0) {}
    };
    await Promise.all(workers.map(drain));
    const recipients = smtp.received.map((m) => m.to[0]).sort();
    expect(recipients).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}@example.org`).sort());
  });

  it('fails a mail whose template no longer renders, without sending it', async () => {
    const id = await queue('dana@example.org');
    await db.kysely.updateTable('outbox').set({ template: 'gone' }).where('id', '=', id).execute();
    expect(await worker().runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed' });
    expect((await row(id)).last_error).toContain('gone');
    expect(smtp.received).toHaveLength(0);
  });

  it('polls in the background and stops cleanly', async () => {
    const w = worker({ pollMs: 10 });
    w.start();
    await queue('eve@example.org');
    w.wake();
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1));
    await w.stop();
    await queue('late@example.org');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(smtp.received).toHaveLength(1);
  });
});

describe('the outbox worker without SMTP', () => {
  it('keeps mail in the outbox as logged, logging only ids and templates', async () => {
    const ids = [await queue('fay@example.org'), await queue('gus@example.org')];
    const lines: string[] = [];
    const log = {
      info: (msg: string, fields?: object) => lines.push(JSON.stringify({ msg, ...fields })),
      warn: () => {},
      error: () => {},
    };
    expect(await worker({ transport: logTransport, log }).runOnce()).toBe(2);

    for (const id of ids) {
      expect(await row(id)).toMatchObject({
        status: 'logged',
        sent_at: '2026-03-01T10:00:00.000Z',
      });
    }
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain(ids[0]);
    expect(lines.join('\n')).toContain('pledge-thanks');
    expect(lines.join('\n')).not.toMatch(/example\.org|ChatGPT|Cancel/);
    expect(await worker({ transport: logTransport, log }).runOnce()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });
});
