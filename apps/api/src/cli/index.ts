export { type CliContext, CliError, type Command } from './command.ts';
export { runCli } from './main.ts';
