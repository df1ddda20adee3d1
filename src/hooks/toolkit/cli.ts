/**
 * The `tollgate hook …` command group: the hook developer's tools. Each tool lives in its own file and is
 * loaded only when its command runs.
 */
import type { Command } from 'commander';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerHookCommands(program: Command): void {
  const hook = program.command('hook').description("Hook developer's tools: check an endpoint against Okta's contract");

  hook.command('check <url>')
    .description('Send Okta-exact sample requests to a hook endpoint and say what Tollgate (and Okta) would do with each reply')
    .requiredOption('--type <type>', 'inline hook type (wire name, or registration, token, saml, password-import, user-import, telephony) or event')
    .option('--header <header>', '"Name: value" sent with every call (repeatable; Authorization becomes the auth header)', collect, [])
    .option('--oauth2-client-credentials <tokenUrl,clientId,secret>', 'get a client-credentials token (client_secret_post) and send it as a Bearer token')
    .option('--scope <scope>', 'scope of the client-credentials token request')
    .option('--signing-secret <whsec_…>', 'event hooks: sign deliveries with this Standard Webhooks secret')
    .option('--timeout-ms <ms>', "per-attempt timeout instead of Okta's 3000 ms (inline hooks)")
    .option('--issuer <url>', 'base URL the sample requests name (default http://localhost:8080)')
    .option('--json', 'print the report as JSON')
    .action(async (url: string, opts: { type: string; header: string[]; oauth2ClientCredentials?: string; scope?: string; signingSecret?: string; timeoutMs?: string; issuer?: string; json?: boolean }) => {
      const { formatCheckReport, hookCheck } = await import('./hook-check.js');
      const report = await hookCheck(url, { ...opts, headers: opts.header });
      process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : formatCheckReport(report)) + '\n');
      if (!report.passed) process.exitCode = 1;
    });

  hook.command('replay <hookId>')
    .description("Replay an inline hook's recorded calls against another endpoint and print how the decisions change")
    .requiredOption('--to <url>', 'the endpoint to replay against (e.g. the next version of the hook service)')
    .requiredOption('--server <url>', 'the Tollgate server (e.g. http://localhost:8080)')
    .requiredOption('--token <token>', 'an API token of that server (SSWS)')
    .option('--limit <n>', 'replay at most this many recorded calls, oldest first')
    .option('--fail-on-change', 'exit with status 1 when any decision changes')
    .option('--json', 'print the report as JSON')
    .action(async (hookId: string, opts: { to: string; server: string; token: string; limit?: string; failOnChange?: boolean; json?: boolean }) => {
      const { formatReplayReport, hookReplay } = await import('./hook-replay.js');
      const report = await hookReplay(hookId, opts);
      process.stdout.write((opts.json ? JSON.stringify(report, null, 2) : formatReplayReport(report)) + '\n');
      if (opts.failOnChange && report.changed > 0) process.exitCode = 1;
    });

  hook.command('forward')
    .description("Serve a Tollgate server's inline hook from this machine: calls arrive over one outbound WebSocket and go to a local endpoint")
    .requiredOption('--type <type>', 'inline hook type (wire name or short name)')
    .requiredOption('--to <url>', 'the local endpoint, e.g. http://127.0.0.1:3000/hook')
    .requiredOption('--server <url>', 'the Tollgate server')
    .requiredOption('--token <token>', 'an API token of that server (SSWS)')
    .option('--header <header>', '"Name: value" sent to the local endpoint with every call (repeatable)', collect, [])
    .option('--name <name>', 'name of the hook to register')
    .option('--hook <id>', 're-point this existing inline hook instead of registering a new one')
    .action(async (opts: { type: string; to: string; server: string; token: string; header: string[]; name?: string; hook?: string }) => {
      const { hookForward } = await import('./hook-forward.js');
      const forwarding = await hookForward({ ...opts, headers: opts.header }, (line) => process.stdout.write(line + '\n'));
      let stopping = false;
      const stop = () => { stopping = true; void forwarding.stop().then(() => process.exit(0)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await forwarding.closed;
      if (stopping) return;
      process.stderr.write('tollgate: the server closed the connection\n');
      process.exit(1);
    });
}
