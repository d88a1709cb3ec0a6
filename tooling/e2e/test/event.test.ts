import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { type ServerProcess, startServerProcess } from './server.ts';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ RATE_LIMITS: 'off' }),
    launchBrowser(),
  ]);
  context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    page.setDefaultTimeout(10_000);
    await run();
  } catch (error) {
    const path = await screenshot(page, name).catch(() => 'no screenshot');
    throw new Error(
      `${name} failed (screenshot: ${path}): ${String(error)}\n--- server output ---\n${server.output()}`,
    );
  }
}

it('RSVPs on the hosted event page, then checks the attendee in by code from the admin', {
  timeout: 60_000,
}, async () => {
  const [link] = await server.waitFor(/http:\/\/\S+\/admin\/setup\?token=[\w.~%-]+/);

  await step('rsvp', async () => {
    await page.goto(`${server.url}/e/mass-cancellation-party`);
    await page.getByRole('heading', { level: 1, name: 'Mass Cancellation Party' }).waitFor();
    expect(await page.getByText('80 seats left').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'E-mail' }).fill('ada@example.org');
    await page.getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you, noted!' }).waitFor();
    expect(page.url()).toBe(`${server.url}/e/mass-cancellation-party/thanks?locale=en`);
  });

  await step('setup', async () => {
    await page.goto(link);
    await page.getByLabel('Name').fill('Camille Martin');
    await page.getByLabel('E-mail').fill('camille@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: /Dashboard · QuitGPT Paris/ }).waitFor();
  });

  let code = '';
  await step('attendees', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Events' })
      .click();
    await page.getByRole('link', { name: 'Soirée de résiliation collective' }).click();
    const row = page.getByRole('row', { name: /Ada Lovelace/ });
    await row.waitFor();
    code = (await row.locator('code').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
  });

  await step('check-in', async () => {
    await page.getByRole('link', { name: 'Check-in' }).click();
    await page.getByText('0 arrived / 1 expected').waitFor();
    await page.getByLabel('Check-in code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Check in' }).first().click();
    await page.getByText('Ada Lovelace is checked in.').waitFor();
    await page.getByText('1 arrived / 1 expected').waitFor();
    // The same code again says so instead of counting twice.
    await page.getByLabel('Check-in code').fill(code);
    await page.getByRole('button', { name: 'Check in' }).first().click();
    await page.getByText('Ada Lovelace was already checked in.').waitFor();
  });

  expect(problems).toEqual([]);
});
