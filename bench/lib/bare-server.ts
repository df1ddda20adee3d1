/**
 * The baseline: a bare node:http server computing the same reply as the demo flow "Registration hook:
 * contractors" (the email's domain is atko.email → the profile update command, else no command).
 * Started as a child process by the benchmark; prints `{"url": …}` once it listens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerCpuQueries } from './child.js';

const CONTRACTOR = '{"commands":[{"type":"com.okta.user.profile.update","value":{"userType":"Contractor"}}]}';
const NOTHING = '{"commands":[]}';

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body = NOTHING;
    try {
      const email = String(JSON.parse(Buffer.concat(chunks).toString('utf8'))?.data?.userProfile?.email ?? '');
      if (email.split('@').at(-1) === 'atko.email') body = CONTRACTOR;
    } catch {
      // not JSON: no command
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) + '\n');
});
answerCpuQueries();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
