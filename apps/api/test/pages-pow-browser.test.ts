import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.ts';
import { createPagePledges } from './pages-fixtures.ts';

// Proof of work on the hosted page, in Chromium with JavaScript on: the page script fetches
// the challenge, solves it in the widget's worker (/widgets/pow-worker.js, same origin), and
// the plain form goes through. (With JavaScript off the page says it cannot; pages.test.ts.)

const worker = fileURLToPath(new URL('../../widgets/dist/pow-worker.js', import.meta.url));

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(worker)) {
    throw new Error(`The widgets are not built (${worker}): run \`pnpm build\` first.`);
  }
  [server, browser] = await Promise.all([
    startTestServer({ RATE_LIMITS: 'off' }),
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    }),
  ]);
  await createPagePledges(server.ctx.db);
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('solves the proof of work on submit and signs through the plain form', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/p/pages-pow?locale=en`);
    // The script hides the "turn on JavaScript" note: it will solve the puzzle itself.
    expect(await page.locator('[data-pow-note]').isHidden()).toBe(true);
    await page.getByLabel('E-mail address').fill(`pow-${Date.now()}@example.org`);
    await page.getByRole('checkbox', { name: 'My data' }).check();
    await page.getByRole('button', { name: 'Sign' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you for signing!' }).waitFor();
    expect(page.url()).toMatch(/\/p\/pages-pow\/thanks\?ref=[a-z0-9]+&status=confirmed/);
    expect(requests).toContain('/api/v1/pledges/pages-pow/challenge');
    expect(requests).toContain('/widgets/pow-worker.js');
  } finally {
    await context.close();
  }
}, 30_000);
