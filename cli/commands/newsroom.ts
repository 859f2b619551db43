import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage } from '../../core/error-message.js';
import { parseOptions, UsageError, type Command } from '../command.js';

const DB_OPTIONS = {
  data: { type: 'string' },
  database: { type: 'string' },
} as const;

const usage = [
  'Usage: broadsheet newsroom <command> [options]',
  '',
  'The newsroom server: one edition shared by reporters, editors, layout and the duty chief.',
  'Every command takes where the database is:',
  '  --data DIR        the embedded database (PGlite) in DIR (default: ./newsroom-data)',
  '  --database URL    a PostgreSQL server (15 or newer): postgres://user:pass@host:5432/db',
  '                    (or the BROADSHEET_DATABASE_URL environment variable)',
  '',
  'Commands:',
  '  serve [--port N] [--listen ADDR] [--tls-cert FILE --tls-key FILE] [--lease-seconds N]',
  '        Serves the newsroom API (default 127.0.0.1:7420). Any address other than loopback',
  '        needs --tls-cert and --tls-key (PEM). Prints the URL first; Ctrl+C stops.',
  '  user add LOGIN --role ROLE [--name NAME]    roles: reporter, editor, layout, chief, admin',
  '  user passwd LOGIN',
  '  user disable LOGIN [--enable]',
  '  user list',
  '        The password is read from standard input (one line), or asked for on a terminal.',
  '  import FILE [--edition-id ID] [--owner LOGIN]   a .broadsheet issue becomes an edition',
  '  export EDITION FILE                             an edition becomes a .broadsheet issue',
  '  editions                                        lists the editions',
].join('\n');

async function openDb(values: { data?: string; database?: string }) {
  const { openNewsroomDb } = await import('../../node/newsroom/db.js');
  const url = values.database ?? process.env.BROADSHEET_DATABASE_URL;
  if (url && values.data) throw new UsageError('give --data or --database, not both');
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError('--database wants a postgres:// URL');
  return openNewsroomDb(url ? { url } : { dir: resolve(values.data ?? 'newsroom-data') });
}

async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0];
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((done) => {
    let pw = '';
    const onData = (c: string) => {
      for (const ch of c) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          return done(pw);
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') pw = pw.slice(0, -1);
        else pw += ch;
      }
    };
    stdin.on('data', onData);
  });
}

const command: Command = {
  name: 'newsroom',
  summary: 'Run the newsroom server (PGlite or PostgreSQL), manage its users, import/export editions.',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    const { NewsroomError } = await import('../../node/newsroom/service.js');
    try {
      switch (sub) {
        case 'serve':
          return await serve(rest);
        case 'user':
          return await user(rest);
        case 'import': {
          const { values, positionals } = parseOptions(rest, { ...DB_OPTIONS, 'edition-id': { type: 'string' }, owner: { type: 'string' } });
          if (positionals.length !== 1) throw new UsageError('newsroom import wants one issue file');
          const db = await openDb(values);
          try {
            const { importIssue } = await import('../../node/newsroom/transfer.js');
            const r = await importIssue(db, resolve(positionals[0]), { editionId: values['edition-id'], owner: values.owner });
            process.stdout.write(`edition ${r.edition}: ${r.pages} pages, ${r.stories} stories, ${r.photos} photos\n`);
            for (const p of r.missingPhotos) process.stderr.write(`warning: photo file missing, kept as a link: ${p}\n`);
            for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
          } finally {
            await db.close();
          }
          return 0;
        }
        case 'export': {
          const { values, positionals } = parseOptions(rest, DB_OPTIONS);
          if (positionals.length !== 2) throw new UsageError('newsroom export wants an edition id and an output file');
          const db = await openDb(values);
          try {
            const { exportIssue } = await import('../../node/newsroom/transfer.js');
            const r = await exportIssue(db, positionals[0], resolve(positionals[1]));
            process.stdout.write(`${resolve(positionals[1])}: ${r.pages} pages, ${r.stories} stories, ${r.photos} photos\n`);
          } finally {
            await db.close();
          }
          return 0;
        }
        case 'editions': {
          const { values } = parseOptions(rest, DB_OPTIONS);
          const db = await openDb(values);
          try {
            const { Newsroom } = await import('../../node/newsroom/service.js');
            for (const r of await new Newsroom(db).listEditions()) process.stdout.write(`${r.id}\t${r.date}\t${r.paper}\t${r.edition}\n`);
          } finally {
            await db.close();
          }
          return 0;
        }
        case undefined:
        case '--help':
          process.stdout.write(usage + '\n');
          return sub ? 0 : 2;
        default:
          throw new UsageError(`unknown newsroom command '${sub}' (serve, user, import, export, editions)`);
      }
    } catch (err) {
      if (err instanceof NewsroomError) throw new UsageError(err.message, 1);
      const { NewsroomDbError } = await import('../../node/newsroom/db.js');
      if (err instanceof NewsroomDbError) throw new UsageError(err.message, 1);
      throw err;
    }
  },
};
export default command;

async function user(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseOptions(rest, { ...DB_OPTIONS, role: { type: 'string' }, name: { type: 'string' }, enable: { type: 'boolean' } });
  const login = positionals[0];
  if (action !== 'list' && !login) throw new UsageError(`newsroom user ${action ?? ''} wants a login`);
  if (action === 'add' && !values.role) throw new UsageError('newsroom user add wants --role (reporter, editor, layout, chief or admin)');
  const password = action === 'add' || action === 'passwd' ? await readPassword(`Password for ${login}: `) : '';
  const db = await openDb(values);
  try {
    const { Newsroom } = await import('../../node/newsroom/service.js');
    const nr = new Newsroom(db);
    switch (action) {
      case 'add':
        await nr.addUser({ login, name: values.name ?? login, role: values.role as never, password });
        process.stdout.write(`added ${login} (${values.role})\n`);
        break;
      case 'passwd':
        await nr.setPassword(login, password);
        process.stdout.write(`password of ${login} changed; their other sessions have ended\n`);
        break;
      case 'disable':
        await nr.setDisabled(login, !values.enable);
        process.stdout.write(`${login} ${values.enable ? 'enabled' : 'disabled; their sessions ended and check-outs were released'}\n`);
        break;
      case 'list': {
        for (const u of await nr.listUsers()) process.stdout.write(`${u.login}\t${u.role}\t${u.name}${u.disabled ? '\t(disabled)' : ''}\n`);
        break;
      }
      default:
        throw new UsageError(`unknown user command '${action ?? ''}' (add, passwd, disable, list)`);
    }
  } finally {
    await db.close();
  }
  return 0;
}

async function serve(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    ...DB_OPTIONS,
    port: { type: 'string' },
    listen: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'lease-seconds': { type: 'string' },
  });
  const port = Number(values.port ?? 7420);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port wants a port number 0–65535, got '${values.port}'`);
  const leaseSeconds = Number(values['lease-seconds'] ?? 120);
  if (!(leaseSeconds >= 5 && leaseSeconds <= 86400)) throw new UsageError(`--lease-seconds wants 5–86400, got '${values['lease-seconds']}'`);
  if (!!values['tls-cert'] !== !!values['tls-key']) throw new UsageError('--tls-cert and --tls-key go together');
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values['tls-cert'] && values['tls-key']) {
    try {
      tls = { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) };
    } catch (err) {
      throw new UsageError(`cannot read the TLS certificate or key: ${errorMessage(err)}`, 1);
    }
  }
  const { isLoopback, ListenRefused, startNewsroomServer } = await import('../../node/newsroom/server.js');
  if (values.listen && !isLoopback(values.listen) && !tls) {
    throw new UsageError(`refusing --listen ${values.listen} without --tls-cert and --tls-key: passwords and session tokens would cross the network in clear text`);
  }
  const db = await openDb(values);
  const { Newsroom } = await import('../../node/newsroom/service.js');
  let server;
  try {
    server = await startNewsroomServer({ newsroom: new Newsroom(db, { leaseMs: leaseSeconds * 1000 }), port, listen: values.listen, tls });
  } catch (err) {
    await db.close();
    if (err instanceof ListenRefused) throw new UsageError(err.message);
    throw new UsageError(`cannot start the newsroom server: ${errorMessage(err)}`, 1);
  }
  process.stdout.write(server.url + '\n');
  const { rows } = await db.query<{ n: string }>('select count(*) as n from users');
  if (Number(rows[0].n) === 0) process.stderr.write('broadsheet newsroom: no users yet; add one with `broadsheet newsroom user add LOGIN --role admin` (stop the server first when on --data)\n');
  process.stderr.write(`broadsheet newsroom: serving ${db.kind === 'pglite' ? 'the embedded database' : 'PostgreSQL'}; Ctrl+C stops\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(() => db.close()).then(() => done(), () => done());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
