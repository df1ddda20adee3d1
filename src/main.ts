#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig, type Config } from './platform/config.js';
import type { RunningServer } from './server.js';
import type { WithStore } from './platform/with-store.js';
import { registerHookCommands } from './hooks/toolkit/cli.js';

const program = new Command();
program.name('tollgate').description('Self-hosted identity platform speaking Okta hooks and Workflows');

program.command('start')
  .description('Start the server (SQLite in the data dir by default)')
  .option('--port <port>', 'port to listen on (PORT, default 8080)')
  .option('--data <dir>', 'data directory (TOLLGATE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'postgres://… or sqlite:<file> (DATABASE_URL)')
  .option('--issuer <url>', 'public base URL (TOLLGATE_ISSUER, default http://localhost:PORT)')
  .option('--workers <n>', 'processes serving the port, one per core to use (TOLLGATE_WORKERS, default 1)')
  .option('--no-demo', 'do not create the demo org on an empty database')
  .action(async (opts: { port?: string; data?: string; databaseUrl?: string; issuer?: string; workers?: string; demo: boolean }) => {
    const config = loadConfig(opts);
    const { joinCluster, parseWorkers, runPrimary, workerRole } = await import('./ops/cluster.js');
    const workers = parseWorkers(opts.workers ?? process.env.TOLLGATE_WORKERS);
    const role = workerRole();
    if (role === 'single' && workers > 1) {
      if (/^sqlite:(\/\/)?:memory:$/i.test(config.databaseUrl)) throw new Error('--workers needs a database file or PostgreSQL, not an in-memory SQLite database');
      const { createLogger } = await import('./platform/logger.js');
      process.exitCode = await runPrimary({ workers, timeoutMs: config.shutdownTimeoutMs, log: createLogger({ level: config.logLevel, format: config.logFormat }) });
      return;
    }
    // Loaded here, so that the flow commands do not load the whole server.
    const { startServer } = await import('./server.js');
    const server = await startServer(config, { background: role !== 'follower' });
    if (role !== 'follower') printBanner(config, server, workers);
    const { releaseStartupMemory } = await import('./platform/startup-memory.js');
    server.ctx.log.debug(releaseStartupMemory(), 'start-up memory released');
    const { exitOnSignals } = await import('./ops/shutdown.js');
    exitOnSignals(server, { timeoutMs: config.shutdownTimeoutMs, log: server.ctx.log, signals: role === 'single' ? undefined : ['SIGTERM'] });
    if (role !== 'single') joinCluster(server, role);
  });

function printBanner(config: Config, server: RunningServer, workers: number): void {
  const base = config.issuer;
  const lines = [
    '',
    `Tollgate is running on ${base}`,
    `  Sign in:         ${base}/signin`,
    `  Admin console:   ${base}/admin`,
    `  Management API:  ${base}/api/v1`,
    `  Database:        ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}`,
    `  Admin login:     ${server.admin.login}`,
  ];
  if (workers > 1) lines.push(`  Workers:         ${workers} processes (node:cluster)`);
  if (config.telephonyDevelopment) lines.push('  Telephony:       development provider: SMS and voice codes are printed on stderr, not sent');
  if (server.admin.password) lines.push(`  Admin password:  ${server.admin.password}   (generated; shown once)`);
  if (server.admin.token && !config.adminToken) lines.push(`  Admin API token: ${server.admin.token}   (saved to ${config.dataDir}/admin-token)`);
  process.stdout.write(lines.join('\n') + '\n\n');
}

/** The configured store for a command (loaded here, so that `flow run` and `flow test` do not load the server). */
async function storeOf(config: Config): Promise<WithStore> {
  const { cliStore } = await import('./cli-store.js');
  return cliStore(config);
}

const flow = program.command('flow').description('Okta Workflows flows: import them into the store, or run or test one from a file');

flow.command('import <file>')
  .description('Import a .flopack, .flow or .folder file into the configured store (new flows come in off)')
  .option('--data <dir>', 'data directory (TOLLGATE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'postgres://… or sqlite:<file> (DATABASE_URL)')
  .option('--issuer <url>', 'public base URL for the invoke URLs shown (TOLLGATE_ISSUER)')
  .option('--activate', 'turn the new flows on')
  .action(async (file: string, opts: { data?: string; databaseUrl?: string; issuer?: string; activate?: boolean }) => {
    const config = loadConfig({ data: opts.data, databaseUrl: opts.databaseUrl, issuer: opts.issuer });
    const { importFlowFile } = await import('./workflows/cli/flow-import.js');
    const summary = await importFlowFile(await storeOf(config), file, { activate: opts.activate });
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  });

const collect = (value: string, previous: string[]) => [...previous, value];
flow.command('run <file>')
  .description('Run a flow from a file in memory and print its result as JSON')
  .option('--flow <name>', 'the flow to run when the file holds several')
  .option('--input <json>', 'API Endpoint flows: the request body; helper flows: the inputs by name')
  .option('--query <name=value>', 'API Endpoint flows: a query parameter (repeatable)', collect, [])
  .option('--header <name=value>', 'API Endpoint flows: a request header (repeatable)', collect, [])
  .action(async (file: string, opts: { flow?: string; input?: string; query: string[]; header: string[] }) => {
    const { runFlowFile } = await import('./workflows/cli/flow-run.js');
    const result = await runFlowFile(file, opts);
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  });

flow.command('test <file>')
  .description('Run the test cases written beside a flow (FILE.tests.json, or the tests file itself) and report pass/fail')
  .action(async (file: string) => {
    const { formatTestReport, runFlowTests } = await import('./workflows/cli/flow-test.js');
    const report = await runFlowTests(file);
    process.stdout.write(formatTestReport(report) + '\n');
    if (report.failed > 0) process.exitCode = 1;
  });

const admin = program.command('admin').description('Recovery on the store itself, without the server: unlock a user or set a new password');

admin.command('unlock <login>')
  .description('Unlock a LOCKED_OUT user (for example the admin, locked by wrong passwords)')
  .option('--data <dir>', 'data directory (TOLLGATE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'postgres://… or sqlite:<file> (DATABASE_URL)')
  .action(async (login: string, opts: { data?: string; databaseUrl?: string }) => {
    const { unlockFromCli } = await import('./identity/cli/admin-recovery.js');
    process.stdout.write(await unlockFromCli(await storeOf(loadConfig({ data: opts.data, databaseUrl: opts.databaseUrl })), login) + '\n');
  });

admin.command('reset-password <login>')
  .description('Set a new password (generated and printed, or read from stdin with --password-stdin), unlock the user and end its sessions')
  .option('--data <dir>', 'data directory (TOLLGATE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'postgres://… or sqlite:<file> (DATABASE_URL)')
  .option('--password-stdin', 'read the new password from the first line of stdin instead of generating one')
  .action(async (login: string, opts: { data?: string; databaseUrl?: string; passwordStdin?: boolean }) => {
    const { readFirstLine, resetPasswordFromCli } = await import('./identity/cli/admin-recovery.js');
    const password = opts.passwordStdin ? await readFirstLine(process.stdin) : undefined;
    const result = await resetPasswordFromCli(await storeOf(loadConfig({ data: opts.data, databaseUrl: opts.databaseUrl })), login, password);
    process.stdout.write(result.generated
      ? `New password for ${result.login}: ${result.password}\n`
      : `The password of ${result.login} is changed.\n`);
  });

registerHookCommands(program);

const storeOptions = (command: Command) => command
  .option('--data <dir>', 'data directory (TOLLGATE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'postgres://… or sqlite:<file> (DATABASE_URL)')
  .option('--issuer <url>', 'public base URL for the links shown (TOLLGATE_ISSUER)');

const users = program.command('users').description('Users: bulk imports into the configured store');

storeOptions(users.command('import <file>')
  .description('Import users from a CSV file into a CSV-import app (as POST /api/v1/apps/{appId}/imports), with progress on stderr')
  .requiredOption('--app <appId>', 'the CSV-import app to import into'))
  .action(async (file: string, opts: { app: string; data?: string; databaseUrl?: string; issuer?: string }) => {
    const config = loadConfig({ data: opts.data, databaseUrl: opts.databaseUrl, issuer: opts.issuer });
    const { importUsersFile } = await import('./imports/import-cli.js');
    const job = await importUsersFile(await storeOf(config), file, opts.app);
    process.stdout.write(JSON.stringify(job, null, 2) + '\n');
    if (job.status !== 'COMPLETED') process.exitCode = 1;
  });

const identitySource = program.command('identity-source').description('Identity sources: bulk loads into the configured store');

storeOptions(identitySource.command('import <identitySourceId> <file>')
  .description('Load users into a Custom Identity Source app: a session, bulk-upsert of the file\'s profiles, start-import; progress on stderr'))
  .action(async (sourceId: string, file: string, opts: { data?: string; databaseUrl?: string; issuer?: string }) => {
    const config = loadConfig({ data: opts.data, databaseUrl: opts.databaseUrl, issuer: opts.issuer });
    const { loadIdentitySourceFile } = await import('./identity-sources/import-cli.js');
    const session = await loadIdentitySourceFile(await storeOf(config), sourceId, file);
    process.stdout.write(JSON.stringify(session, null, 2) + '\n');
    if (session.status !== 'COMPLETED') process.exitCode = 1;
  });


program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`tollgate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
