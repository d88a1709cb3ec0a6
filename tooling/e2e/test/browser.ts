import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere. Never `playwright install`. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Saves a full-page screenshot in a fresh temporary folder and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'groundwork-e2e-shots-')), `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
