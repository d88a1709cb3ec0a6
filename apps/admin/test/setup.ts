import '@testing-library/jest-dom/vitest';
import { cleanup } from '@solidjs/testing-library';
import { afterEach } from 'vitest';

// Auto-cleanup needs vitest globals, which this repo does not turn on: unmount explicitly.
afterEach(cleanup);
