import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ mode }) => ({
  plugins: [solid()],
  // Served by the API under /admin.
  base: '/admin/',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/trpc': 'http://127.0.0.1:3000' } },
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    // Starts one real API server (real router, fresh SQLite file) for every test file.
    globalSetup: ['./test/globalSetup.ts'],
    // One jsdom per worker instead of one per file: files share no module state that matters
    // (everything goes through providers), and it saves seconds per file on 2-core CI.
    isolate: false,
    testTimeout: 15_000,
    hookTimeout: 30_000,
  },
  // Tests need Solid's browser build in jsdom; a production build keeps Vite's defaults
  // (no 'development' condition, so no dev-only Solid code in dist/).
  resolve: mode === 'test' ? { conditions: ['development', 'browser'] } : {},
}));
