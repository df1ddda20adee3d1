// A registration inline hook endpoint, as small as one can be: sign-ups from atko.email become contractors.
// Run: node examples/registration-hook.mjs   (listens on http://127.0.0.1:3000/hook, expects the secret below)
import http from 'node:http';

const SECRET = process.env.HOOK_SECRET ?? 's3cret';
const PORT = Number(process.env.PORT ?? 3000);

http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/hook') return res.writeHead(404).end();
    if (req.headers.authorization !== SECRET) return res.writeHead(401).end();
    const body = JSON.parse(raw);
    const email = String(body.data?.userProfile?.email ?? '');
    console.log(`${body.eventType} for ${email}`);
    const commands = email.toLowerCase().endsWith('@atko.email')
      ? [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }]
      : [];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ commands }));
  });
}).listen(PORT, '127.0.0.1', () => console.log(`Registration hook listening on http://127.0.0.1:${PORT}/hook`));
