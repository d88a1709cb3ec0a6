import { startTestSmtpServer, type TestSmtpServer } from '@groundwork/core/mail/testing';
import { consentLedger } from '@groundwork/core/privacy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redactPath } from '../src/pages/index.ts';
import { startTestServer, type TestServer } from './helpers.ts';
import { createPagePledges } from './pages-fixtures.ts';

/*
 * The supporters' privacy pages over the real port, with mail through a real SMTP server:
 * the unsubscribe link of a signing mail, RFC 8058 one-click, and the "my data" magic link.
 */
describe('unsubscribe and my data', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  const mailTo = (to: string) => smtp.received.filter((m) => m.to[0] === to);

  async function sign(email: string, name: string) {
    const res = await fetch(`${server.url}/api/v1/pledges/pages-confirm/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email,
        name,
        consent: true,
        answers: { why: ['data'] },
        source: 'https://ally.example/page',
      }),
    });
    expect(res.status).toBe(201);
    await vi.waitFor(() => expect(mailTo(email).length).toBeGreaterThan(0), { timeout: 5000 });
    return mailTo(email)[0];
  }

  async function personId(email: string) {
    const row = await server.ctx.db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startTestServer({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@pledge.example.org',
      RATE_LIMITS: 'off',
    });
    await createPagePledges(server.ctx.db);
  });
  afterAll(async () => {
    await server.stop();
    await smtp.close();
  });

  it('a confirmation mail carries working confirm and unsubscribe links (RFC 8058 headers)', async () => {
    const email = 'unsub@example.org';
    const mail = await sign(email, 'Una');
    const header = mail?.headers['list-unsubscribe'] ?? '';
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(.+)>$/.exec(header)?.[1] ?? '';
    expect(url).toMatch(/\/unsubscribe\/[\w.-]+$/);
    expect(mail?.text).toContain(url);
    const unsubscribePath = new URL(url).pathname;

    const confirmPath = /\/confirm\/[^\s"<]+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect((await fetch(`${server.url}${confirmPath}`)).status).toBe(200);

    // The GET page changes nothing (mail scanners follow links): it shows a button.
    const page = await fetch(`${server.url}${unsubscribePath}`, {
      headers: { 'accept-language': 'en' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    const body = await page.text();
    // The button's answer comes in the page's language.
    expect(body).toContain(`action="${unsubscribePath}?locale=en"`);
    const id = await personId(email);
    expect((await consentLedger(server.ctx.db.kysely, id))[0]?.withdrawnAt).toBeNull();

    // What a mail client sends for one-click (RFC 8058 section 3.2).
    const post = await fetch(`${server.url}${unsubscribePath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('set-cookie')).toBeNull();
    const ledger = await consentLedger(server.ctx.db.kysely, id);
    expect(ledger[0]?.withdrawnAt).not.toBeNull();
    expect(ledger[0]?.withdrawnSource).toBe('unsubscribe');

    // Forge by changing the last two characters to something they certainly are not.
    const tail = unsubscribePath.endsWith('xx') ? 'yy' : 'xx';
    const forged = await fetch(`${server.url}${unsubscribePath.slice(0, -2)}${tail}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(410);
    expect(redactPath(unsubscribePath)).toBe('/unsubscribe/:token');
  });

  it('an invalid or tampered unsubscribe link says so on GET too (410, no button)', async () => {
    for (const token of ['garbage', 'x'.repeat(40)]) {
      const res = await fetch(`${server.url}/unsubscribe/${token}?locale=en`);
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(html).toContain('This link does not work');
      expect(html).not.toContain('<form');
    }
  });

  it('my data: same answer for unknown addresses, a magic link that shows, downloads, withdraws and erases', async () => {
    // Every hosted page links the "my data" page in its footer.
    const pledgePage = await (await fetch(`${server.url}/p/pages-confirm?locale=fr`)).text();
    expect(pledgePage).toContain('href="/my-data?locale=fr">Mes données</a>');
    const email = 'mydata@example.org';
    await sign(email, 'Mydata Person');
    const ask = (address: string) =>
      fetch(`${server.url}/my-data`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: address, locale: 'en' }).toString(),
      });
    const unknown = await ask('stranger@example.org');
    const known = await ask(email);
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    expect(known.headers.get('set-cookie')).toBeNull();
    expect((await ask('not an address')).status).toBe(422);
    const huge = await ask('a'.repeat(20_000));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('text/html');
    // The body is not read: the page's language comes from the browser (none here: French).
    expect(await huge.text()).toContain('Le formulaire envoyé est trop long.');

    await vi.waitFor(
      () => expect(mailTo(email).some((m) => m.text.includes('/my-data/'))).toBe(true),
      { timeout: 5000 },
    );
    expect(mailTo('stranger@example.org')).toEqual([]);
    const link = mailTo(email).find((m) => m.text.includes('/my-data/'));
    const path = /\/my-data\/[\w.-]+/.exec(link?.text ?? '')?.[0] ?? '';
    expect(redactPath(path)).toBe('/my-data/:token');

    const page = await fetch(`${server.url}${path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Mydata Person');
    expect(html).toContain('J’accepte de recevoir des nouvelles par e-mail.');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    // Everything stored, in words: the signature's answers and site, statuses, mails.
    expect(html).toContain('(en attente de confirmation)');
    expect(html).toContain('réponses\u00a0: why: data — signé sur https://ally.example');
    expect(html).toContain('confirmer votre signature');
    expect(html).not.toMatch(/\((pending|logged|sent)\)|pledge-confirm|my-data-link/);

    const json = await fetch(`${server.url}${path}/data.json`);
    expect(json.headers.get('content-disposition')).toContain('attachment');
    const data = (await json.json()) as { person: { email: string }; signatures: unknown[] };
    expect(data.person.email).toBe(email);
    expect(data.signatures).toHaveLength(1);

    const post = (action: string, body = '') =>
      fetch(`${server.url}${path}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('withdraw')).status).toBe(200);
    const id = await personId(email);
    expect((await consentLedger(server.ctx.db.kysely, id)).every((c) => c.withdrawnAt)).toBe(true);

    expect((await post('erase')).status).toBe(422);
    expect((await post('erase', 'confirm=yes')).status).toBe(200);
    const left = await server.ctx.db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .execute();
    expect(left).toEqual([]);
    expect((await fetch(`${server.url}${path}`)).status).toBe(410);
  });
});
