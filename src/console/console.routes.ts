import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { issueCsrfToken } from '../platform/csrf.js';
import { escapeHtml, messagePage } from '../platform/html/layout.js';
import { redirect, sendHtml } from '../platform/html/page-kit.js';
import { currentSession } from '../identity/sessions/current-session.js';
import { findConsoleDist, readConsoleFile } from './console-files.js';

/**
 * The admin console at `/admin`: the React app built into console/dist. Its files are public; its pages
 * (every other path under /admin, for the app's own router) need an admin's session: anyone else is sent
 * to `/signin?fromURI=…` and comes back after signing in. The page carries the CSRF token that the app
 * sends with every change it makes through the management API (see principalForConsoleSession).
 */

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const CSRF_META = '<meta name="csrf-token" content="">';

export async function consoleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const distDir = findConsoleDist();

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const found = await currentSession(ctx, request);
    if (!found) return redirect(reply, `/signin?fromURI=${encodeURIComponent(request.url)}`, 302);
    reply.header('cache-control', 'no-store');
    if (!found.user.admin || found.user.status !== 'ACTIVE') {
      return sendHtml(reply, 403, messagePage('Not an administrator',
        `You are signed in as ${found.user.login}, who cannot use the Admin Console.`, [{ href: '/app/me', text: 'Your profile' }]));
    }
    const index = distDir ? readConsoleFile(distDir, 'index.html') : undefined;
    if (!index) {
      return sendHtml(reply, 503, messagePage('The console is not built',
        'Build it with "npm run build:console" (npm start and npm test do it for you), then reload this page.'));
    }
    const token = escapeHtml(issueCsrfToken(ctx, request, reply, 'console'));
    return sendHtml(reply, 200, index.body.toString('utf8').replace(CSRF_META, `<meta name="csrf-token" content="${token}">`));
  };

  app.get('/admin', page);
  app.get('/admin/*', async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    // A path with a file extension is a file of the build (hashed names: cached for a year); anything else is a page.
    if (/\.[a-z0-9]+$/i.test(rest)) {
      const file = distDir ? readConsoleFile(distDir, rest) : undefined;
      if (!file) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      const immutable = rest.startsWith('assets/');
      return reply.type(file.contentType).header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').send(file.body);
    }
    return page(request, reply);
  });
}
