import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

/**
 * A static "allied site" on another origin than the API (`localhost` vs `127.0.0.1`, and
 * another port), answering each path with fixed HTML/JS under a strict CSP header.
 */
export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

export async function startHostSite(
  files: Record<string, { body: string; type?: string; csp?: string }>,
): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': file.type ?? 'text/html; charset=utf-8',
      ...(file.csp ? { 'content-security-policy': file.csp } : {}),
    });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Runs axe-core on one element (and its shadow root) inside `frame`, returning violations as
 * "rule: target" lines. Injected through the DevTools protocol, which the page's CSP does not
 * govern, so the host's strict policy stays in force for everything else.
 */
export async function axeViolations(
  frame: Pick<Page, 'evaluate'>,
  selector: string,
): Promise<string[]> {
  await frame.evaluate(axeSource);
  return frame.evaluate(async (sel) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown): Promise<AxeResult> } }).axe;
    interface AxeResult {
      violations: Array<{ id: string; nodes: Array<{ target: unknown }> }>;
    }
    const result = await axe.run({ include: [[sel]] });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`),
    );
  }, selector);
}
