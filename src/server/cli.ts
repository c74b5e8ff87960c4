import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrateToLatest, openDatabase } from './db/index.js';
import { AppError } from './errors.js';
import { exportContent, importContent, type ImportProgress } from './modules/kb/kb.import.js';
import { createAdmin } from './modules/users/users.service.js';
import { createStaff } from './modules/staff/staff.service.js';
import { startServer } from './main.js';
import { registerRecordCommands, registerToolCommands } from './cli.tools.js';

function config(): Config {
  return loadConfig();
}

/** A progress bar on a terminal; plain lines otherwise (CI logs). */
function progress(label: string): { onProgress: ImportProgress; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = -1;
    return {
      onProgress: ({ phase, done, total }) => {
        const pct = total ? Math.floor((done / total) * 10) : 10;
        if (pct !== last) {
          last = pct;
          process.stderr.write(`${label} ${phase}: ${done}/${total}\n`);
        }
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar({ format: `${label} {phase} [{bar}] {value}/{total}`, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  let currentPhase = '';
  return {
    onProgress: ({ phase, done, total }) => {
      if (!started || phase !== currentPhase) {
        if (started) bar.stop();
        bar.start(total, done, { phase });
        started = true;
        currentPhase = phase;
      } else bar.update(done, { phase });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

async function withDatabase<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const handle = openDatabase(config().database);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function buildCli(): Command {
  const program = new Command('pharos').description('Pharos — self-hosted customer support for crypto exchanges').showHelpAfterError();

  program
    .command('start')
    .description('migrate the database, import bundled content on first start and serve everything')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number');
      return n;
    })
    .action(async (opts: { port?: number }) => {
      const cfg = config();
      await startServer(opts.port === undefined ? cfg : { ...cfg, port: opts.port });
    });

  const kb = program.command('kb').description('knowledge base content');
  kb.command('import <dir>')
    .description('import a content folder (structure.json + articles/*.md); re-import updates, never duplicates')
    .action(async (dir: string) => {
      const bar = progress('import');
      const summary = await withDatabase((h) => importContent(h.db, resolve(dir), bar.onProgress)).finally(bar.stop);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    });
  kb.command('export <dir>')
    .description('export the knowledge base to a content folder')
    .action(async (dir: string) => {
      const bar = progress('export');
      const result = await withDatabase((h) => exportContent(h.db, resolve(dir), bar.onProgress)).finally(bar.stop);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });

  program
    .command('admin')
    .description('staff administration')
    .command('create <email>')
    .description('create an admin (or promote a user) and print a new API token; with --password-stdin the admin can also sign in to the agent console (TOTP enrolment at first sign-in)')
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read a console password from standard input')
    .action(async (email: string, opts: { name?: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? (await readAll(process.stdin)).replace(/\r?\n$/, '') : undefined;
      const result = await withDatabase(async (h) => {
        if (password !== undefined) await createStaff(h.db, { email, name: opts.name ?? email.split('@')[0]!, role: 'admin', password }, { config: config() });
        return createAdmin(h.db, email, opts.name);
      });
      process.stdout.write(`${JSON.stringify({ id: result.userId, email: result.email, created: result.created, token: result.token })}\n`);
      process.stderr.write('Store this token now: it is shown only once. Use it as "Authorization: Bearer <token>".\n');
    });

  registerToolCommands(program);
  registerRecordCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 78;
    } else if (error instanceof AppError) {
      process.stderr.write(`${error.localizedMessage('en-us')}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) void runCli(process.argv);
