/**
 * Registration inline hook, `com.okta.user.pre-registration` (reference §3.1): called after a person submits
 * the sign-up form and before the user is created (`self.service.registration`), and after a signed-in user
 * submits the progressive profile form and before the profile is updated (`progressive.profile`). Fails
 * closed.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import { profileAttributeNames } from '../../identity/schema/profile-schema.service.js';
import { ProfileUpdateValue } from './commands.js';
import type { HookReply } from './hook-reply.js';
import { defineInlineHook } from './hook-type.js';
import {
  enrollmentPolicyId, registrationDecision, sampleProgressiveProfileInput, sampleRegistrationInput,
} from './registration.preview.js';
import { callInlineHook, type HookCallResult } from './runner.js';

/** Okta's Identity Engine endpoint of a progressive profile update: the hook's `data.context.request.url`. */
export const PROGRESSIVE_PROFILE_URL = '/idp/idx/enroll/update';

export const PROFILE_UPDATE = 'com.okta.user.profile.update';
export const ACTION_UPDATE = 'com.okta.action.update';
export const PROGRESSIVE_PROFILE_UPDATE = 'com.okta.user.progressive.profile.update';

export const registrationHookType = defineInlineHook({
  type: 'com.okta.user.pre-registration',
  name: 'Registration',
  description: 'Runs when someone signs up; can change the profile or deny the registration.',
  alias: 'registration',
  retries: true,
  failure: 'closed',
  commands: {
    [PROFILE_UPDATE]: ProfileUpdateValue,
    [ACTION_UPDATE]: Type.Object({
      registration: Type.Union([Type.Literal('ALLOW'), Type.Literal('DENY')]),
    }, { additionalProperties: false }),
    [PROGRESSIVE_PROFILE_UPDATE]: ProfileUpdateValue,
  },
  buildRequest: (ctx, input: Omit<RegistrationHookInput, 'hookId'> | Omit<ProgressiveProfileHookInput, 'hookId'>) => (
    'userProfileUpdate' in input ? buildProgressiveProfileRequest(ctx, input) : buildRegistrationRequest(ctx, input)
  ),
  checkReply: checkRegistrationReply,
  preview: {
    requestTypes: ['self.service.registration', 'progressive.profile'],
    requestTypeLabels: { 'self.service.registration': 'Self-service registration', 'progressive.profile': 'Progressive profile' },
    async sample(ctx, hook, requestType) {
      const policyId = await enrollmentPolicyId(ctx, hook.id);
      return requestType === 'progressive.profile'
        ? buildProgressiveProfileRequest(ctx, sampleProgressiveProfileInput(policyId, PROGRESSIVE_PROFILE_URL))
        : buildRegistrationRequest(ctx, sampleRegistrationInput(policyId));
    },
    decide: (_ctx, _hook, payload, result) => registrationDecision(payload, registrationCallOutcome(result, payload), result),
  },
});

/** Okta's end-user messages (reference §3.1 and §2.5). */
export const REGISTRATION_MESSAGES = {
  hookFailed: 'There was an error creating your account. Please try registering again',
  errorWithoutCauses: "Registration can't be completed at this time.",
  denied: 'Registration denied.',
} as const;

export interface RegistrationHookInput {
  /** From the policy rule's `preRegistrationInlineHooks[0].inlineHookId`. */
  hookId: string;
  /** The profile enrollment policy; it becomes the request's `source`. */
  policyId: string;
  /** The form fields. A `password` member is never sent. */
  userProfile: Record<string, unknown>;
  request: { id: string; method: string; url: string; ipAddress: string | null };
}

/** Okta's end-user messages for progressive profiling (reference §3.1 and §2.5). */
export const PROGRESSIVE_PROFILE_MESSAGES = {
  hookFailed: 'There was an error updating your profile. Please try again later.',
  errorWithoutCauses: 'We found some errors. Please review the form and make corrections.',
  denied: 'Profile update denied.',
} as const;

export interface ProgressiveProfileHookInput {
  /** From the policy rule's `preRegistrationInlineHooks[0].inlineHookId`. */
  hookId: string;
  /** The profile enrollment policy; it becomes the request's `source`. */
  policyId: string;
  /** The signed-in user, as stored now (before the update). */
  user: { id: string; passwordChanged: string | null; profile: Record<string, unknown> };
  /** Only what the user adds or changes. */
  userProfileUpdate: Record<string, unknown>;
  request: { id: string; method: string; url: string; ipAddress: string | null };
}

export type RegistrationHookOutcome =
  | { result: 'ALLOW'; profileUpdates: Record<string, unknown> }
  | { result: 'DENY'; message: string; fieldErrors: Array<{ field: string; message: string }> };

/** Okta's SSR registration request (reference §3.1). */
export function buildRegistrationRequest(ctx: AppContext, input: Omit<RegistrationHookInput, 'hookId'>): Record<string, unknown> {
  const userProfile = { ...input.userProfile };
  delete userProfile.password;
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventType: registrationHookType.type,
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: input.policyId,
    requestType: 'self.service.registration',
    data: {
      context: {
        request: { id: input.request.id, method: input.request.method, url: { value: input.request.url }, ipAddress: input.request.ipAddress },
      },
      userProfile,
      action: 'ALLOW',
    },
  };
}

/**
 * The attributes of `data.context.user.profile` in Okta's progressive profile request. Okta's example names
 * the time zone `timeZone`; the profile attribute is `timezone`.
 */
const CONTEXT_USER_ATTRIBUTES: Array<[wire: string, attribute: string]> = [
  ['firstName', 'firstName'], ['lastName', 'lastName'], ['timeZone', 'timezone'], ['login', 'login'], ['locale', 'locale'],
];

/** Okta's progressive profile request (reference §3.1): `data.userProfileUpdate` and `data.context.user`. */
export function buildProgressiveProfileRequest(ctx: AppContext, input: Omit<ProgressiveProfileHookInput, 'hookId'>): Record<string, unknown> {
  const userProfileUpdate = { ...input.userProfileUpdate };
  delete userProfileUpdate.password;
  const profile: Record<string, unknown> = {};
  for (const [wire, attribute] of CONTEXT_USER_ATTRIBUTES) {
    const value = input.user.profile[attribute] ?? input.user.profile[wire];
    if (value !== undefined && value !== null) profile[wire] = value;
  }
  const userUrl = `${ctx.config.issuer}/api/v1/users/${input.user.id}`;
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventType: registrationHookType.type,
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: input.policyId,
    requestType: 'progressive.profile',
    data: {
      context: {
        request: { id: input.request.id, method: input.request.method, url: { value: input.request.url }, ipAddress: input.request.ipAddress },
        user: {
          id: input.user.id,
          passwordChanged: input.user.passwordChanged,
          profile,
          _links: { groups: { href: `${userUrl}/groups` }, factors: { href: `${userUrl}/factors` } },
        },
      },
      action: 'ALLOW',
      userProfileUpdate,
    },
  };
}

const SKIPPED: RegistrationHookOutcome = { result: 'ALLOW', profileUpdates: {} };

/**
 * The hook a profile enrollment rule names, when it can run: Okta skips a missing or inactive hook, and a hook
 * of another type is skipped with a warning (the policy API refuses one; an older row may still hold it).
 */
async function activeRegistrationHook(ctx: AppContext, hookId: string) {
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', hookId).executeTakeFirst();
  if (!hook || hook.status !== 'ACTIVE') return undefined;
  if (hook.type !== registrationHookType.type) {
    ctx.log.warn({ hookId: hook.id, type: hook.type }, 'a profile enrollment policy names an inline hook that is not a registration hook; skipped');
    return undefined;
  }
  return hook;
}

/**
 * Runs the registration hook for a progressive profile update. Skipped (ALLOW, no updates) when the hook is
 * missing, inactive or not a registration hook. Any failure, including a reply with
 * `com.okta.user.profile.update` (valid only for self-service registration), DENIES with Okta's message.
 *
 * Call it outside any open database transaction (the runner records the call in its own transaction).
 */
export async function runProgressiveProfileHook(ctx: AppContext, audit: AuditContext, input: ProgressiveProfileHookInput): Promise<RegistrationHookOutcome> {
  const hook = await activeRegistrationHook(ctx, input.hookId);
  if (!hook) return SKIPPED;
  const { payload, result } = await callInlineHook(ctx, audit, hook, registrationHookType, input);
  return registrationCallOutcome(result, payload);
}

/**
 * Runs the registration hook through the shared runner. An inactive, missing or non-registration hook is
 * skipped (ALLOW, no updates), as Okta skips a hook that is not active. Any failure (timeout, network error,
 * non-2xx, malformed reply, a command that is not allowed, an attribute that is not in the user schema)
 * DENIES with Okta's generic message.
 *
 * Call it outside any open database transaction (the runner records the call in its own transaction).
 */
export async function runRegistrationHook(ctx: AppContext, audit: AuditContext, input: RegistrationHookInput): Promise<RegistrationHookOutcome> {
  const hook = await activeRegistrationHook(ctx, input.hookId);
  if (!hook) return SKIPPED;
  const { payload, result } = await callInlineHook(ctx, audit, hook, registrationHookType, input);
  return registrationCallOutcome(result, payload);
}

/**
 * What a call decides, for the request that was sent (its `requestType` says which command and messages
 * apply): a failed call DENIES with Okta's generic message (fail closed), a valid reply decides as Okta does.
 * Pure: the sign-up and progressive profile flows and the preview all read the decision from here.
 */
export function registrationCallOutcome(result: HookCallResult, request: Record<string, unknown>): RegistrationHookOutcome {
  const progressive = request.requestType === 'progressive.profile';
  if (!result.ok) {
    return { result: 'DENY', message: (progressive ? PROGRESSIVE_PROFILE_MESSAGES : REGISTRATION_MESSAGES).hookFailed, fieldErrors: [] };
  }
  return progressive ? progressiveProfileOutcome(result.reply) : registrationOutcome(result.reply);
}

/**
 * Rules the command schemas cannot express: a self-service registration reply may not use the progressive
 * profile command and vice versa, and a profile update may only set attributes of the user schema (Okta
 * rejects the others; Tollgate treats such a reply as invalid, so the hook fails closed).
 */
async function checkRegistrationReply(ctx: AppContext, reply: HookReply, request: Record<string, unknown>): Promise<string | undefined> {
  if (reply.error) return undefined; // no command is applied when the reply carries an error
  const progressive = request.requestType === 'progressive.profile';
  const wrongCommand = progressive ? PROFILE_UPDATE : PROGRESSIVE_PROFILE_UPDATE;
  let names: Set<string> | undefined;
  for (const [i, command] of reply.commands.entries()) {
    if (command.type === wrongCommand) {
      return `commands[${i}]: ${wrongCommand} is not valid in reply to a ${progressive ? 'progressive profile' : 'self-service registration'} request`;
    }
    if (command.type !== PROFILE_UPDATE && command.type !== PROGRESSIVE_PROFILE_UPDATE) continue;
    names ??= await profileAttributeNames(ctx, ctx.db);
    const unknown = Object.keys(command.value as Record<string, unknown>).filter((k) => !names!.has(k));
    if (unknown.length > 0) {
      return `commands[${i}]: ${command.type} sets ${unknown.map((k) => `'${k}'`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in the user profile schema`;
    }
  }
  return undefined;
}

/** What a valid reply decides (reference §3.1 "Error and UI semantics"). */
export function registrationOutcome(reply: HookReply): RegistrationHookOutcome {
  return outcomeOf(reply, PROFILE_UPDATE, REGISTRATION_MESSAGES);
}

/** What a valid reply to a progressive profile request decides: its `com.okta.user.progressive.profile.update`s. */
export function progressiveProfileOutcome(reply: HookReply): RegistrationHookOutcome {
  return outcomeOf(reply, PROGRESSIVE_PROFILE_UPDATE, PROGRESSIVE_PROFILE_MESSAGES);
}

function outcomeOf(
  reply: HookReply, updateCommand: string, messages: { errorWithoutCauses: string; denied: string },
): RegistrationHookOutcome {
  if (reply.error) {
    const causes = reply.error.errorCauses ?? [];
    if (causes.length === 0) return { result: 'DENY', message: messages.errorWithoutCauses, fieldErrors: [] };
    const message = reply.error.errorSummary || messages.errorWithoutCauses;
    const fieldErrors = causes.flatMap((c) => {
      const field = /^data\.(?:userProfile|userProfileUpdate)\.(.+)$/.exec(c.location ?? '')?.[1];
      return field ? [{ field, message: c.errorSummary || message }] : [];
    });
    return { result: 'DENY', message, fieldErrors };
  }
  let decision: 'ALLOW' | 'DENY' = 'ALLOW';
  const profileUpdates: Record<string, unknown> = {};
  for (const command of reply.commands) {
    if (command.type === ACTION_UPDATE) decision = (command.value as { registration: 'ALLOW' | 'DENY' }).registration;
    if (command.type === updateCommand) Object.assign(profileUpdates, command.value);
  }
  if (decision === 'DENY') return { result: 'DENY', message: messages.denied, fieldErrors: [] };
  return { result: 'ALLOW', profileUpdates };
}
