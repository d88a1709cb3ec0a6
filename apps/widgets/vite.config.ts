import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

// One build per file: a classic <script> must be a single IIFE (it captures
// document.currentScript), and the proof-of-work solver is a separate ES module so the
// base bundle never carries it. `pnpm build` runs the three modes in turn.
const entries = {
  production: { entry: 'src/pledge.ts', name: 'pledge', format: 'iife' },
  embed: { entry: 'src/embed.ts', name: 'embed', format: 'iife' },
  pow: { entry: 'src/pow-worker.ts', name: 'pow-worker', format: 'es' },
  event: { entry: 'src/event.ts', name: 'event', format: 'iife' },
} as const;

export default defineConfig(({ mode }) => {
  const e = entries[mode as keyof typeof entries] ?? entries.production;
  return {
    plugins: [solid()],
    build: {
      target: 'es2022',
      outDir: 'dist',
      // Only the first build of `pnpm build` clears dist; `pnpm dev` rebuilds pledge.js in place.
      emptyOutDir: e === entries.production && !process.argv.includes('--watch'),
      lib: {
        entry: e.entry,
        // The entries export nothing, so this name never becomes a global.
        name: 'groundwork',
        formats: [e.format],
        fileName: () => `${e.name}.js`,
      },
    },
    resolve: { conditions: ['browser'] },
    test: { environment: 'jsdom' },
  };
});
