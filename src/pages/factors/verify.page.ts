/**
 * `GET/POST /signin/verify` and `POST /signin/verify/send`: the sign-in step that asks for the code sent to
 * the user's phone (see sign-in-steps.ts for how the session is held back until then).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { OktaError } from '../../platform/errors.js';
import { auditOf } from '../../identity/auth.js';
import { userActor } from '../../identity/sessions/sessions.service.js';
import { PASSCODE_MESSAGES } from '../../factors/challenges.service.js';
import type { FactorRow } from '../../factors/factor-json.js';
import { challengeFactor, verifyFactorPasscode } from '../../factors/factors.service.js';
import { maskedPhone } from '../../factors/phone-number.js';
import { html, layout } from '../../platform/html/layout.js';
import { csrfTokenFor, guardFormPost, redirect, sendHtml } from '../../platform/html/page-kit.js';
import { safeReturnPath } from '../../platform/http/return-path.js';
import { codeForm, formError, statusLine } from './code-form.js';
import {
  clearPendingSecondFactor, completeSecondFactor, nextAfterSignIn, pendingSecondFactor, requestInfo, VERIFY_PATH, withFromURI,
  type PendingSecondFactor,
} from './sign-in-steps.js';

const VerifyQuery = Type.Object({
  fromURI: Type.Optional(Type.String({ maxLength: 4096 })),
  factorId: Type.Optional(Type.String({ maxLength: 64 })),
  sent: Type.Optional(Type.String({ maxLength: 16 })),
});

const VerifyBody = Type.Object({
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  passCode: Type.Optional(Type.String({ maxLength: 64 })),
  factorId: Type.Optional(Type.String({ maxLength: 64 })),
  fromURI: Type.Optional(Type.String({ maxLength: 4096 })),
});

export const VERIFY_MESSAGES = {
  blank: 'Please enter the code',
  recent: 'A code was sent less than 30 seconds ago. Enter it, or wait a moment before asking for a new one.',
  failed: 'We could not send a code to your phone. Please try again in a moment.',
  resent: 'A new code is on its way.',
  expired: 'Your sign-in has expired. Please sign in again.',
} as const;

interface VerifyView {
  csrfToken: string;
  factor: FactorRow;
  others: FactorRow[];
  fromURI?: string;
  error?: string;
  notice?: string;
}

function channelName(factor: FactorRow): string {
  return factor.factor_type === 'sms' ? 'text message (SMS)' : 'voice call';
}

function verifyPage(view: VerifyView): string {
  const hidden = html`<input type="hidden" name="csrfToken" value="${view.csrfToken}">
    ${view.fromURI ? html`<input type="hidden" name="fromURI" value="${view.fromURI}">` : ''}`;
  return layout({
    title: 'Verify it\'s you',
    body: html`<h1>Verify it's you</h1>
${formError(view.error)}
${statusLine(view.notice)}
<p>We sent a code by ${channelName(view.factor)} to the phone number ${maskedPhone(view.factor.phone_number)}. It is valid for 5 minutes.</p>
${codeForm(VERIFY_PATH, html`${hidden}
  <input type="hidden" name="factorId" value="${view.factor.id}">`, view.error)}
<form method="post" action="${VERIFY_PATH}/send" class="links">
  ${hidden}
  <input type="hidden" name="factorId" value="${view.factor.id}">
  <button type="submit" class="link">Send a new code</button>
</form>
${view.others.map((other) => html`<form method="post" action="${VERIFY_PATH}/send" class="links">
  ${hidden}
  <input type="hidden" name="factorId" value="${other.id}">
  <button type="submit" class="link">Get a code by ${channelName(other)} instead</button>
</form>`)}
<p class="links"><a href="/signin">Back to sign in</a></p>`,
  });
}

function pickFactor(pending: PendingSecondFactor, factorId: string | undefined): FactorRow {
  return pending.factors.find((f) => f.id === factorId) ?? pending.factors[0];
}

function render(
  ctx: AppContext, request: FastifyRequest, reply: FastifyReply, status: number, pending: PendingSecondFactor, factor: FactorRow,
  extra: { fromURI?: string; error?: string; notice?: string },
): FastifyReply {
  return sendHtml(reply, status, verifyPage({
    csrfToken: csrfTokenFor(ctx, request, reply), factor, others: pending.factors.filter((f) => f.id !== factor.id), ...extra,
  }));
}

export async function verifyPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(VERIFY_PATH, { schema: { querystring: VerifyQuery } }, async (request, reply) => {
    const query = request.query as typeof VerifyQuery.static;
    const pending = await pendingSecondFactor(ctx, request);
    if (!pending) return redirect(reply, withFromURI('/signin', safeReturnPath(query.fromURI, ctx.config.issuer)), 302);
    const notice = query.sent === 'recent' ? VERIFY_MESSAGES.recent : query.sent === 'again' ? VERIFY_MESSAGES.resent : undefined;
    const error = query.sent === 'failed' ? VERIFY_MESSAGES.failed : undefined;
    return render(ctx, request, reply, 200, pending, pickFactor(pending, query.factorId), { fromURI: safeReturnPath(query.fromURI, ctx.config.issuer), notice, error });
  });

  app.post(VERIFY_PATH, { schema: { body: VerifyBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: VERIFY_PATH, backTo: VERIFY_PATH }))) return reply;
    const body = request.body as typeof VerifyBody.static;
    const fromURI = safeReturnPath(body.fromURI, ctx.config.issuer);
    const pending = await pendingSecondFactor(ctx, request);
    if (!pending) return redirect(reply, withFromURI('/signin', fromURI));
    const factor = pickFactor(pending, body.factorId);
    const passCode = (body.passCode ?? '').trim();
    if (!passCode) return render(ctx, request, reply, 400, pending, factor, { fromURI, error: VERIFY_MESSAGES.blank });

    const audit = { ...auditOf(request), actor: userActor(pending.user), sessionId: pending.sessionId };
    const { check } = await verifyFactorPasscode(ctx, audit, pending.user.id, factor.id, passCode, 'verify');
    if (check !== 'SUCCESS') return render(ctx, request, reply, 401, pending, factor, { fromURI, error: PASSCODE_MESSAGES[check] });
    if (!(await completeSecondFactor(ctx, reply, pending, factor))) return redirect(reply, withFromURI('/signin', fromURI));
    return redirect(reply, await nextAfterSignIn(ctx, pending.user.id, fromURI));
  });

  app.post(`${VERIFY_PATH}/send`, { schema: { body: VerifyBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: `${VERIFY_PATH}/send`, backTo: VERIFY_PATH }))) return reply;
    const body = request.body as typeof VerifyBody.static;
    const fromURI = safeReturnPath(body.fromURI, ctx.config.issuer);
    const pending = await pendingSecondFactor(ctx, request);
    if (!pending) {
      clearPendingSecondFactor(ctx, reply);
      return redirect(reply, withFromURI('/signin', fromURI));
    }
    const factor = pickFactor(pending, body.factorId);
    const audit = { ...auditOf(request), actor: userActor(pending.user), sessionId: pending.sessionId };
    let sent = 'again';
    try {
      await challengeFactor(ctx, audit, pending.user.id, factor.id, { purpose: 'verify', request: requestInfo(request, VERIFY_PATH) });
    } catch (err) {
      if (!(err instanceof OktaError)) throw err;
      sent = err.errorCode === 'E0000109' ? 'recent' : 'failed';
    }
    const path = withFromURI(VERIFY_PATH, fromURI);
    return redirect(reply, `${path}${path.includes('?') ? '&' : '?'}factorId=${encodeURIComponent(factor.id)}&sent=${sent}`);
  });
}
