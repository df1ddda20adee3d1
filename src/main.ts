#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from './config.js';
import { startServer } from './server.js';

const program = new Command();
program.name('tollgate').description('Self-hosted identity platform speaking Okta hooks and Workflows');

program.command('start')
  .description('Start the server (SQLite in the data dir by default)')
  .option('--port <port>', 'port to listen on (PORT, default 8080)')
  .option('--data <dir>', 'data directory (TOLLGATE_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'postgres://… or sqlite:<file> (DATABASE_URL)')
  .option('--issuer <url>', 'public base URL (TOLLGATE_ISSUER, default http://localhost:PORT)')
  .option('--no-demo', 'do not create the demo org on an empty database')
  .action(async (opts: { port?: string; data?: string; databaseUrl?: string; issuer?: string; demo: boolean }) => {
    const config = loadConfig(opts);
    const server = await startServer(config);
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
    if (server.admin.password) lines.push(`  Admin password:  ${server.admin.password}   (generated; shown once)`);
    if (server.admin.token && !config.adminToken) lines.push(`  Admin API token: ${server.admin.token}   (saved to ${config.dataDir}/admin-token)`);
    process.stdout.write(lines.join('\n') + '\n\n');
    const stop = async () => { await server.close(); process.exit(0); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`tollgate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
