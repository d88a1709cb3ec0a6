import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript file of core. Core runs from its `.ts` sources, and on
 * Node 20 neither `--import tsx` nor `module.register()` reaches a worker's own module loader
 * (tried: the thread fails with "Unknown file extension .ts"). tsx's require hook does, so the
 * thread registers it and then `require`s the file (tsx turns the ESM source into CommonJS).
 *
 * @example
 * const worker = typeScriptWorker(new URL('./writer.worker.ts', import.meta.url), { workerData });
 */
export function typeScriptWorker(file: URL, options: WorkerOptions = {}): Worker {
  const tsxRequireHook = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const code = [
    `require(${JSON.stringify(tsxRequireHook)}).register();`,
    `require(${JSON.stringify(fileURLToPath(file))});`,
  ].join('\n');
  return new Worker(code, { ...options, eval: true });
}
