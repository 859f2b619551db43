import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type Command } from '../command.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const command: Command = {
  name: 'serve',
  summary: 'Serve the app and its API to a browser on 127.0.0.1 (token-guarded); prints the URL first.',
  usage: [
    'Usage: broadsheet serve [--port N] [--issue FILE] [--recent FILE]',
    '',
    'Starts the loopback host: the built renderer (dist/renderer; `npm run build`), fonts,',
    'templates and the BroadsheetApi over HTTP, on 127.0.0.1 only. The first line printed is',
    'the URL to open, with this launch\'s random token; requests without it are refused.',
    '',
    '  --port N      port to listen on (default: any free port)',
    '  --issue FILE  issue to open at start (default: assets/sample/sample.broadsheet)',
    '  --recent FILE the Open Recent list (default: $XDG_CONFIG_HOME or ~/.config, broadsheet/recent-issues.json)',
  ].join('\n'),
  async run(argv) {
    let port: number | undefined;
    let issue: string | undefined;
    let recentFile = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'broadsheet', 'recent-issues.json');
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--port') {
        port = Number(argv[++i]);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port wants a port number 0–65535, got '${argv[i]}'`);
      } else if (a === '--issue') {
        const v = argv[++i];
        if (!v) throw new UsageError('--issue wants a file');
        issue = resolve(v);
        if (!existsSync(issue)) throw new UsageError(`--issue: no such file: ${issue}`);
      } else if (a === '--recent') {
        const v = argv[++i];
        if (!v) throw new UsageError('--recent wants a file');
        recentFile = resolve(v);
      } else throw new UsageError(`unknown option '${a}'`);
    }
    const { serveApp } = await import('../../node/host/index.js');
    // The list is the user's, kept beside their other settings; without a writable folder, Open Recent stays empty.
    try {
      mkdirSync(dirname(recentFile), { recursive: true });
    } catch {
      process.stderr.write(`broadsheet serve: cannot create ${dirname(recentFile)}; Open Recent will not be kept\n`);
    }
    const host = await serveApp(root, { port, issue, recentFile });
    process.stdout.write(host.url + '\n');
    if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) process.stderr.write('broadsheet serve: the renderer is not built yet (npm run build); the API is up\n');
    else process.stderr.write('broadsheet serve: open the URL above in a browser; Ctrl+C stops\n');
    await new Promise<void>((done) => {
      const stop = () => void host.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
export default command;
