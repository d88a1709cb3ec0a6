import { getPledgeBySlug, updatePledge } from '@groundwork/core/pledges';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';
import { createPagePledges, loadedUrls } from './pages-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMITS: 'off', SEED_DEMO: 'true' });
  await createPagePledges(server.ctx.db);
});
afterAll(() => server.stop());

describe('GET /p/:slug', () => {
  it('renders the demo pledge in French and in English', async () => {
    const fr = await server.app.request('/p/quit-chatgpt');
    expect(fr.status).toBe(200);
    const frPage = await fr.text();
    expect(frPage).toContain('<html lang="fr">');
    expect(frPage).toContain('<h1>Je résilie mon abonnement ChatGPT');
    expect(frPage).toContain('objectif 20\u202f000');
    expect(frPage).toContain('Pourquoi partez-vous ?');
    expect(frPage).toContain('<meta property="og:site_name" content="QuitGPT Paris">');
    const en = await (await server.app.request('/p/quit-chatgpt?locale=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<h1>I&#39;m cancelling my ChatGPT subscription');
    expect(en).toContain('goal 20,000');
    expect(en).toContain('Why are you leaving?');
    expect(en).toContain('<meta property="og:locale" content="en_GB">');
  });

  it('renders the pledge in its own language (French) with counter, form and meta tags', async () => {
    const res = await server.app.request('/p/pages-open');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await res.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<h1>Je résilie');
    expect(page).toContain('<strong>milliers</strong>');
    expect(page).toMatch(/0 signature<\/strong> \/ <span data-goal="20000">objectif 20\u202f000/);
    expect(page).toMatch(/<progress max="20000" value="0"/);
    expect(page).toContain('<form method="post" action="/p/pages-open"');
    expect(page).toMatch(/<input type="checkbox" id="f-consent" name="consent" value="yes">/);
    expect(page).toContain('J’accepte de recevoir des nouvelles par e-mail.');
    expect(page).toMatch(/name="website" value="" tabindex="-1" autocomplete="off"/);
    expect(page).toContain('<div class="hp" aria-hidden="true">');
    expect(page).toContain('name="postalCode"');
    // The browser stops where the server would refuse.
    expect(page).toMatch(/name="email" type="email"[^>]*maxlength="254"/);
    expect(page).toMatch(/name="name" type="text"[^>]*maxlength="200"/);
    expect(page).toMatch(/name="postalCode" type="text"[^>]*maxlength="16"/);
    expect(page).toMatch(/type="checkbox" id="f-answers_why" name="answers.why" value="data"/);
    expect(page).toMatch(/type="radio" id="f-answers_instead" name="answers.instead" value="open"/);
    expect(page).toMatch(/id="f-answers_note" name="answers.note" type="text"/);
    expect(page).toContain('<meta property="og:title" content="Je résilie">');
    expect(page).toContain(
      '<meta property="og:description" content="Nous sommes des milliers à partir.">',
    );
    expect(page).toContain(
      `<link rel="canonical" href="${server.ctx.config.publicUrl}/p/pages-open">`,
    );
    expect(page).toContain(
      `<meta property="og:url" content="${server.ctx.config.publicUrl}/p/pages-open">`,
    );
    expect(page).toContain('<meta property="og:locale" content="fr_FR">');
    expect(page).toContain(
      `<a href="${server.ctx.config.publicUrl}/p/pages-open?locale=en" hreflang="en" lang="en">English</a>`,
    );
  });

  it('switches to English through ?locale=en or Accept-Language, ?locale winning', async () => {
    const byQuery = await (await server.app.request('/p/pages-open?locale=en')).text();
    expect(byQuery).toContain('<html lang="en">');
    expect(byQuery).toContain('I am cancelling');
    expect(byQuery).toContain('goal 20,000');
    expect(byQuery).toContain('<input type="hidden" name="locale" value="en">');
    const byHeader = await server.app.request('/p/pages-open', {
      headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' },
    });
    expect(byHeader.headers.get('vary')).toContain('Accept-Language');
    expect(await byHeader.text()).toContain('<html lang="en">');
    const forced = await server.app.request('/p/pages-open?locale=fr', {
      headers: { 'accept-language': 'en' },
    });
    expect(await forced.text()).toContain('<html lang="fr">');
  });

  it('shows an organizer edit at once (after the usual invalidate), not a cached old text', async () => {
    const before = await (await server.app.request('/p/pages-closed')).text();
    expect(before).toContain('<h1>Je résilie');
    const pledge = await getPledgeBySlug(server.ctx.db.kysely, 'pages-closed');
    if (!pledge) throw new Error('fixture missing');
    const fr = pledge.translations.fr;
    if (!fr) throw new Error('fixture missing');
    await updatePledge(server.ctx.db.kysely, pledge.id, {
      ...pledge,
      rateLimit: null,
      translations: { ...pledge.translations, fr: { ...fr, title: 'Titre modifié' } },
    });
    server.ctx.signing.invalidate(pledge.id);
    const after = await (await server.app.request('/p/pages-closed')).text();
    expect(after).toContain('<h1>Titre modifié');
  });

  it('carries ?ref= into the form and ignores a malformed one', async () => {
    const page = await (await server.app.request('/p/pages-open?ref=abc123')).text();
    expect(page).toContain('<input type="hidden" name="ref" value="abc123">');
    const bad = await (await server.app.request('/p/pages-open?ref=%22%3E%3Cx')).text();
    expect(bad).not.toContain('name="ref"');
  });

  it('answers an HTML 404 for unknown and draft pledges', async () => {
    for (const slug of ['nope', 'pages-draft', 'pages-open/nothing/here', 'pages-draft/thanks']) {
      const res = await server.app.request(`/p/${slug}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('Page introuvable');
    }
  });

  it('shows a closed pledge with its count and no form', async () => {
    const page = await (await server.app.request('/p/pages-closed?locale=en')).text();
    expect(page).toContain('Closed');
    expect(page).toContain('0 signatures');
    expect(page).not.toContain('<form method="post"');
  });

  it('escapes every organizer-written text and loads nothing from another site', async () => {
    const res = await server.app.request('/p/pages-hostile');
    const page = await res.text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const url of loadedUrls(page)) expect(url).toMatch(/^\/(?!\/)/);
    expect(loadedUrls(page)).toEqual([
      expect.stringMatching(/^\/assets\/icon\.svg\?v=/),
      expect.stringMatching(/^\/assets\/pages\.css\?v=/),
      expect.stringMatching(/^\/assets\/pledge-page\.js\?v=/),
    ]);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('the Mastodon share step', () => {
  it('gives a plain link to the named instance, carrying the referral link', async () => {
    const res = await server.app.request(
      '/p/pages-open/share/mastodon?instance=%40me%40Piaille.fr&ref=abc&locale=en',
    );
    expect(res.status).toBe(200);
    const page = await res.text();
    const shareUrl = `${server.ctx.config.publicUrl}/p/pages-open?ref=abc`;
    expect(page).toContain(`href="https://piaille.fr/share?text=`);
    expect(page).toContain(encodeURIComponent(shareUrl));
  });

  it('asks again for an instance that is not a host name', async () => {
    const res = await server.app.request(
      '/p/pages-open/share/mastodon?instance=javascript:alert(1)',
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('aria-invalid="true"');
  });

  it('asks for the instance, with no error yet, when the link names none (the widget)', async () => {
    const res = await server.app.request('/p/pages-open/share/mastodon?ref=abc&locale=en');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('name="instance"');
    expect(page).toContain('<input type="hidden" name="ref" value="abc">');
    expect(page).not.toContain('aria-invalid');
  });
});

describe('GET /assets/:name', () => {
  it('serves the CSS and script from self with a content hash, an ETag and long caching', async () => {
    const page = await (await server.app.request('/p/pages-open')).text();
    const cssUrl = /href="(\/assets\/pages\.css\?v=[0-9a-f]+)"/.exec(page)?.[1] ?? '';
    const css = await server.app.request(cssUrl);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
    const etag = css.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
    const again = await server.app.request('/assets/pages.css', {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const js = await server.app.request('/assets/pledge-page.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).not.toContain('immutable');
    expect(await js.text()).not.toMatch(/['"`]https?:\/\/(?!\$\{)/);
    expect((await server.app.request('/assets/nope.js')).status).toBe(404);
  });
});
