import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { type ServerProcess, startServerProcess } from './server.ts';
import { axeViolations, type HostSite, startHostSite } from './widget-host.ts';

// The pledge widget on an allied site: a host page on ANOTHER origin than the API, under a
// strict CSP, embeds the widget (script tag, then iframe), signs, and sees the thank-you step
// and the count go up — with no cookie, no request to a third origin, no console error and no
// CSP violation, and no axe-core violation on the form or the thank-you step.

const widgetBundle = fileURLToPath(
  new URL('../../../apps/widgets/dist/pledge.js', import.meta.url),
);

let server: ServerProcess;
let browser: Browser;
let host: HostSite;

beforeAll(async () => {
  if (!existsSync(widgetBundle)) {
    throw new Error(`The widget is not built (${widgetBundle}): run \`pnpm build\` first.`);
  }
  [server, browser] = await Promise.all([
    startServerProcess({ RATE_LIMITS: 'off' }),
    launchBrowser(),
  ]);
  // Generous: on a loaded 2-core machine the server can take a while to start.
  await server.waitFor(/"listening"/, 25_000);
  const api = server.url;
  // What a careful webmaster would send: nothing but the chapter's origin for scripts/fetches.
  const scriptCsp = `default-src 'none'; script-src ${api}; connect-src ${api}; style-src 'self'`;
  const frameCsp = `default-src 'none'; frame-src ${api}; script-src 'self'; style-src 'self'`;
  host = await startHostSite({
    '/': {
      csp: scriptCsp,
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ally news</title>
<script src="${api}/widgets/pledge.js" async></script></head>
<body><main><h1>Ally news</h1>
<groundwork-pledge id="main" pledge="quit-chatgpt"></groundwork-pledge>
<groundwork-pledge id="second" pledge="quit-chatgpt" compact accent="#0055aa"></groundwork-pledge>
</main></body></html>`,
    },
    '/framed': {
      csp: frameCsp,
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ally blog</title>
<script src="/resize.js" async></script></head>
<body><main><h1>Ally blog</h1>
<iframe src="${api}/embed/pledge/quit-chatgpt?locale=en" title="Sign the pledge" width="100%" height="600"></iframe>
</main></body></html>`,
    },
    // A right-to-left page with loud inherited styles, theming the widget from an ancestor.
    '/styled': {
      csp: scriptCsp,
      body: `<!doctype html><html lang="en" dir="rtl"><head><meta charset="utf-8"><title>Ally</title>
<link rel="stylesheet" href="/styled.css">
<script src="${api}/widgets/pledge.js" async></script></head>
<body><main><div class="brand"><groundwork-pledge pledge="quit-chatgpt"></groundwork-pledge></div></main></body></html>`,
    },
    '/styled.css': {
      type: 'text/css',
      body: `body { text-transform: uppercase; letter-spacing: 4px; text-align: right; }
.brand { --gw-accent: rgb(0, 85, 170); }`,
    },
    // The resize listener from docs/widget.md, in a file (this host forbids inline scripts).
    '/resize.js': {
      type: 'text/javascript',
      body: `addEventListener('message', (e) => {
  if (e.origin !== ${JSON.stringify(api)} || e.data?.type !== 'groundwork:resize') return;
  for (const f of document.querySelectorAll('iframe')) {
    if (f.contentWindow === e.source) f.height = String(e.data.height);
  }
});`,
    },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await host?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  problems: string[];
  foreign: string[];
  bodies: string[];
}

async function open(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Watched> {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  const w: Watched = { context, page, problems: [], foreign: [], bodies: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
      w.problems.push(m.text());
  });
  page.on('pageerror', (e) => w.problems.push(e.message));
  page.on('request', (r) => {
    const origin = new URL(r.url()).origin;
    if (origin !== server.url && origin !== host.origin) w.foreign.push(r.url());
    if (r.method() === 'POST') w.bodies.push(r.postData() ?? '');
  });
  // Test-only listener (the DevTools protocol injects it; the page's CSP does not apply).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
    // What the page had before any widget ran: to prove the widget adds no globals.
    const seen = [...Object.getOwnPropertyNames(window), ...Object.keys(document)];
    Object.defineProperty(window, '__gwTestBefore', { value: seen, enumerable: false });
  });
  return w;
}

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

const countOf = (text: string | null) =>
  Number((/([\d,]+) signatures?/.exec(text ?? '')?.[1] ?? '').replace(/,/g, ''));

/** Fills and sends the form inside `scope` (a page or the iframe) and waits for thanks. */
async function sign(scope: Page | Frame, root: string, email: string): Promise<void> {
  await scope.locator(`${root} input[name=email]`).fill(email);
  await scope.locator(`${root} input[name=name]`).fill('Ada Lovelace');
  await scope.locator(`${root} input[name=postalCode]`).fill('75011');
  await scope.locator(`${root} fieldset input`).first().check();
  await scope.locator(`${root} button[type=submit]`).click();
  await scope.locator(`${root} [part=thanks] h3`).first().waitFor();
}

// Longer limits than the package default: CI machines are small and may be busy.
describe('the pledge widget on another origin under a strict CSP', { timeout: 60_000 }, () => {
  it('script embed: signs, thanks, live count, no cookie, no third origin, no errors', async () => {
    const w = await open();
    const { page } = w;
    await step(page, 'widget-form', async () => {
      await page.goto(`${host.origin}/`);
      await page.locator('#main form').waitFor();
      await page.locator('#second form').waitFor();
      const added = await page.evaluate(() => {
        const before = new Set((window as unknown as { __gwTestBefore: string[] }).__gwTestBefore);
        const now = [...Object.getOwnPropertyNames(window), ...Object.keys(document)];
        return now.filter((name) => !before.has(name) && name !== '__gwTestBefore');
      });
      expect(added).toEqual([]);
      expect(await page.evaluate(() => typeof customElements.get('groundwork-pledge'))).toBe(
        'function',
      );
      expect(await axeViolations(page, '#main')).toEqual([]);
    });
    const before = countOf(await page.locator('#main [part=count]').textContent());
    expect(before).toBeGreaterThanOrEqual(0);

    await step(page, 'widget-sign', async () => {
      // A field error from the API first: shown next to the field.
      await page.locator('#main input[name=email]').fill('not-an-address');
      await page.locator('#main button[type=submit]').click();
      await page.locator('#main #f-email[aria-invalid=true]').waitFor();
      expect(await page.locator('#main #f-email-e').textContent()).not.toBe('');
      await sign(page, '#main', 'ada.widget@example.org');
      expect(await page.locator('#main [part=thanks] h3').first().textContent()).toBe(
        'Thank you for signing!',
      );
      await expect
        .poll(async () => countOf(await page.locator('#main [part=count]').textContent()))
        .toBe(before + 1);
      const links = await page
        .locator('#main [part=share] a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links.length).toBeGreaterThan(5);
      for (const href of links) expect(decodeURIComponent(href)).toMatch(/ref=[\w-]+/);
      // The second widget on the page is untouched by the first one's signing.
      expect(await page.locator('#second form').count()).toBe(1);
      expect(await axeViolations(page, '#main')).toEqual([]);
    });

    await step(page, 'widget-live', async () => {
      // Someone signs elsewhere: the count follows through the event stream.
      const res = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'elsewhere@example.org' }),
      });
      expect(res.status).toBe(201);
      await expect
        .poll(async () => countOf(await page.locator('#second [part=count]').textContent()), {
          timeout: 10_000,
        })
        .toBe(before + 2);
    });

    const sent = JSON.parse(w.bodies.at(-1) ?? '{}') as Record<string, unknown>;
    expect(sent.source).toBe(host.origin);
    expect(await w.context.cookies()).toEqual([]);
    expect(w.foreign).toEqual([]);
    // Chromium logs every 4xx response; the one 422 is the invalid address sent on purpose.
    expect(w.problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
    expect(w.problems.length).toBeLessThanOrEqual(1);
    await w.context.close();
  });

  it('iframe embed: frameable, resizes itself, signs, same guarantees', async () => {
    const w = await open();
    const { page } = w;
    let frame: Frame | undefined;
    await step(page, 'iframe-form', async () => {
      await page.goto(`${host.origin}/framed`);
      await expect.poll(() => page.frames().length).toBe(2);
      frame = page.frames().find((f) => f.url().startsWith(server.url));
      if (!frame) throw new Error('no embed frame');
      await frame.locator('groundwork-pledge form').waitFor();
      // The listener sized the iframe to its content (not the 600 it started with).
      await expect.poll(() => page.locator('iframe').getAttribute('height')).not.toBe('600');
      expect(await axeViolations(frame, 'groundwork-pledge')).toEqual([]);
    });
    if (!frame) throw new Error('no embed frame');
    const embed = frame;
    const heightBefore = Number(await page.locator('iframe').getAttribute('height'));
    const before = countOf(await embed.locator('[part=count]').textContent());

    await step(page, 'iframe-sign', async () => {
      await sign(embed, 'groundwork-pledge', 'grace.iframe@example.org');
      await expect
        .poll(async () => countOf(await embed.locator('[part=count]').textContent()))
        .toBe(before + 1);
      await expect
        .poll(async () => Number(await page.locator('iframe').getAttribute('height')))
        .not.toBe(heightBefore);
      expect(await axeViolations(embed, 'groundwork-pledge')).toEqual([]);
    });

    const sent = JSON.parse(w.bodies.at(-1) ?? '{}') as Record<string, unknown>;
    expect(sent.source).toBe(host.origin);
    expect(await w.context.cookies()).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('proof of work: the solver loads as a worker in the embed and as a module on the host', async () => {
    // A challenge made here (the demo pledge has proof-of-work off, so the API gives none).
    const salt = 'e2e-salt?expires=9999999999';
    const challenge = {
      algorithm: 'SHA-256',
      challenge: createHash('sha256').update(`${salt}1234`).digest('hex'),
      maxnumber: 5000,
      salt,
      signature: 'unused',
    };
    const numberIn = (payload: string) =>
      (JSON.parse(Buffer.from(payload, 'base64').toString()) as { number: number }).number;
    const w = await open();
    const { page } = w;
    await step(page, 'pow', async () => {
      await page.goto(`${host.origin}/framed`);
      await expect.poll(() => page.frames().length).toBe(2);
      const frame = page.frames().find((f) => f.url().startsWith(server.url));
      if (!frame) throw new Error('no embed frame');
      // Same origin as the API (the embed page): a module worker, allowed by worker-src 'self'.
      const inWorker = await frame.evaluate(
        (c) =>
          new Promise<string>((resolve, reject) => {
            const worker = new Worker('/widgets/pow-worker.js', { type: 'module' });
            worker.onmessage = (e) => resolve(e.data as string);
            worker.onerror = (e) => reject(new Error(e.message));
            worker.postMessage(c);
          }),
        challenge,
      );
      expect(numberIn(inWorker)).toBe(1234);
      // Another origin (the host page): imported as a module, allowed by script-src <api>.
      await page.goto(`${host.origin}/`);
      // (A string: vitest would rewrite an import() written in this file.)
      const url = `${server.url}/widgets/pow-worker.js`;
      const imported = await page.evaluate<string>(
        `import(${JSON.stringify(url)}).then((m) => m.solve(${JSON.stringify(challenge)}))`,
      );
      expect(numberIn(imported)).toBe(1234);
    });
    expect(w.foreign).toEqual([]);
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it("keeps the host page's inherited styles out, takes --gw-* from an ancestor, adds no scroll", async () => {
    const w = await open();
    const { page } = w;
    await step(page, 'styled-host', async () => {
      await page.goto(`${host.origin}/styled`);
      await page.locator('groundwork-pledge form').waitFor();
      const look = await page.locator('groundwork-pledge').evaluate((el) => {
        const root = el.shadowRoot as ShadowRoot;
        const style = (sel: string) => getComputedStyle(root.querySelector(sel) as Element);
        return {
          transform: style('h2').textTransform,
          spacing: style('h2').letterSpacing,
          align: style('label').textAlign,
          accent: style('button[type=submit]').backgroundColor,
          scrolls: document.documentElement.scrollWidth > window.innerWidth,
        };
      });
      expect(look).toEqual({
        transform: 'none',
        spacing: 'normal',
        align: 'start',
        accent: 'rgb(0, 85, 170)',
        scrolls: false,
      });
    });
    expect(w.problems).toEqual([]);
    await w.context.close();
  });

  it('dark mode and French: readable (axe) and translated', async () => {
    const w = await open({ colorScheme: 'dark' });
    const { page } = w;
    await step(page, 'dark-fr', async () => {
      await page.goto(`${host.origin}/`);
      await page.locator('#main form').waitFor();
      await page.locator('#main').evaluate((el) => el.setAttribute('locale', 'fr'));
      await expect
        .poll(() => page.locator('#main button[type=submit]').textContent())
        .toBe('Je signe');
      // #second has accent="#0055aa": its button text must stay readable on the dark page.
      expect(await axeViolations(page, '#main')).toEqual([]);
      expect(await axeViolations(page, '#second')).toEqual([]);
    });
    expect(w.problems).toEqual([]);
    await w.context.close();
  });
});
