/**
 * Progressive profiling (Okta Identity Engine, reference §3.1 and §6.1): when the user profile policy's rule
 * has `progressiveProfilingAction: ENABLED`, a signed-in user who lacks a required attribute of the rule's
 * `profileAttributes` is asked for it after sign-in. The answer goes to the rule's registration inline hook
 * (`requestType: progressive.profile`, `data.userProfileUpdate`, `data.context.user`), whose
 * `com.okta.user.progressive.profile.update` commands are applied; the hook fails closed.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../platform/context.js';
import { OktaError } from '../platform/errors.js';
import {
  PROGRESSIVE_PROFILE_MESSAGES, runProgressiveProfileHook, type RegistrationHookOutcome,
} from '../hooks/inline/registration.inline-hook.js';
import { getProfileEnrollment, type ProfileEnrollment } from '../identity/policies/policies.service.js';
import { allAttributes, schemaOfType, validateProfile, type SchemaAttribute } from '../identity/schema/profile-schema.service.js';
import { userActor } from '../identity/sessions/sessions.service.js';
import type { AuditContext } from '../events/log-event.js';
import { updateUser } from '../identity/users/user-update.service.js';
import type { UserRow } from '../identity/users/users.service.js';
import { failingClosed, formAttributes, REGISTRATION_MESSAGES, type RegistrationFieldError, type RegistrationRequestInfo } from './registration.service.js';

export { PROGRESSIVE_PROFILE_URL } from '../hooks/inline/registration.inline-hook.js';

export interface ProgressiveField {
  name: string;
  label: string;
  required: boolean;
  attribute: SchemaAttribute;
}

export interface ProgressiveProfileForm {
  enrollment: ProfileEnrollment;
  /** The rule's attributes the user has no value for, in the rule's order. */
  fields: ProgressiveField[];
}

export type ProgressiveProfileResult =
  | { ok: true; profile: Record<string, unknown> }
  | { ok: false; message: string; fieldErrors: RegistrationFieldError[] };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The form to show this user, or undefined when progressive profiling is off or the user lacks no required
 * attribute. Attributes outside the user's schema are left out: they could never be stored, so asking for
 * them would never end.
 */
export async function progressiveProfileFor(ctx: AppContext, user: UserRow): Promise<ProgressiveProfileForm | undefined> {
  const enrollment = await getProfileEnrollment(ctx, ctx.db);
  if (!enrollment || enrollment.action.progressiveProfilingAction !== 'ENABLED') return undefined;
  const attributes = allAttributes(await schemaOfType(ctx, ctx.db, user.type_id));
  const profile = JSON.parse(user.profile) as Record<string, unknown>;
  const fields = formAttributes(enrollment)
    .filter((a) => Object.hasOwn(attributes, a.name) && isBlank(profile[a.name]))
    .map((a) => ({ name: a.name, label: a.label || attributes[a.name].title || a.name, required: !!a.required, attribute: attributes[a.name] }));
  if (!fields.some((f) => f.required)) return undefined;
  return { enrollment, fields };
}

/** True when the user must fill in the progressive profile form before going on. */
export async function needsProgressiveProfile(ctx: AppContext, user: UserRow): Promise<boolean> {
  return (await progressiveProfileFor(ctx, user)) !== undefined;
}

/**
 * Applies what the user submitted on the progressive profile form (values already typed by the schema):
 * required fields → schema → registration hook (fails closed) → its `progressive.profile.update`s
 * (re-validated) → one profile update (`user.account.update_profile`). Nothing changes on any failure.
 */
export async function submitProgressiveProfile(
  ctx: AppContext, audit: AuditContext, userId: string, submitted: Record<string, unknown>, request: RegistrationRequestInfo,
): Promise<ProgressiveProfileResult> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return { ok: false, message: PROGRESSIVE_PROFILE_MESSAGES.hookFailed, fieldErrors: [] };
  const stored = JSON.parse(user.profile) as Record<string, unknown>;
  const form = await progressiveProfileFor(ctx, user);
  if (!form) return { ok: true, profile: stored };

  const delta: Record<string, unknown> = {};
  for (const field of form.fields) {
    const raw = submitted[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (!isBlank(value)) delta[field.name] = value;
  }
  const fieldErrors: RegistrationFieldError[] = form.fields
    .filter((f) => f.required && delta[f.name] === undefined)
    .map((f) => ({ field: f.name, message: REGISTRATION_MESSAGES.blank }));
  const blank = new Set(fieldErrors.map((e) => e.field));
  fieldErrors.push(...(await problemsOf(ctx, user, delta)).filter((e) => !blank.has(e.field)));
  if (fieldErrors.length > 0) return { ok: false, message: REGISTRATION_MESSAGES.formErrors, fieldErrors };

  const hookId = form.enrollment.action.preRegistrationInlineHooks?.[0]?.inlineHookId;
  let updates = delta;
  if (hookId) {
    const outcome = await callHook(ctx, audit, {
      hookId, policyId: form.enrollment.policy.id,
      user: { id: user.id, passwordChanged: user.password_changed, profile: stored },
      userProfileUpdate: delta, request,
    });
    if (outcome.result === 'DENY') return { ok: false, message: outcome.message, fieldErrors: outcome.fieldErrors };
    updates = { ...delta, ...outcome.profileUpdates };
    // The hook's values must be valid too; a bad one fails the update with Okta's generic message.
    if ((await problemsOf(ctx, user, updates)).length > 0) return { ok: false, message: PROGRESSIVE_PROFILE_MESSAGES.hookFailed, fieldErrors: [] };
  }
  if (isDeepStrictEqual({ ...stored, ...updates }, stored)) return { ok: true, profile: stored };

  try {
    const updated = await updateUser(ctx, ctx.db, { ...audit, actor: userActor(user) }, user.id, { profile: updates }, 'partial');
    return { ok: true, profile: updated.profile };
  } catch (err) {
    if (!(err instanceof OktaError)) throw err;
    ctx.log.warn({ err, userId: user.id }, 'progressive profile update refused');
    return { ok: false, message: PROGRESSIVE_PROFILE_MESSAGES.hookFailed, fieldErrors: [] };
  }
}

async function problemsOf(ctx: AppContext, user: UserRow, values: Record<string, unknown>): Promise<RegistrationFieldError[]> {
  const causes = await validateProfile(ctx, ctx.db, values, { partial: true, typeId: user.type_id, userId: user.id });
  return causes.map((c) => {
    const match = /^([A-Za-z0-9_$.-]+): (.*)$/s.exec(c.errorSummary);
    return match ? { field: match[1], message: match[2] } : { field: '', message: c.errorSummary };
  });
}

function callHook(ctx: AppContext, audit: AuditContext, input: Parameters<typeof runProgressiveProfileHook>[2]): Promise<RegistrationHookOutcome> {
  return failingClosed(ctx, 'progressive profile', input.hookId, PROGRESSIVE_PROFILE_MESSAGES.hookFailed, () => runProgressiveProfileHook(ctx, audit, input));
}
