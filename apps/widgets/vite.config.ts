import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [solid()],
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    lib: {
      entry: { pledge: 'src/pledge.ts' },
      formats: ['es'],
      fileName: (_f, name) => `${name}.js`,
    },
  },
  test: { environment: 'jsdom', passWithNoTests: true },
});
