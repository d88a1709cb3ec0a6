import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@solidjs/testing-library';
import { afterEach } from 'vitest';

// The pages wait for a real server (argon2 hashing included): give findBy* more than 1 s.
configure({ asyncUtilTimeout: 10_000 });
// Auto-cleanup needs vitest globals, which this repo does not turn on: unmount explicitly.
afterEach(cleanup);
