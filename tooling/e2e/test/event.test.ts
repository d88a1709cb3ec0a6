import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { type ServerProcess, startServerProcess } from './server.ts';
import { axeViolations, type HostSite, startHostSite } from './widget-host.ts';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let host: HostSite;
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({ RATE_LIMITS: 'off' }),
    launchBrowser(),
  ]);
  // Generous: on a loaded 2-core machine the server can take a while to start.
  await server.waitFor(/"listening"/, 25_000);
  context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});

afterAll(async () => {
  await host?.close();
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

it('RSVPs through the event widget on another origin under a strict CSP', {
  timeout: 60_000,
}, async () => {
  const api = server.url;
  host = await startHostSite({
    '/': {
      csp: `default-src 'none'; script-src ${api}; connect-src ${api}; style-src 'self'`,
      body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Allié</title>
<script src="${api}/widgets/event.js" async></script></head>
<body><main><h1>Allié</h1><groundwork-event event="mass-cancellation-party"></groundwork-event></main></body></html>`,
    },
  });
  const hostPage = await context.newPage();
  const seen: string[] = [];
  const foreign: string[] = [];
  hostPage.on('console', (m) => {
    if (m.type() === 'error') seen.push(m.text());
  });
  hostPage.on('pageerror', (e) => seen.push(e.message));
  hostPage.on('request', (r) => {
    const origin = new URL(r.url()).origin;
    if (origin !== api && origin !== host.origin) foreign.push(r.url());
  });
  await hostPage.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  try {
    await hostPage.goto(host.origin);
    const widget = hostPage.locator('groundwork-event');
    await widget.getByRole('heading', { name: 'Soirée de résiliation collective' }).waitFor();
    expect(await widget.getByText('79 places restantes').isVisible()).toBe(true);
    expect(await axeViolations(hostPage, 'groundwork-event')).toEqual([]);
    await widget.getByRole('textbox', { name: 'Adresse e-mail' }).fill('grace@example.org');
    await widget.getByRole('textbox', { name: 'Nom ou prénom' }).fill('Grace Hopper');
    await widget.getByRole('button', { name: 'M’inscrire' }).click();
    await widget.getByText(/Merci ! Regardez votre boîte mail/).waitFor();
    expect(await context.cookies(api)).toHaveLength(1); // the admin session only, none from the widget
    expect(seen).toEqual([]);
    expect(foreign).toEqual([]);
  } finally {
    await hostPage.close();
  }
  // The organizer sees the new attendee at once.
  await page.getByRole('link', { name: 'Attendees' }).click();
  await page.getByRole('row', { name: /Grace Hopper/ }).waitFor();
});
