/**
 * Issuing a SAML response for a signed-in user: the app assignment is checked, the assertion model is
 * built, the app's SAML inline hook (if any) may patch it, and the Response is built from the resulting
 * model and signed with the app's key. Every attempt is in the System Log as `user.authentication.sso`
 * (and an unassigned user's as `app.generic.unauth_app_access_attempt` too).
 */
import type { AppContext } from '../platform/context.js';
import type { AppRow } from '../apps/app-kind.js';
import { appTarget } from '../apps/apps.service.js';
import { findAppUser } from '../apps/app-users.service.js';
import { runSamlHook, type SamlHookOutcome } from '../hooks/inline/saml.inline-hook.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { userActor, type Session } from '../identity/sessions/sessions.service.js';
import { userTarget, type UserRow } from '../identity/users/users.service.js';
import { assertionModelProblem } from '../hooks/inline/saml/assertion-model.js';
import { initialAssertion } from './assertion-builder.js';
import type { AuthnRequestInfo } from './authn-request.js';
import { samlHookContext, type HookRequestInfo } from './hook-context.js';
import { signedErrorResponse, signedSuccessResponse, STATUS } from './saml-response.js';
import { signOnOf } from '../apps/saml/saml-settings.js';
import { entityIdOf, ssoUrlOf } from '../apps/saml/saml-urls.js';
import { appSigningKey } from '../apps/saml/signing-key.js';

export type InitiationType = 'SP_INITIATED' | 'IDP_INITIATED';

export interface SsoRequest {
  app: AppRow;
  /** The AuthnRequest of an SP-initiated SSO. */
  authnRequest?: AuthnRequestInfo;
  relayState?: string;
  http: HookRequestInfo;
}

/** A SAML Response to POST to the SP's ACS, or a page explaining why there is none. */
export type SsoOutcome =
  | { kind: 'post'; acsUrl: string; samlResponse: string; relayState?: string; appLabel: string }
  | { kind: 'refused'; status: number; title: string; message: string };

export const NOT_ASSIGNED_MESSAGE = 'You are not assigned to this application. To get access, ask an administrator to assign it to you.';

function initiationOf(request: SsoRequest): InitiationType {
  return request.authnRequest ? 'SP_INITIATED' : 'IDP_INITIATED';
}

/** Where the response goes and what it says it is for: the SP's chosen ACS, with the app's recipient and destination for its main one. */
function endpointsOf(request: SsoRequest) {
  const signOn = signOnOf(request.app.settings);
  const acsUrl = request.authnRequest?.acsUrl ?? signOn.ssoAcsUrl;
  const main = acsUrl === signOn.ssoAcsUrl;
  return { signOn, acsUrl, recipient: main ? signOn.recipient : acsUrl, destination: main ? signOn.destination : acsUrl };
}

export async function issueSamlResponse(
  ctx: AppContext, baseAudit: AuditContext, request: SsoRequest, who: { session: Session; user: UserRow },
): Promise<SsoOutcome> {
  const { app } = request;
  const { user, session } = who;
  const audit: AuditContext = { ...baseAudit, actor: userActor(user), sessionId: session.id };
  const { signOn, acsUrl, recipient, destination } = endpointsOf(request);
  const initiationType = initiationOf(request);
  const debugData: Record<string, unknown> = {
    initiationType, signOnMode: 'SAML 2.0', audience: signOn.audience, acsUrl,
    ...(request.authnRequest ? { authnRequestId: request.authnRequest.id, spIssuer: request.authnRequest.issuer } : {}),
  };

  const assignment = await findAppUser(ctx.db, app.id, user.id);
  if (!assignment || assignment.status !== 'ACTIVE') {
    await ctx.db.transaction().execute(async (trx) => {
      await recordEvent(ctx, trx, audit, {
        eventType: 'app.generic.unauth_app_access_attempt', displayMessage: 'User attempted unauthorized access to app',
        outcome: 'FAILURE', reason: 'User is not assigned to the app', severity: 'WARN', target: [appTarget(app), userTarget(user)], debugData,
      });
      await recordEvent(ctx, trx, audit, {
        eventType: 'user.authentication.sso', displayMessage: 'User single sign on to app',
        outcome: 'FAILURE', reason: 'User is not assigned to the app', severity: 'WARN', target: [appTarget(app), userTarget(user)], debugData,
      });
    });
    return { kind: 'refused', status: 403, title: 'No access to this app', message: NOT_ASSIGNED_MESSAGE };
  }

  const credentials = JSON.parse(assignment.credentials) as { userName?: string };
  const userName = credentials.userName || user.login;
  const entityId = entityIdOf(ctx, app, signOn);
  let assertion = await initialAssertion(ctx, signOn, { user, userName, appUserProfile: JSON.parse(assignment.profile) }, { recipient });
  const problem = assertionModelProblem(assertion);
  if (problem) throw new Error(`SAML app ${app.id}: the assertion built from its settings is invalid (${problem})`);

  let hook: SamlHookOutcome | undefined;
  const hookId = signOn.inlineHooks?.[0]?.id;
  if (hookId) {
    const context = await samlHookContext(ctx, request.http, { id: app.id, label: app.label, entityId }, session, user);
    hook = await runSamlHook(ctx, audit, { hookId, source: ssoUrlOf(ctx, app), context, assertion });
    assertion = hook.assertion;
  }

  const key = appSigningKey(ctx, app);
  const xml = signedSuccessResponse(assertion, {
    issuer: entityId, destination, inResponseTo: request.authnRequest?.id, issueInstant: ctx.clock(),
  }, { privateKeyPem: key.privateKeyPem, certificatePem: key.certificatePem, settings: signOn });

  await recordEvent(ctx, ctx.db, audit, {
    eventType: 'user.authentication.sso', displayMessage: 'User single sign on to app', outcome: 'SUCCESS',
    target: [appTarget(app), { id: user.id, type: 'AppUser', alternateId: userName, displayName: userActor(user).displayName }],
    debugData: {
      ...debugData, nameId: assertion.subject.nameId,
      ...(hook ? { inlineHookId: hookId, inlineHookStatus: hook.status, ...('callId' in hook ? { inlineHookCallId: hook.callId } : {}), ...('reason' in hook ? { inlineHookReason: hook.reason } : {}) } : {}),
    },
  });
  return { kind: 'post', acsUrl, samlResponse: Buffer.from(xml, 'utf8').toString('base64'), relayState: request.relayState, appLabel: app.label };
}

/** The answer to `IsPassive="true"` when nobody is signed in: a signed Response with status `NoPassive`. */
export async function noPassiveResponse(ctx: AppContext, baseAudit: AuditContext, request: SsoRequest): Promise<SsoOutcome> {
  const { app } = request;
  const { signOn, acsUrl, destination } = endpointsOf(request);
  const key = appSigningKey(ctx, app);
  const xml = signedErrorResponse({ issuer: entityIdOf(ctx, app, signOn), destination, inResponseTo: request.authnRequest?.id, issueInstant: ctx.clock() },
    { code: STATUS.responder, subCode: STATUS.noPassive, message: 'The user is not signed in' },
    { privateKeyPem: key.privateKeyPem, certificatePem: key.certificatePem, settings: signOn });
  await recordEvent(ctx, ctx.db, baseAudit, {
    eventType: 'user.authentication.sso', displayMessage: 'User single sign on to app', outcome: 'FAILURE', reason: 'NoPassive: nobody is signed in',
    target: [appTarget(app)], debugData: { initiationType: initiationOf(request), acsUrl, authnRequestId: request.authnRequest?.id },
  });
  return { kind: 'post', acsUrl, samlResponse: Buffer.from(xml, 'utf8').toString('base64'), relayState: request.relayState, appLabel: app.label };
}
