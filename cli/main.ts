import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError, type Command } from './command.js';
import { errorMessage } from '../core/error-message.js';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

/** How the CLI reaches its commands: a loader per command, keyed by the command file's name. */
export type CommandLoaders = Readonly<Record<string, () => Promise<{ default?: Command }>>>;

/**
 * The commands of cli/commands/, found by listing the folder. Nothing is imported here: a
 * command's module (and what it imports) loads only when that command runs, or for --help.
 */
export function commandLoaders(dir = commandsDir): CommandLoaders {
  const loaders: Record<string, () => Promise<{ default?: Command }>> = {};
  const files = readdirSync(dir).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  for (const file of files.sort()) loaders[file.replace(/\.(ts|js|mjs)$/, '')] = () => import(pathToFileURL(join(dir, file)).href);
  return loaders;
}

async function loadCommands(loaders: CommandLoaders): Promise<Command[]> {
  const commands: Command[] = [];
  for (const key of Object.keys(loaders).sort()) {
    const mod = await loaders[key]();
    if (mod.default?.name) commands.push(mod.default);
  }
  return commands;
}

/** The command called `name`: its own file (cli/commands/<name>.ts) when that is the one, else whichever file exports it. */
async function findCommand(name: string, loaders: CommandLoaders): Promise<Command | undefined> {
  if (Object.hasOwn(loaders, name)) {
    const command = (await loaders[name]()).default;
    if (command?.name === name) return command;
  }
  return (await loadCommands(loaders)).find((c) => c.name === name);
}

function help(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Broadsheet — newspaper page layout, Chinese first, print-ready PDF.',
    '',
    'Usage: broadsheet <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `broadsheet <command> --help` for a command\'s options.',
  ].join('\n');
}

/** Entry point of the `broadsheet` CLI; resolves to the exit code. */
export async function main(argv: string[], loaders: CommandLoaders = commandLoaders()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help(await loadCommands(loaders)) + '\n');
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('broadsheet 0.1.0\n');
    return 0;
  }
  const command = await findCommand(name, loaders);
  if (!command) {
    process.stderr.write(`broadsheet: unknown command '${name}'\n\n${help(await loadCommands(loaders))}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`broadsheet ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    const message = errorMessage(err);
    process.stderr.write(`broadsheet ${name}: ${message}\n`);
    if (process.env.BROADSHEET_DEBUG) console.error(err);
    return 1;
  }
}
