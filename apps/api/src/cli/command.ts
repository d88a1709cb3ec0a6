/**
 * What a `groundwork` command is. Each command lives in its own file under `commands/` and is
 * listed once in `commands/index.ts`; `main.ts` finds it, parses its options (node:util
 * parseArgs), prints its help, and turns any thrown error into one line on stderr and exit 1.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '@groundwork/core/db';
import type { Config } from '../config/index.ts';

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CliContext {
  /** Loads the configuration from the environment (as the server does). */
  config(): Config;
  /** Opens the configured database, migrated to the latest schema. Closed after the command. */
  db(): Promise<Db>;
  /** Prints one line to stdout. */
  out(line: string): void;
  /** Reads standard input to the end (for --password-stdin). */
  readStdin(): Promise<string>;
}

export interface Command {
  /** The words after `groundwork`, e.g. `user create`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The options line of the help, e.g. `--email <address> [--name <name>]`. */
  usage: string;
  /** Further help lines (examples, notes). */
  details?: string[];
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CliContext, values: OptionValues, positionals: string[]): Promise<void>;
}

/** A mistake by the person typing the command: printed as one line, exit 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/**
 * The value of a required string option, or a CliError naming it.
 *
 * @example
 * const email = required(values, 'email');
 */
export function required(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliError(`--${name} is required`);
  }
  return value;
}

/** The value of an optional string option. */
export function optional(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The password for a command: the first line of stdin with --password-stdin, otherwise
 * undefined (the command then generates one and prints it).
 */
export async function passwordFrom(ctx: CliContext, values: OptionValues) {
  if (!values['password-stdin']) return undefined;
  const line = (await ctx.readStdin()).split(/\r?\n/)[0] ?? '';
  if (line === '') throw new CliError('--password-stdin: standard input is empty');
  return line;
}

export const passwordStdinOption = {
  'password-stdin': { type: 'boolean' },
} as const satisfies Command['options'];
