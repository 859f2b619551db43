import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError, type Command } from './command.js';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

async function loadCommands(): Promise<Command[]> {
  const files = readdirSync(commandsDir).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'));
  const commands: Command[] = [];
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as { default?: Command };
    if (mod.default?.name) commands.push(mod.default);
  }
  return commands;
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
export async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help(commands) + '\n');
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('broadsheet 0.1.0\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`broadsheet: unknown command '${name}'\n\n${help(commands)}\n`);
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
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`broadsheet ${name}: ${message}\n`);
    if (process.env.BROADSHEET_DEBUG) console.error(err);
    return 1;
  }
}
