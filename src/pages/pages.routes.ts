import type { FastifyError, FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { messagePage, STYLESHEET, STYLESHEET_PATH } from '../platform/html/layout.js';
import { expiredPasswordPages } from './expired-password.page.js';
import { mePages } from './me.page.js';
import { phoneFactorPages } from './factors/phone-factor-pages.js';
import { progressiveProfilePages } from './progressive-profile.page.js';
import { resetPasswordPages } from './reset-password.page.js';
import { sendHtml } from '../platform/html/page-kit.js';
import { signInPages } from './signin.page.js';
import { signUpPages } from './signup.page.js';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** Hosted pages: `/signin`, `/signup`, `/signout`, `/`, `/app/me` and their stylesheet. */
export async function pageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // A readable page for anything that goes wrong here; never a stack trace.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'page failed');
    const page = status === 413 ? messagePage('Form too large', 'What you sent is too large. Please go back and try again.', [{ href: '/signin', text: 'Sign in' }])
      : status < 500 ? messagePage('Something is wrong with this form', 'We could not read what you sent. Please go back, reload the page and try again.', [{ href: '/signin', text: 'Sign in' }])
        : messagePage('Something went wrong', 'Sorry, something went wrong on our side. Please try again in a moment.', [{ href: '/signin', text: 'Sign in' }]);
    return sendHtml(reply, status, page);
  });

  app.get(STYLESHEET_PATH, async (_request, reply) => reply
    .type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(STYLESHEET));

  await signInPages(app, ctx);
  await signUpPages(app, ctx);
  await mePages(app, ctx);
  await phoneFactorPages(app, ctx);
  await progressiveProfilePages(app, ctx);
  await resetPasswordPages(app, ctx);
  await expiredPasswordPages(app, ctx);
}
