#!/usr/bin/env node
// The `groundwork` command line. The code is TypeScript run through tsx (like the server), so
// this launcher registers tsx's loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
