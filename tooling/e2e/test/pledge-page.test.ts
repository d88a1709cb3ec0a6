import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { type ServerProcess, startServerProcess } from './server.ts';
import { axeViolations } from './widget-host.ts';

// The hosted pledge page of the demo campaign, in a real Chromium: signing with JavaScript
// off (the plain form), and the live counter with JavaScript on.

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  // Both tests sign from 127.0.0.1 within a minute: the per-address limit would refuse one.
  [server, browser] = await Promise.all([
    startServerProcess({ RATE_LIMITS: 'off' }),
    launchBrowser(),
  ]);
  await server.waitFor(/"listening"/);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors (CSP violations included) and page errors. */
  problems: string[];
  /** Every URL the page requested that is not on our own server. */
  foreign: string[];
}

async function open(options: { javaScriptEnabled: boolean; locale: string }): Promise<Watched> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // Fail a step well before the test's own timeout, with a screenshot.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) foreign.push(r.url());
  });
  return { context, page, problems, foreign };
}

/** Runs a step; on failure keeps a screenshot and the server output for the report. */
async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const path = await screenshot(page, name).catch(() => 'no screenshot');
    throw new Error(
      `${name} failed (screenshot: ${path}): ${String(error)}\n--- server output ---\n${server.output()}`,
    );
  }
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

describe('the hosted pledge page /p/quit-chatgpt', () => {
  it('signs with JavaScript turned off and shows the thank-you page', async () => {
    const { context, page, problems, foreign } = await open({
      javaScriptEnabled: false,
      locale: 'fr-FR',
    });
    try {
      let before = 0;
      await step(page, 'nojs-open', async () => {
        await page.goto(`${server.url}/p/quit-chatgpt`);
        await page
          .getByRole('heading', { level: 1, name: 'Je résilie mon abonnement ChatGPT' })
          .waitFor();
        before = digits(await page.locator('[data-count]').textContent());
        // The copy button needs the script; the link is still there to select by hand.
        expect(await page.getByRole('button', { name: 'Copier le lien' }).count()).toBe(0);
        expect(await page.getByRole('checkbox', { name: /accepte de recevoir/ }).isChecked()).toBe(
          false,
        );
      });

      await step(page, 'nojs-errors', async () => {
        await page.getByLabel('Nom').fill('Camille');
        await page.getByLabel('Adresse e-mail').fill('camille-at-example.org');
        await page.getByRole('button', { name: 'Signer' }).click();
        await page.getByRole('alert').getByText('Le formulaire contient des erreurs').waitFor();
        const email = page.getByLabel('Adresse e-mail');
        expect(await email.getAttribute('aria-invalid')).toBe('true');
        expect(await email.inputValue()).toBe('camille-at-example.org');
        expect(await page.getByLabel('Nom').inputValue()).toBe('Camille');
        expect(digits(await page.locator('[data-count]').textContent())).toBe(before);
      });

      await step(page, 'nojs-sign', async () => {
        await page.getByLabel('Adresse e-mail').fill(`nojs-${Date.now()}@example.org`);
        await page.getByLabel('Code postal').fill('75011');
        await page.getByRole('checkbox', { name: 'La protection de mes données' }).check();
        await page.getByRole('radio', { name: 'Un modèle ouvert hébergé chez moi' }).check();
        await page.getByRole('button', { name: 'Signer' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Merci pour votre signature !' })
          .waitFor();
      });

      await step(page, 'nojs-thanks', async () => {
        expect(page.url()).toMatch(/\/p\/quit-chatgpt\/thanks\?ref=[a-z0-9]+&status=confirmed/);
        expect(page.url()).not.toContain('example.org');
        const steps = page.locator('ol.checklist > li');
        expect(await steps.count()).toBe(5);
        expect(await steps.first().textContent()).toContain('Abonnement');
        const ref = new URL(page.url()).searchParams.get('ref');
        const shareUrl = await page.getByLabel('Votre lien de partage').inputValue();
        expect(shareUrl).toBe(`${server.url}/p/quit-chatgpt?ref=${ref}`);
        const bluesky = await page.getByRole('link', { name: 'Bluesky' }).getAttribute('href');
        expect(bluesky).toContain(encodeURIComponent(shareUrl));
        expect(digits(await page.locator('[data-count]').textContent())).toBe(before + 1);
      });
      expect(foreign).toEqual([]);
      // Chrome logs the 422 of the refused form as a failed load: that one is expected.
      expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('updates the counter live (JavaScript on) after a signature made in the background', async () => {
    const { context, page, problems, foreign } = await open({
      javaScriptEnabled: true,
      locale: 'en-GB',
    });
    try {
      let before = 0;
      await step(page, 'js-open', async () => {
        const stream = page.waitForRequest((r) => r.url().includes('/quit-chatgpt/stream'));
        await page.goto(`${server.url}/p/quit-chatgpt`);
        await page
          .getByRole('heading', { level: 1, name: "I'm cancelling my ChatGPT subscription" })
          .waitFor();
        await stream;
        before = digits(await page.locator('[data-count]').textContent());
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await axeViolations(page, 'body')).toEqual([]);
      });

      await step(page, 'js-live', async () => {
        // Give the stream a moment to be established before the signature lands.
        await page.waitForTimeout(300);
        const res = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `live-${Date.now()}@example.org`, locale: 'en' }),
        });
        expect(res.status).toBe(201);
        const expected = new Intl.NumberFormat('en-GB').format(before + 1);
        await page
          .locator('[data-count]', { hasText: `${expected} signature` })
          .waitFor({ timeout: 10_000 });
        expect(await page.locator('progress').getAttribute('value')).toBe(String(before + 1));
        await page
          .locator('[data-count-announcer]', { hasText: `${expected} signature` })
          .waitFor({ state: 'attached', timeout: 10_000 });
      });

      await step(page, 'js-thanks', async () => {
        await page.getByLabel('E-mail address').fill(`js-${Date.now()}@example.org`);
        await page.getByRole('button', { name: 'Sign' }).click();
        await page.getByRole('heading', { level: 1, name: 'Thank you for signing!' }).waitFor();
        // The script shows the copy button; it copies the signer's own link.
        await page.getByRole('button', { name: 'Copy link' }).click();
        await page.getByText('Link copied.').waitFor({ state: 'attached' });
        expect(await axeViolations(page, 'body')).toEqual([]);
      });
      expect(foreign).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
