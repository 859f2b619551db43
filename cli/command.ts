import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorMessage } from '../core/error-message.js';

/**
 * A CLI command. Each file in cli/commands/ default-exports one; cli/main.ts discovers them,
 * so adding a command never edits a shared list.
 */
export interface Command {
  name: string;
  /** One line for `broadsheet --help`. */
  summary: string;
  /** Full usage text for `broadsheet <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** An error the CLI reports as one clear line (no stack trace) with a non-zero exit. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Parses a command's options (positionals allowed); a bad option is a UsageError naming it. */
type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

export function parseOptions<const O extends OptionsConfig>(argv: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (err) {
    throw new UsageError(errorMessage(err));
  }
}
