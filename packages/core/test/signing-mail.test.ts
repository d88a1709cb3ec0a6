/**
 * Signing mails are queued as references (`signing/mail-refs.ts`) and completed when sent:
 * what the row holds, what the signer receives over SMTP, and the cases in between.
 */
import { createSmtpTransport, type MailTransport, parseMailbox } from '@groundwork/core/mail';
import { startTestSmtpServer, type TestSmtpServer } from '@groundwork/core/mail/testing';
import { createOutboxWorker, enqueueMail, MailGoneError } from '@groundwork/core/outbox';
import { createPledge, updatePledge } from '@groundwork/core/pledges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  basePledge,
  chapterId,
  clock,
  db,
  publicUrl,
  service,
  usePledgeDatabase,
} from './pledges-fixture.ts';

usePledgeDatabase();

const from = parseMailbox('Groundwork <no-reply@pledge.example>') ?? { name: '', address: '' };
let smtp: TestSmtpServer;
let transport: MailTransport;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  transport = createSmtpTransport(smtp.url);
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});

const outboxRow = (to: string) =>
  db.kysely.selectFrom('outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();

/** Sends everything due through the real SMTP server, completing references as the API does. */
async function sendDue(signing: ReturnType<typeof service>) {
  const worker = createOutboxWorker({
    db: db.kysely,
    transport,
    from,
    clock,
    random: () => 0,
    expand: signing.expandMail,
  });
  while ((await worker.runOnce()) > 0) {}
}

describe('signing mails', () => {
  it('are stored as a reference and arrive complete, with the wording current when sent', async () => {
    const pledge = await createPledge(db.kysely, chapterId, basePledge('refs'), clock);
    const signing = service();
    const { ref } = await signing.sign(
      'refs',
      { email: 'ref-ana@example.org', name: 'Ana', locale: 'en' },
      { ipHash: 'h' },
    );
    const row = await outboxRow('ref-ana@example.org');
    expect(row.template).toBe('pledge-thanks');
    expect(JSON.parse(row.payload)).toEqual({ signatureId: expect.any(String) });
    expect(JSON.parse(row.headers)).toEqual({});

    // An organizer rewords the next steps before the mail goes out: the mail says the new ones.
    const steps = ['Cancel the renewal today.', 'Tell one friend.'];
    const input = basePledge('refs');
    await updatePledge(
      db.kysely,
      pledge.id,
      {
        ...input,
        translations: { ...input.translations, en: { ...input.translations.en, nextSteps: steps } },
      } as typeof input,
      clock,
    );
    await sendDue(signing);
    const mail = smtp.received.find((m) => m.to.includes('ref-ana@example.org'));
    expect(mail?.text).toContain(`${publicUrl}/p/refs?ref=${ref}`);
    expect(mail?.text).toContain('Ana');
    for (const step of steps) expect(mail?.text).toContain(step);
    const unsubscribe = /^<(.+)>$/.exec(mail?.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    expect(unsubscribe).toMatch(new RegExp(`^${publicUrl}/unsubscribe/`));
    expect(mail?.text).toContain(unsubscribe);
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('keeps the confirmation link in the row and sends the thank-you after confirming', async () => {
    await createPledge(
      db.kysely,
      chapterId,
      basePledge('refs-confirm', { requiresConfirmation: true }),
      clock,
    );
    const signing = service();
    await signing.sign(
      'refs-confirm',
      { email: 'ref-bo@example.org', locale: 'en' },
      { ipHash: 'h' },
    );
    const row = await outboxRow('ref-bo@example.org');
    const { confirmUrl } = JSON.parse(row.payload) as { confirmUrl: string };
    expect(row.template).toBe('pledge-confirm');
    expect(confirmUrl).toMatch(new RegExp(`^${publicUrl}/confirm/`));
    await sendDue(signing);
    const confirmMail = smtp.received.find((m) => m.to.includes('ref-bo@example.org'));
    expect(confirmMail?.text).toContain(confirmUrl);
    expect(confirmMail?.headers['list-unsubscribe']).toMatch(/\/unsubscribe\//);

    const { shareUrl } = await signing.confirm(confirmUrl.split('/confirm/')[1] as string);
    const thanks = await db.kysely
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'ref-bo@example.org')
      .where('template', '=', 'pledge-thanks')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(thanks.payload)).toEqual({ signatureId: expect.any(String) });
    const expanded = await signing.expandMail(thanks);
    expect((expanded?.data as { shareUrl?: string } | undefined)?.shareUrl).toBe(shareUrl);
    expect(expanded?.headers['List-Unsubscribe']).toMatch(/\/unsubscribe\//);
  });

  it('fails for good when the signature is gone, and renders whole rows as they are', async () => {
    await createPledge(db.kysely, chapterId, basePledge('refs-gone'), clock);
    const signing = service();
    await signing.sign('refs-gone', { email: 'ref-cy@example.org' }, { ipHash: 'h' });
    const row = await outboxRow('ref-cy@example.org');
    await db.kysely
      .deleteFrom('signatures')
      .where('id', '=', (JSON.parse(row.payload) as { signatureId: string }).signatureId)
      .execute();
    await expect(signing.expandMail(row)).rejects.toBeInstanceOf(MailGoneError);
    await sendDue(signing);
    const failed = await outboxRow('ref-cy@example.org');
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);

    // A thank-you queued with its whole data (by a version before references) is sent as is.
    // Queued on the test's clock: the worker below runs on it (not on the real date).
    await enqueueMail(
      db.kysely,
      {
        chapterId,
        to: 'ref-old@example.org',
        template: 'pledge-thanks',
        locale: 'en',
        data: {
          pledgeTitle: 'Old title',
          chapterName: 'Test chapter',
          nextSteps: ['An old step.'],
          shareUrl: `${publicUrl}/p/refs-gone?ref=oldref12`,
        },
      },
      clock,
    );
    expect(await signing.expandMail(await outboxRow('ref-old@example.org'))).toBeUndefined();
    await sendDue(signing);
    const old = smtp.received.find((m) => m.to.includes('ref-old@example.org'));
    expect(old?.text).toContain('An old step.');
    expect(old?.text).toContain('?ref=oldref12');
  });
});
