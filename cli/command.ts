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
