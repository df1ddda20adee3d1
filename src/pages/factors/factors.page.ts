/**
 * The signed-in user's phone factors, on the hosted pages: `/app/me/factors` lists them and sets up SMS or
 * voice; `/app/me/factors/{id}/activate` takes the enrollment code; resend and remove are small forms.
 * Everything goes through the factors service, so the telephony hook sees the same requests as from the API.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { OktaError } from '../../platform/errors.js';
import { auditOf } from '../../identity/auth.js';
import { userActor } from '../../identity/sessions/sessions.service.js';
import type { AuditContext } from '../../events/log-event.js';
import { PASSCODE_MESSAGES } from '../../factors/challenges.service.js';
import { PHONE_FACTOR_TYPES, type FactorRow, type PhoneFactorType } from '../../factors/factor-json.js';
import { activateFactor, deleteFactor, enrollPhoneFactor, getFactor, listFactors, resendEnrollment } from '../../factors/factors.service.js';
import { maskedPhone } from '../../factors/phone-number.js';
import { html, layout } from '../../platform/html/layout.js';
import { csrfTokenFor, guardFormPost, redirect, sendHtml } from '../../platform/html/page-kit.js';
import { currentSession } from '../../identity/sessions/current-session.js';
import { codeForm, formError, statusLine } from './code-form.js';
import { requestInfo } from './sign-in-steps.js';

export const FACTORS_PATH = '/app/me/factors';

const FactorParams = Type.Object({ factorId: Type.String({ minLength: 1, maxLength: 64 }) });
const EnrollBody = Type.Object({
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  factorType: Type.Optional(Type.String({ maxLength: 16 })),
  phoneNumber: Type.Optional(Type.String({ maxLength: 64 })),
});
const CodeBody = Type.Object({
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  passCode: Type.Optional(Type.String({ maxLength: 64 })),
});
const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 32 })) });

const NAMES: Record<PhoneFactorType, string> = { sms: 'SMS', call: 'Voice call' };

const NOTICES: Record<string, string> = {
  activated: 'Your phone is set up. From now on, signing in asks for a code sent to it.',
  removed: 'The phone factor was removed.',
  resent: 'A new code is on its way.',
  recent: 'A code was sent less than 30 seconds ago. Enter it, or wait a moment before asking for a new one.',
  failed: 'We could not send a code to your phone. Please try again in a moment.',
};

/** The message of a factors-service error, for a page. */
function messageOf(err: OktaError): string {
  if (err.errorCode === 'E0000109') return NOTICES.recent;
  if (err.errorCode === 'E0000009') return NOTICES.failed;
  const cause = err.errorCauses[0]?.errorSummary;
  return cause ? cause.replace(/^[A-Za-z.]+: /, '') : err.errorSummary;
}

interface ListView {
  csrfToken: string;
  displayName: string;
  factors: FactorRow[];
  notice?: string;
  error?: { factorType: string; message: string; phoneNumber: string };
}

function listPage(view: ListView): string {
  const csrf = html`<input type="hidden" name="csrfToken" value="${view.csrfToken}">`;
  const sections = PHONE_FACTOR_TYPES.map((type) => {
    const factor = view.factors.find((f) => f.factor_type === type);
    const error = view.error?.factorType === type ? view.error : undefined;
    const heading = html`<h2 id="h-${type}">${NAMES[type]}</h2>`;
    if (factor?.status === 'ACTIVE') {
      return html`<section aria-labelledby="h-${type}" class="links" data-factor="${type}" data-status="ACTIVE">${heading}
  <p>Set up for the phone number ${maskedPhone(factor.phone_number)}.</p>
  <form method="post" action="${FACTORS_PATH}/${factor.id}/delete">${csrf}<button type="submit" class="link">Remove ${NAMES[type]}</button></form>
</section>`;
    }
    return html`<section aria-labelledby="h-${type}" class="links" data-factor="${type}" data-status="${factor?.status ?? 'NOT_SETUP'}">${heading}
  ${factor ? html`<p>Waiting for the code sent to ${maskedPhone(factor.phone_number)}: <a href="${FACTORS_PATH}/${factor.id}/activate">enter the code</a>, or use another number below.</p>` : ''}
  <form method="post" action="${FACTORS_PATH}" novalidate>
    ${csrf}
    <input type="hidden" name="factorType" value="${type}">
    <div class="field">
      <label for="f-phone-${type}">Phone number</label>
      <input type="tel" id="f-phone-${type}" name="phoneNumber" autocomplete="tel" value="${error?.phoneNumber ?? ''}"
        required aria-required="true" aria-invalid="${error ? 'true' : 'false'}" aria-describedby="h-phone-${type}${error ? ` e-phone-${type}` : ''}">
      <p class="hint" id="h-phone-${type}">With the country code, e.g. +1 555 415 1337.</p>
      ${error ? html`<p class="field-error" id="e-phone-${type}">${error.message}</p>` : ''}
    </div>
    <button type="submit">Set up ${NAMES[type]}</button>
  </form>
</section>`;
  });
  return layout({
    title: 'Set up SMS/voice',
    signedIn: { displayName: view.displayName, csrfToken: view.csrfToken },
    body: html`<h1>Set up SMS/voice</h1>
${view.error ? html`<div class="error-summary" role="alert"><p>${view.error.message}</p></div>` : ''}
${statusLine(view.notice)}
<p>A code sent to your phone protects your account when you sign in.</p>
${sections}
<p class="links"><a href="/app/me">Back to your account</a></p>`,
  });
}

function activatePage(view: { csrfToken: string; displayName: string; factor: FactorRow; error?: string; notice?: string }): string {
  const action = `${FACTORS_PATH}/${view.factor.id}`;
  return layout({
    title: `Set up ${NAMES[view.factor.factor_type as PhoneFactorType]}`,
    signedIn: { displayName: view.displayName, csrfToken: view.csrfToken },
    body: html`<h1>Enter the code</h1>
${formError(view.error)}
${statusLine(view.notice)}
<p>We sent a code by ${view.factor.factor_type === 'sms' ? 'text message (SMS)' : 'voice call'} to the phone number ${maskedPhone(view.factor.phone_number)}. It is valid for 5 minutes.</p>
${codeForm(`${action}/activate`, html`<input type="hidden" name="csrfToken" value="${view.csrfToken}">`, view.error)}
<form method="post" action="${action}/resend" class="links">
  <input type="hidden" name="csrfToken" value="${view.csrfToken}">
  <button type="submit" class="link">Send a new code</button>
</form>
<p class="links"><a href="${FACTORS_PATH}">Back</a></p>`,
  });
}

/** The signed-in user, or a redirect to sign in (answered). */
async function signedInUser(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const found = await currentSession(ctx, request);
  if (!found) {
    redirect(reply, `/signin?fromURI=${encodeURIComponent(FACTORS_PATH)}`, 302);
    return undefined;
  }
  const { user, session } = found;
  const audit: AuditContext = { ...auditOf(request), actor: userActor(user), sessionId: session.id };
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login;
  return { user, audit, displayName };
}

/** The user's own factor, or undefined (a factor of someone else is "not found" too). */
async function ownFactor(ctx: AppContext, userId: string, factorId: string): Promise<FactorRow | undefined> {
  try {
    return (await getFactor(ctx, userId, factorId)).factor;
  } catch (err) {
    if (err instanceof OktaError && err.statusCode === 404) return undefined;
    throw err;
  }
}

export async function factorPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const showList = async (request: FastifyRequest, reply: FastifyReply, status: number, me: NonNullable<Awaited<ReturnType<typeof signedInUser>>>, extra: Partial<ListView>) =>
    sendHtml(reply, status, listPage({
      csrfToken: csrfTokenFor(ctx, request, reply), displayName: me.displayName, factors: await listFactors(ctx, me.user.id), ...extra,
    }));

  app.get(FACTORS_PATH, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const me = await signedInUser(ctx, request, reply);
    if (!me) return reply;
    const notice = NOTICES[(request.query as typeof NoticeQuery.static).notice ?? ''];
    return showList(request, reply, 200, me, { notice });
  });

  app.post(FACTORS_PATH, { schema: { body: EnrollBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: FACTORS_PATH, backTo: FACTORS_PATH }))) return reply;
    const me = await signedInUser(ctx, request, reply);
    if (!me) return reply;
    const body = request.body as typeof EnrollBody.static;
    const factorType = PHONE_FACTOR_TYPES.find((t) => t === body.factorType) ?? 'sms';
    const phoneNumber = (body.phoneNumber ?? '').trim();
    try {
      const factor = await enrollPhoneFactor(ctx, me.audit, me.user.id, { factorType, provider: 'OKTA', profile: { phoneNumber } }, {
        updatePhone: true, request: requestInfo(request),
      });
      return redirect(reply, `${FACTORS_PATH}/${factor.id}/activate`);
    } catch (err) {
      if (!(err instanceof OktaError)) throw err;
      // A code that could not be sent: the factor waits for a resend on its code page.
      if (err.errorCode === 'E0000109' || err.errorCode === 'E0000009') {
        const pending = (await listFactors(ctx, me.user.id)).find((f) => f.factor_type === factorType && f.status === 'PENDING_ACTIVATION');
        if (pending) return redirect(reply, `${FACTORS_PATH}/${pending.id}/activate?notice=${err.errorCode === 'E0000109' ? 'recent' : 'failed'}`);
      }
      return showList(request, reply, err.statusCode, me, { error: { factorType, message: messageOf(err), phoneNumber } });
    }
  });

  app.get(`${FACTORS_PATH}/:factorId/activate`, { schema: { params: FactorParams, querystring: NoticeQuery } }, async (request, reply) => {
    const me = await signedInUser(ctx, request, reply);
    if (!me) return reply;
    const factor = await ownFactor(ctx, me.user.id, (request.params as typeof FactorParams.static).factorId);
    if (!factor || factor.status !== 'PENDING_ACTIVATION') return redirect(reply, FACTORS_PATH, 302);
    const key = (request.query as typeof NoticeQuery.static).notice ?? '';
    return sendHtml(reply, 200, activatePage({
      csrfToken: csrfTokenFor(ctx, request, reply), displayName: me.displayName, factor,
      notice: key === 'failed' ? undefined : NOTICES[key], error: key === 'failed' ? NOTICES.failed : undefined,
    }));
  });

  app.post(`${FACTORS_PATH}/:factorId/activate`, { schema: { params: FactorParams, body: CodeBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: `${FACTORS_PATH}/activate`, backTo: FACTORS_PATH }))) return reply;
    const me = await signedInUser(ctx, request, reply);
    if (!me) return reply;
    const factor = await ownFactor(ctx, me.user.id, (request.params as typeof FactorParams.static).factorId);
    if (!factor || factor.status !== 'PENDING_ACTIVATION') return redirect(reply, FACTORS_PATH);
    const passCode = ((request.body as typeof CodeBody.static).passCode ?? '').trim();
    const again = (status: number, error: string) => sendHtml(reply, status, activatePage({
      csrfToken: csrfTokenFor(ctx, request, reply), displayName: me.displayName, factor, error,
    }));
    if (!passCode) return again(400, 'Please enter the code');
    try {
      await activateFactor(ctx, me.audit, me.user.id, factor.id, passCode);
    } catch (err) {
      if (!(err instanceof OktaError) || err.errorCode !== 'E0000068') throw err;
      return again(401, err.errorCauses[0]?.errorSummary ?? PASSCODE_MESSAGES.INVALID);
    }
    return redirect(reply, `${FACTORS_PATH}?notice=activated`);
  });

  app.post(`${FACTORS_PATH}/:factorId/resend`, { schema: { params: FactorParams, body: CodeBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: `${FACTORS_PATH}/resend`, backTo: FACTORS_PATH }))) return reply;
    const me = await signedInUser(ctx, request, reply);
    if (!me) return reply;
    const factor = await ownFactor(ctx, me.user.id, (request.params as typeof FactorParams.static).factorId);
    if (!factor || factor.status !== 'PENDING_ACTIVATION') return redirect(reply, FACTORS_PATH);
    let notice = 'resent';
    try {
      await resendEnrollment(ctx, me.audit, me.user.id, factor.id, { request: requestInfo(request) });
    } catch (err) {
      if (!(err instanceof OktaError)) throw err;
      notice = err.errorCode === 'E0000109' ? 'recent' : 'failed';
    }
    return redirect(reply, `${FACTORS_PATH}/${factor.id}/activate?notice=${notice}`);
  });

  app.post(`${FACTORS_PATH}/:factorId/delete`, { schema: { params: FactorParams, body: CodeBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: `${FACTORS_PATH}/delete`, backTo: FACTORS_PATH, rateLimit: false }))) return reply;
    const me = await signedInUser(ctx, request, reply);
    if (!me) return reply;
    const factor = await ownFactor(ctx, me.user.id, (request.params as typeof FactorParams.static).factorId);
    if (factor) await deleteFactor(ctx, me.audit, me.user.id, factor.id);
    return redirect(reply, `${FACTORS_PATH}?notice=removed`);
  });
}
