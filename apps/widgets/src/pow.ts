import { request } from './api.ts';

/**
 * Fetches the pledge's proof-of-work challenge and solves it off the base bundle: in a Web
 * Worker (`/widgets/pow-worker.js`) when the page shares the API's origin (the iframe embed,
 * the hosted page), otherwise by importing the same file as a module and solving it with
 * async WebCrypto calls (browsers refuse cross-origin workers, and a blob: worker would need
 * an extra `worker-src` line in the host's CSP). Resolves to the `altcha` payload.
 *
 * @example
 * const altcha = await solvePow('https://pledge.example.org', 'quit-chatgpt');
 */
export async function solvePow(base: string, slug: string): Promise<string> {
  const challenge = await request<unknown>(base, `/${encodeURIComponent(slug)}/challenge`);
  const url = `${base}/widgets/pow-worker.js`;
  if (new URL(url).origin === location.origin && typeof Worker === 'function') {
    return new Promise((resolve, reject) => {
      const worker = new Worker(url, { type: 'module' });
      worker.onmessage = (e: MessageEvent<string | null>) => {
        worker.terminate();
        e.data ? resolve(e.data) : reject(new Error('pow'));
      };
      worker.onerror = () => {
        worker.terminate();
        reject(new Error('pow'));
      };
      worker.postMessage(challenge);
    });
  }
  const mod = (await import(/* @vite-ignore */ url)) as {
    solve(c: unknown): Promise<string>;
  };
  return mod.solve(challenge);
}
