#!/usr/bin/env node
// The `groundwork` command line. The code is TypeScript run through tsx (like the server), so
// this launcher registers tsx's loader, then runs the CLI.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// `pnpm --filter @groundwork/api exec groundwork` runs inside apps/api, but `npm start` keeps the
// default data folder (./data) at the repository root: work from there so both find one database.
const apiDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
if (process.cwd() === apiDir) process.chdir(fileURLToPath(new URL('../../..', import.meta.url)));

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
