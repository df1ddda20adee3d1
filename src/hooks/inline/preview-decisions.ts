/**
 * What Tollgate WOULD do with a hook's reply, per hook type, for the preview. Every verdict comes from the
 * type module's own pure function (`registrationCallOutcome`, `tokenCallOutcome`, `samlCallOutcome`,
 * `passwordImportCallOutcome`, `userImportCallOutcome` + `userImportAction`, `telephonyCallOutcome`), run on
 * the same runner result with the same runner options as the real flow; this file only words it for admins.
 */
import type { AppContext } from '../../platform/context.js';
import { RESERVED_ACCESS_TOKEN_CLAIMS, RESERVED_ID_TOKEN_CLAIMS } from '../../oauth/reserved-claims.js';
import { assertionModelProblem, type AssertionModel } from '../../saml/assertion-model.js';
import type { HookErrorCause } from './hook-reply.js';
import type { InlineHookTypeName } from './hook-type.js';
import { passwordImportCallOutcome, passwordImportReplyCheck } from './password-import.inline-hook.js';
import { registrationCallOutcome } from './registration.inline-hook.js';
import type { HookCallResult, InlineHookRow, RunHookOptions } from './runner.js';
import { assertionPatchOperations, samlCallOutcome } from './saml.inline-hook.js';
import { telephonyCallOutcome } from './telephony.inline-hook.js';
import { tokenCallOutcome, tokenReplyCheck, type TokenPart } from './token.inline-hook.js';
import { userImportAction, userImportCallOutcome, userImportReplyCheck } from './user-import.inline-hook.js';

/** Tollgate's verdict on a reply: a type-specific `result`, one sentence for people, and the type's details. */
export interface PreviewDecision {
  result: string;
  summary: string;
  [detail: string]: unknown;
}

/** How one hook type is previewed: what a payload must hold, the real flow's runner options, and the verdict. */
export interface PreviewKind {
  /** Why this payload cannot be previewed (`field: message`), empty when it can. */
  problems(payload: Record<string, unknown>): string[];
  options(payload: Record<string, unknown>): RunHookOptions;
  decide(ctx: AppContext, hook: InlineHookRow, payload: Record<string, unknown>, result: HookCallResult): PreviewDecision;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const dataOf = (payload: Json): Json => (isObject(payload.data) ? payload.data : {});
/** A reason inside a sentence ("… because the hook did not answer …"). */
const because = (reason: string): string => `because ${reason.charAt(0).toLowerCase()}${reason.slice(1).replace(/\.$/, '')}`;

function replyErrorCauses(result: HookCallResult): HookErrorCause[] {
  if (!result.ok) return [];
  return result.reply.error?.errorCauses ?? [];
}

const registration: PreviewKind = {
  problems: () => [],
  options: () => ({}),
  decide(_ctx, _hook, payload, result) {
    const progressive = payload.requestType === 'progressive.profile';
    const what = progressive ? 'Profile update' : 'Registration';
    const outcome = registrationCallOutcome(result, payload);
    if (outcome.result === 'ALLOW') {
      const names = Object.keys(outcome.profileUpdates);
      return {
        result: 'ALLOW', requestType: progressive ? 'progressive.profile' : 'self.service.registration', profileUpdates: outcome.profileUpdates,
        summary: `${what} allowed${names.length ? `, with the profile changes: ${names.join(', ')}` : ', with no profile changes'}.`,
      };
    }
    const why = !result.ok ? ` (fails closed, ${because(result.error)})` : '';
    return {
      result: 'DENY', requestType: progressive ? 'progressive.profile' : 'self.service.registration',
      message: outcome.message, fieldErrors: outcome.fieldErrors, errorCauses: replyErrorCauses(result), failedClosed: !result.ok,
      summary: `${what} denied${why}. The person sees: "${outcome.message}"`
        + (outcome.fieldErrors.length ? `, and at the fields: ${outcome.fieldErrors.map((f) => `${f.field}: "${f.message}"`).join('; ')}` : ''),
    };
  },
};

const RESERVED = { identity: RESERVED_ID_TOKEN_CLAIMS, access: RESERVED_ACCESS_TOKEN_CLAIMS };

/** The tokens a token hook request carries (`data.identity` only when an ID token is minted). */
function tokensOf(payload: Json): { identity?: TokenPart; access: TokenPart } {
  const data = dataOf(payload);
  const part = (p: unknown): TokenPart | undefined => {
    if (!isObject(p) || !isObject(p.claims)) return undefined;
    const expiration = (p.token as { lifetime?: { expiration?: unknown } } | undefined)?.lifetime?.expiration;
    return { claims: p.claims, lifetime: typeof expiration === 'number' ? expiration : 3600 };
  };
  return { identity: part(data.identity), access: part(data.access) ?? { claims: {}, lifetime: 3600 } };
}

interface ClaimChanges {
  added: Json;
  replaced: Record<string, { from: unknown; to: unknown }>;
  removed: string[];
  lifetime?: { from: number; to: number };
  claims: Json;
  lifetimeSeconds: number;
}

function claimChanges(before: TokenPart, after: TokenPart): ClaimChanges {
  const changes: ClaimChanges = { added: {}, replaced: {}, removed: [], claims: after.claims, lifetimeSeconds: after.lifetime };
  for (const [name, value] of Object.entries(after.claims)) {
    if (!Object.hasOwn(before.claims, name)) changes.added[name] = value;
    else if (JSON.stringify(before.claims[name]) !== JSON.stringify(value)) changes.replaced[name] = { from: before.claims[name], to: value };
  }
  changes.removed = Object.keys(before.claims).filter((name) => !Object.hasOwn(after.claims, name));
  if (before.lifetime !== after.lifetime) changes.lifetime = { from: before.lifetime, to: after.lifetime };
  return changes;
}

function describeChanges(label: string, c: ClaimChanges): string | undefined {
  const parts = [
    ...(Object.keys(c.added).length ? [`adds ${Object.keys(c.added).join(', ')}`] : []),
    ...(Object.keys(c.replaced).length ? [`replaces ${Object.keys(c.replaced).join(', ')}`] : []),
    ...(c.removed.length ? [`removes ${c.removed.join(', ')}`] : []),
    ...(c.lifetime ? [`sets the lifetime from ${c.lifetime.from} to ${c.lifetime.to} seconds`] : []),
  ];
  return parts.length ? `the ${label} ${parts.join(', ')}` : undefined;
}

const token: PreviewKind = {
  problems(payload) {
    const data = dataOf(payload);
    const problems: string[] = [];
    if (!isObject(data.access) || !isObject(data.access.claims)) problems.push('data.access.claims: A token hook request must carry the access token\'s claims');
    if (data.identity !== undefined && (!isObject(data.identity) || !isObject(data.identity.claims))) problems.push('data.identity.claims: The ID token, when present, must carry its claims');
    return problems;
  },
  options: (payload) => ({ checkReply: tokenReplyCheck(tokensOf(payload), RESERVED) }),
  decide(_ctx, _hook, payload, result) {
    const tokens = tokensOf(payload);
    const outcome = tokenCallOutcome(result, tokens, RESERVED);
    if (outcome.result === 'ERROR') {
      return {
        result: 'ERROR', error: { error: 'server_error', error_description: outcome.message },
        summary: `No token is issued: the token request fails with server_error ("${outcome.message}").`,
      };
    }
    if (outcome.result === 'UNCHANGED') {
      return {
        result: 'UNCHANGED', ...(outcome.reason ? { reason: outcome.reason } : {}),
        summary: outcome.reason ? `Fails open: the tokens are issued unmodified ${because(outcome.reason)}.` : 'The tokens are issued unmodified: the reply has no patch.',
      };
    }
    const identity = outcome.identity && tokens.identity ? claimChanges(tokens.identity, outcome.identity) : undefined;
    const access = claimChanges(tokens.access, outcome.access);
    const described = [identity && describeChanges('ID token', identity), describeChanges('access token', access)].filter(Boolean);
    return {
      result: 'PATCHED', ...(identity ? { identity } : {}), access,
      summary: described.length ? `The tokens are patched: ${described.join('; ')}.` : 'The tokens are patched, with no visible change.',
    };
  },
};

const saml: PreviewKind = {
  problems(payload) {
    const problem = assertionModelProblem(dataOf(payload).assertion);
    return problem ? [`data.assertion: A SAML hook request must carry a valid assertion (${problem})`] : [];
  },
  options: () => ({}),
  decide(_ctx, _hook, payload, result) {
    const outcome = samlCallOutcome(result, dataOf(payload).assertion as AssertionModel);
    if (outcome.status === 'FAILED_OPEN') {
      return { result: 'FAILED_OPEN', reason: outcome.reason, summary: `Fails open: the original assertion is signed and sent, ${because(outcome.reason)}.` };
    }
    if (outcome.status === 'UNCHANGED') return { result: 'UNCHANGED', summary: 'The assertion is signed and sent unchanged: the reply has no patch.' };
    const operations = result.ok ? assertionPatchOperations(result.reply) : [];
    return {
      result: 'PATCHED', operations, assertion: outcome.assertion,
      summary: `The assertion is patched (${operations.map((o) => `${o.op} ${o.path}`).join(', ')}) before it is signed and sent.`,
    };
  },
};

const passwordImport: PreviewKind = {
  problems: () => [],
  options: () => ({ checkReply: passwordImportReplyCheck }),
  decide(_ctx, hook, _payload, result) {
    const outcome = passwordImportCallOutcome(hook.id, result);
    if (outcome.verdict === 'VERIFIED') {
      return {
        result: 'VERIFIED', signIn: 'ALLOWED', systemLog: { eventType: 'user.import.password', outcome: 'SUCCESS' },
        summary: 'Sign-in allowed: the password is stored (the password policy is not applied) and the hook is not called again for this user.',
      };
    }
    if (outcome.verdict === 'UNVERIFIED') {
      return {
        result: 'UNVERIFIED', signIn: 'FAILED', systemLog: { eventType: 'user.import.password', outcome: 'FAILURE' },
        summary: 'Sign-in fails: the password is wrong (it counts toward lockout). The next attempt calls the hook again.',
      };
    }
    return {
      result: 'FAILED', signIn: 'FAILED', reason: outcome.error, systemLog: { eventType: 'user.import.password', outcome: 'FAILURE' },
      summary: `Sign-in fails (fails closed) ${because(outcome.error)}. The next attempt calls the hook again.`,
    };
  },
};

const userImport: PreviewKind = {
  problems: () => [],
  options: () => ({ checkReply: userImportReplyCheck }),
  decide(_ctx, hook, payload, result) {
    const data = dataOf(payload);
    const defaultAction = (data.action as { result?: unknown } | undefined)?.result === 'LINK_USER' ? 'LINK_USER' : 'CREATE_USER';
    const matchedId = isObject(data.user) && typeof data.user.id === 'string' ? data.user.id : null;
    const outcome = userImportCallOutcome(hook.id, result);
    const { action, linkUserId } = userImportAction(outcome, { action: defaultAction, linkedUserId: matchedId });
    const what = action === 'CREATE_USER' ? 'Creates a new Okta user' : `Links the app user to the Okta user ${linkUserId ?? '(none named: the row fails)'}`;
    if (!outcome.ok) {
      const error = 'errorSummary' in outcome ? outcome.errorSummary : outcome.error;
      return {
        result: action, hook: 'errorSummary' in outcome ? 'ERROR' : 'FAILED', linkUserId, defaultAction, reason: error,
        summary: `Fails open: ${what.charAt(0).toLowerCase()}${what.slice(1)} (Okta's own decision), ${because(outcome.error)}.`,
      };
    }
    const { decision } = outcome;
    const changes = [
      ...(Object.keys(decision.appUserUpdates).length ? [`app user profile: ${Object.keys(decision.appUserUpdates).join(', ')}`] : []),
      ...(Object.keys(decision.userUpdates).length ? [`Okta profile: ${Object.keys(decision.userUpdates).join(', ')}`] : []),
    ];
    return {
      result: action, hook: 'SUCCESS', linkUserId, defaultAction,
      appUserUpdates: decision.appUserUpdates, userUpdates: decision.userUpdates, commands: decision.commands,
      summary: `${what}${changes.length ? `, with changes to the ${changes.join('; ')}` : ''}.`,
    };
  },
};

const telephony: PreviewKind = {
  problems: () => [],
  options: () => ({}),
  decide(ctx, _hook, _payload, result) {
    const outcome = telephonyCallOutcome(result);
    if (outcome.delivered) {
      const { action } = outcome;
      return {
        result: 'DELIVERED', status: action.status, action,
        summary: `The hook took the message (${action.status}${action.provider ? `, provider ${action.provider}` : ''}): nothing else is sent.`,
      };
    }
    const fallbackProvider = ctx.config.telephonyFallback ? 'http' : ctx.config.telephonyDevelopment ? 'development' : 'none';
    if (fallbackProvider === 'none') {
      return {
        result: 'FALLBACK', reason: outcome.reason, fallbackProvider,
        ...(outcome.action ? { action: outcome.action } : {}),
        summary: `The code is not sent: no fallback provider is configured, ${because(outcome.reason)}. The user is told it could not be sent.`,
      };
    }
    const provider = fallbackProvider === 'http' ? 'the fallback HTTP provider' : 'the built-in development provider (the server console)';
    return {
      result: 'FALLBACK', reason: outcome.reason, fallbackProvider,
      ...(outcome.action ? { action: outcome.action } : {}),
      summary: `Falls back to the provider: the same code goes to ${provider}, ${because(outcome.reason)}.`,
    };
  },
};

export const previewKinds: Record<InlineHookTypeName, PreviewKind> = {
  'com.okta.user.pre-registration': registration,
  'com.okta.oauth2.tokens.transform': token,
  'com.okta.saml.tokens.transform': saml,
  'com.okta.user.credential.password.import': passwordImport,
  'com.okta.import.transform': userImport,
  'com.okta.telephony.provider': telephony,
};
