/**
 * Tokens per second through a token inline hook, as a ratio to tokens with no hook, measured in the same
 * run on the same server (absolute numbers on shared machines are noise). Client credentials grants
 * against the default authorization server; the hook is a bare node:http endpoint that patches the access
 * token. Run: `npx tsx bench/token-hook.bench.ts [seconds]`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { startTestServer, type TestServer } from '../test/helpers/server.js';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 10;
const REPLY = JSON.stringify({ commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/tenant', value: 'acme' }] }] });

async function api(server: TestServer, method: string, path: string, body?: unknown) {
  const res = await server.api(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function setRuleHook(server: TestServer, hookId: string | undefined): Promise<void> {
  const [policy] = await api(server, 'GET', '/api/v1/authorizationServers/default/policies');
  const [rule] = await api(server, 'GET', `/api/v1/authorizationServers/default/policies/${policy.id}/rules`);
  const token = { ...rule.actions.token };
  if (hookId) token.inlineHook = { id: hookId };
  else delete token.inlineHook;
  await api(server, 'PUT', `/api/v1/authorizationServers/default/policies/${policy.id}/rules/${rule.id}`, { ...rule, actions: { token } });
}

function run(url: string, body: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({
      url, method: 'POST', body, connections: CONNECTIONS, duration: seconds,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function main(): Promise<void> {
  const hookServer = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPLY) }).end(REPLY));
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/token`;
  const server = await startTestServer();
  try {
    await api(server, 'POST', '/api/v1/authorizationServers/default/scopes', { name: 'bench:read' });
    const app = await api(server, 'POST', '/api/v1/apps', {
      label: 'Bench service', signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { grant_types: ['client_credentials'], application_type: 'service' } },
      credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_post' } },
    });
    const hook = await api(server, 'POST', '/api/v1/inlineHooks', {
      name: 'Bench token hook', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: hookUrl, method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'bench' } } },
    });
    const body = new URLSearchParams({
      grant_type: 'client_credentials', scope: 'bench:read', client_id: app.credentials.oauthClient.client_id, client_secret: app.credentials.oauthClient.client_secret,
    }).toString();
    const url = `${server.url}/oauth2/default/v1/token`;

    const measure = async (hookId: string | undefined) => {
      await setRuleHook(server, hookId);
      await run(url, body, 2); // warm-up
      const result = await run(url, body, SECONDS);
      if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx replies and ${result.errors} errors`);
      return result.requests.average;
    };
    const bare = await measure(undefined);
    const hooked = await measure(hook.id);
    const bareAgain = await measure(undefined);
    const baseline = (bare + bareAgain) / 2;
    console.log(JSON.stringify({
      benchmark: 'token-hook',
      grant: 'client_credentials',
      connections: CONNECTIONS,
      seconds: SECONDS,
      tokensPerSecondWithHookVsWithout: Number((hooked / baseline).toFixed(3)),
      baselineDriftBetweenRuns: Number((bareAgain / bare).toFixed(3)),
    }, null, 2));
  } finally {
    await server.close();
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
  }
}

await main();
