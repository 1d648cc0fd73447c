import { Command, CommanderError } from 'commander';
import { DataDirLockedError } from './platform/db/lock.js';
import { DomainError } from './platform/errors.js';
import {
  CliError,
  EXIT,
  jsonOption,
  print,
  sub,
  version,
  withDatabase,
  type Out,
} from './cli/common.js';
import { accountCommands, seedCommand, workspaceCommands } from './cli/operator.js';
import { prepareFirstStart, start, worker } from './cli/serve.js';

// The `voronka` command line: the server and worker (cli/serve.ts), operator tools (cli/operator.ts).
export { CliError, EXIT, isoDate } from './cli/common.js';
export { startBlock } from './cli/serve.js';

export function buildCli(opts: { json?: boolean } = {}) {
  const program = new Command('voronka')
    .description('Voronka — CRM for sales departments')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    // With --json a usage error is one JSON object on stderr (written by main), not commander's text.
    .configureOutput(opts.json ? { writeErr: () => undefined } : {})
    .addHelpText(
      'after',
      `
Environment: DATABASE_URL (PostgreSQL; otherwise embedded PGlite in VORONKA_DATA_DIR, default ./data),
  PORT, PUBLIC_URL, VORONKA_SECRET, LOG_LEVEL, VORONKA_WORKER=on|off.
The embedded database belongs to one process: while the server runs, stop it before running
commands that open the database (or use PostgreSQL, where they work side by side).
Exit codes: 0 done, 1 failed, 2 bad usage, 3 the embedded database is in use by another process.`,
    );

  sub(program, 'start')
    .description(
      'start the API, the web app and an in-process worker (first start on an empty embedded folder creates a demo workspace)',
    )
    .addOption(jsonOption())
    .action(start);
  sub(program, 'worker')
    .description(
      'run background jobs only (scale-out: run any number next to the server, PostgreSQL only)',
    )
    .addOption(jsonOption())
    .action(worker);
  sub(program, 'migrate')
    .description('apply database migrations and exit')
    .addOption(jsonOption())
    .action((o: Out) =>
      withDatabase(async (db) =>
        print(
          o,
          { ok: true, database: db.kind },
          `Migrations applied (${db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}).`,
        ),
      ),
    );

  // Internal: `start` runs it in a child process on an empty embedded folder (see cli/serve.ts).
  program.command('prepare-first-start', { hidden: true }).action(prepareFirstStart);
  workspaceCommands(program);
  seedCommand(program);
  accountCommands(program);
  return program;
}

// Any error as { code, message, exitCode }: known ones without a stack, unknown ones with it only at LOG_LEVEL=debug.
export function describeError(err: unknown): {
  code: string;
  message: string;
  exitCode: number;
  stack?: string;
} {
  if (err instanceof CliError)
    return { code: err.code, message: err.message, exitCode: err.exitCode };
  if (err instanceof DataDirLockedError)
    return { code: 'database.locked', message: err.message, exitCode: EXIT.locked };
  if (err instanceof DomainError)
    return { code: err.code, message: err.message, exitCode: EXIT.failed };
  const e = err as NodeJS.ErrnoException & { errors?: Error[] };
  const sys = e?.code ?? e?.errors?.[0]?.['code' as never];
  if (
    sys === 'ECONNREFUSED' ||
    sys === 'ENOTFOUND' ||
    sys === '3D000' ||
    sys === '28P01' ||
    sys === '28000'
  ) {
    return {
      code: 'database.unreachable',
      message: `cannot use the PostgreSQL database in DATABASE_URL: ${e.message || String(sys)}`,
      exitCode: EXIT.failed,
    };
  }
  const message = e instanceof Error ? e.message : String(err);
  if (message.startsWith('Invalid configuration'))
    return { code: 'config.invalid', message, exitCode: EXIT.usage };
  return {
    code: 'internal',
    message,
    exitCode: EXIT.failed,
    stack: e instanceof Error ? e.stack : undefined,
  };
}

export async function main(argv = process.argv) {
  const json = argv.includes('--json');
  try {
    await buildCli({ json }).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; commander already printed its message for real ones.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version')
        process.exit(EXIT.ok);
      if (err.code === 'commander.help') process.exit(EXIT.usage); // a command group without its subcommand
      if (json)
        console.error(
          JSON.stringify({
            error: { code: 'cli.usage', message: err.message.replace(/^error: /, '') },
          }),
        );
      process.exit(EXIT.usage);
    }
    const d = describeError(err);
    const debug = /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '');
    if (json) console.error(JSON.stringify({ error: { code: d.code, message: d.message } }));
    else
      console.error(
        `voronka: ${d.message}${d.stack && debug ? `\n${d.stack}` : d.stack ? '\n(set LOG_LEVEL=debug for the stack trace)' : ''}`,
      );
    process.exit(d.exitCode);
  }
}
