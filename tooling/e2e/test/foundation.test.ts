import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { type ServerProcess, startServerProcess } from './server.ts';
import { axeViolations } from './widget-host.ts';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchBrowser()]);
  context = await browser.newContext({ locale: 'en-GB' });
  page = await context.newPage();
  // A CSP violation or a failed script shows up here; the test asserts there is none.
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

/** Runs a step; on failure keeps a screenshot and the server output for the report. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const path = await screenshot(page, name).catch(() => 'no screenshot');
    throw new Error(
      `${name} failed (screenshot: ${path}): ${String(error)}\n--- server output ---\n${server.output()}`,
    );
  }
}

it('opens the setup link, creates the owner, signs out and in again', async () => {
  // The link the server prints at first start, as a person would copy it from the terminal.
  const [link] = await server.waitFor(/http:\/\/\S+\/admin\/setup\?token=[\w.~%-]+/);
  expect(link.startsWith(server.url)).toBe(true);

  await step('setup', async () => {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Create the first account' }).waitFor();
    expect(await axeViolations(page, 'body')).toEqual([]);
    await page.getByLabel('Name').fill('Camille Martin');
    await page.getByLabel('E-mail').fill('camille@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create my account' }).click();
    // The first owner lands on the demo chapter's dashboard.
    await page.getByRole('heading', { level: 1, name: /Dashboard · QuitGPT Paris/ }).waitFor();
    expect(page.url()).toBe(`${server.url}/admin/c/quitgpt-paris`);
  });

  await step('sign-out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // Signed out for real: the dashboard now sends us back to sign-in.
    await page.goto(`${server.url}/admin/c/quitgpt-paris`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // The setup link is spent: it says so and leads to sign-in, with no form to fill in vain.
    await page.goto(link);
    await page.getByText(/This Groundwork is set up already/).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  await step('sign-in', async () => {
    // Errors first, with the keyboard: focus lands on the first invalid field.
    await page.getByLabel('Password').press('Enter');
    await page.getByText('Please correct 2 problems:').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    expect(await axeViolations(page, 'body')).toEqual([]);
    await page.getByLabel('E-mail').fill('camille@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /QuitGPT Paris/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByText('QuitGPT Paris').isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Members' }).isVisible()).toBe(true);
    expect(page.url()).toBe(`${server.url}/admin/c/quitgpt-paris`);
  });

  await step('pages', async () => {
    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { level: 2, name: 'Invite someone' }).waitFor();
    expect(await axeViolations(page, 'body')).toEqual([]);
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 2, name: 'Active sessions' }).waitFor();
    await page.getByText('(this device)').waitFor();
    expect(await axeViolations(page, 'body')).toEqual([]);
  });

  await step('mail-preview', async () => {
    // A signature queues a thank-you mail; the Outbox shows it with the mail's own styles (its
    // frame has a CSP of its own: under the admin's, the inline styles were dropped).
    const email = 'preview-check@example.org';
    const signed = await fetch(`${server.url}/api/v1/pledges/quit-chatgpt/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Preview', locale: 'en' }),
    });
    expect(signed.status).toBe(201);
    await page.goto(`${server.url}/admin/c/quitgpt-paris/outbox`);
    await page.getByRole('button', { name: new RegExp(`Read the e-mail to ${email}`) }).click();
    const frame = page.frameLocator('iframe[title="HTML preview"]');
    await frame.locator('body table').first().waitFor();
    const background = await frame
      .locator('body')
      .evaluate((body) => getComputedStyle(body).backgroundColor);
    expect(background).toBe('rgb(246, 248, 250)');
  });

  expect(problems).toEqual([]);
});
