/**
 * The hosted page's form flow without JavaScript: signing by form post, the confirmation
 * link, and the form's rate limits (the page itself is in pages.test.ts).
 */
import { getPublicPledge } from '@groundwork/core/pledges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';
import { createPagePledges, form, hostile, loadedUrls, uniqueEmail } from './pages-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: 'off', SEED_DEMO: 'true' });
  await createPagePledges(server.ctx.db);
});
afterAll(() => server.stop());

const count = async (slug: string) => (await getPublicPledge(server.ctx.db.kysely, slug)).count;

describe('POST /p/:slug (the no-JavaScript signing flow)', () => {
  it('signs the demo pledge from its page: the count goes up by one', async () => {
    const before = await count('quit-chatgpt');
    const res = await server.app.request(
      '/p/quit-chatgpt',
      form({ email: uniqueEmail(), 'answers.why': 'price', locale: 'fr' }),
    );
    expect(res.status).toBe(303);
    expect(await count('quit-chatgpt')).toBe(before + 1);
    const page = await (await server.app.request(res.headers.get('location') ?? '')).text();
    expect(page).toContain('Merci pour votre signature');
    expect(page).toMatch(/<ol class="checklist">(\s*<li>[\s\S]*?<\/li>){5}\s*<\/ol>/);
  });

  it('signs, redirects with 303 to a thank-you page without personal data, and counts one more', async () => {
    const before = await count('pages-open');
    const email = uniqueEmail();
    const res = await server.app.request(
      '/p/pages-open',
      form({
        email,
        name: 'Ada',
        postalCode: '75011',
        'answers.why': ['data', 'price'],
        'answers.instead': 'open',
        consent: 'yes',
        locale: 'en',
        website: '',
      }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toBeNull();
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/p\/pages-open\/thanks\?ref=[a-z0-9]+&status=confirmed&locale=en$/);
    expect(location).not.toContain(encodeURIComponent(email));
    expect(await count('pages-open')).toBe(before + 1);

    const ref = new URL(location, 'http://x').searchParams.get('ref') ?? '';
    const thanks = await server.app.request(location);
    expect(thanks.status).toBe(200);
    const page = await thanks.text();
    expect(page).toContain('Thank you for signing!');
    expect(page).toMatch(/<ol class="checklist">[\s\S]*Open the settings[\s\S]*Keep a proof/);
    expect(page).not.toContain('Check your inbox');
    const shareUrl = `${server.ctx.config.publicUrl}/p/pages-open?ref=${ref}`;
    expect(page).toContain(`<input id="share-url" type="text" readonly value="${shareUrl}">`);
    const encoded = encodeURIComponent(shareUrl);
    for (const start of [
      'https://bsky.app/intent/compose?text=',
      'https://x.com/intent/post?text=',
      'https://www.reddit.com/submit?url=',
      'https://wa.me/?text=',
      'https://t.me/share/url?url=',
      'mailto:?subject=',
    ]) {
      const link = [...page.matchAll(/<a href="([^"]*)"/g)]
        .map((m) => (m[1] ?? '').replaceAll('&amp;', '&'))
        .find((href) => href.startsWith(start));
      expect(link, start).toContain(encoded);
    }
    expect(page).toContain('action="/p/pages-open/share/mastodon"');
    for (const url of loadedUrls(page)) expect(url).toMatch(/^\/(?!\/)/);
  });

  it('re-renders the form with 4xx, the values kept and errors tied to their fields', async () => {
    const before = await count('pages-open');
    const res = await server.app.request(
      '/p/pages-open',
      form({
        email: 'not-an-email',
        name: `Zoé ${hostile}`,
        postalCode: '75011',
        consent: 'yes',
        'answers.note': 'hi',
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain('id="error-summary"');
    expect(page).toContain('<a href="#f-email">');
    expect(page).toMatch(
      /id="f-email" name="email" type="email" value="not-an-email"[^>]*aria-invalid="true" aria-describedby="err-email"/,
    );
    expect(page).toContain('id="err-email"');
    // The name comes back exactly as typed, escaped.
    expect(page).toContain(
      'value="Zoé &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"',
    );
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('value="75011"');
    expect(page).toContain('name="answers.note" type="text" value="hi"');
    expect(page).toMatch(/name="consent" value="yes" checked/);
    expect(await count('pages-open')).toBe(before);
  });

  it('shows a refused control character again as U+FFFD, never as a raw byte in the page', async () => {
    const res = await server.app.request(
      '/p/pages-open',
      form({ email: 'ctl@example.org', name: 'a\u0000b\u0001c', 'answers.note': 'x\u0007y' }),
    );
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('value="a\uFFFDb\uFFFDc"');
    expect(page).toContain('value="x\uFFFDy"');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control bytes
    expect(page).not.toMatch(/[\u0000-\u0008]/);
  });

  it('speaks French on a French page: field messages and the summary naming each field', async () => {
    const res = await server.app.request('/p/pages-open', form({ email: 'nope' }));
    const page = await res.text();
    expect(page).toContain(
      '<a href="#f-email">Adresse e-mail\u00a0: Cette adresse e-mail n’est pas valable.</a>',
    );
    expect(page).toContain(
      '<p class="error" id="err-email">Cette adresse e-mail n’est pas valable.</p>',
    );
  });

  it('keeps proof of work on for the page and says JavaScript is needed for it', async () => {
    const page = await (await server.app.request('/p/pages-pow?locale=en')).text();
    expect(page).toContain(
      '<input type="hidden" name="altcha" value="" data-altcha-for="pages-pow">',
    );
    expect(page).toContain('turn on JavaScript to sign');
    const before = await count('pages-pow');
    const res = await server.app.request(
      '/p/pages-pow',
      form({ email: uniqueEmail(), 'answers.why': 'data', locale: 'en' }),
    );
    expect(res.status).toBe(422);
    const failed = await res.text();
    expect(failed).toContain('<p class="error" id="err-altcha">The anti-bot check did not succeed');
    expect(failed).toContain('<a href="#f-altcha">Anti-bot check: ');
    expect(await count('pages-pow')).toBe(before);
  });

  it('names a missing required answer next to its question', async () => {
    const res = await server.app.request('/p/pages-open', form({ email: uniqueEmail() }));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain(
      '<a href="#f-answers_why">Pourquoi ?\u00a0: Ce champ est obligatoire.</a>',
    );
    expect(page).toMatch(
      /id="f-answers_why" name="answers.why" value="data" aria-invalid="true" aria-describedby="err-answers_why"/,
    );
  });

  it('answers a filled honeypot like a success and counts nothing', async () => {
    const before = await count('pages-open');
    const res = await server.app.request(
      '/p/pages-open',
      form({ email: uniqueEmail(), 'answers.why': 'data', website: 'https://spam.example' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/p\/pages-open\/thanks\?/);
    expect(await count('pages-open')).toBe(before);
  });

  it('says "check your inbox" when the pledge needs a confirmation', async () => {
    const res = await server.app.request(
      '/p/pages-confirm',
      form({ email: uniqueEmail(), 'answers.why': 'data' }),
    );
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toContain('status=pending');
    const page = await (await server.app.request(location)).text();
    expect(page).toContain('Vérifiez votre boîte de réception');
  });

  it('refuses other content types and oversized bodies with an HTML page, not a 500', async () => {
    const json = await server.app.request('/p/pages-open', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"a@b.org"}',
    });
    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toContain('text/html');
    const big = await server.app.request('/p/pages-open', form({ email: 'x'.repeat(100_000) }));
    expect(big.status).toBe(413);
    const unknown = await server.app.request('/p/nope', form({ email: uniqueEmail() }));
    expect(unknown.status).toBe(404);
  });

  it('works over the real port: form post, redirect, thank-you page, no cookie anywhere', async () => {
    const before = await count('pages-open');
    const page = await fetch(`${server.url}/p/pages-open`);
    expect(page.headers.get('set-cookie')).toBeNull();
    const res = await fetch(`${server.url}/p/pages-open`, {
      ...form({ email: uniqueEmail(), 'answers.why': 'price' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toBeNull();
    const thanks = await fetch(new URL(res.headers.get('location') ?? '', server.url));
    expect(thanks.status).toBe(200);
    expect(thanks.headers.get('set-cookie')).toBeNull();
    expect(await thanks.text()).toContain('Merci pour votre signature');
    expect(await count('pages-open')).toBe(before + 1);
  });
});

describe('GET /confirm/:token', () => {
  async function confirmUrlFor(email: string): Promise<string> {
    const row = await server.ctx.db.kysely
      .selectFrom('outbox')
      .select('payload')
      .where('to_address', '=', email)
      .where('template', '=', 'pledge-confirm')
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.payload) as { confirmUrl: string }).confirmUrl;
  }

  it('confirms once with a page of next steps and share links, then says the link is used up', async () => {
    const email = uniqueEmail();
    const signed = await server.app.request(
      '/p/pages-confirm',
      form({ email, 'answers.why': 'data', locale: 'en' }),
    );
    const ref = new URL(signed.headers.get('location') ?? '', 'http://x').searchParams.get('ref');
    const url = new URL(await confirmUrlFor(email));
    const token = url.pathname.split('/').at(-1) ?? '';
    expect(token.length).toBeGreaterThan(19);

    // A mail scanner's HEAD first: it must leave the link for the person.
    const head = await fetch(`${server.url}${url.pathname}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const res = await fetch(`${server.url}${url.pathname}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Signature confirmed');
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    expect(page).toContain('Open the settings');
    expect(page).toContain(`value="${server.ctx.config.publicUrl}/p/pages-confirm?ref=${ref}"`);

    const again = await server.app.request(url.pathname);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('déjà servi');
    expect(server.logs.join('\n')).not.toContain(token);
  });

  it('answers an unknown or malformed token with a 410 page, never a 500', async () => {
    for (const token of ['x', 'a'.repeat(43), 'b'.repeat(500), '%E2%82%AC%00']) {
      const res = await server.app.request(`/confirm/${token}?locale=en`);
      expect(res.status, token).toBe(410);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('This confirmation link is not valid');
    }
  });
});

describe('rate limits on the page form', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer();
    await createPagePledges(limited.ctx.db);
  });
  afterAll(() => limited.stop());

  it('answers a second signature from the same connection with a 429 page and Retry-After', async () => {
    const sign = () =>
      fetch(`${limited.url}/p/pages-open?locale=en`, {
        ...form({ email: uniqueEmail(), 'answers.why': 'data', locale: 'en' }),
        redirect: 'manual',
      });
    expect((await sign()).status).toBe(303);
    const res = await sign();
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    const page = await res.text();
    expect(page).toContain('Too many attempts');
    expect(page).toContain(`try again in ${wait} second`);
  });
});
