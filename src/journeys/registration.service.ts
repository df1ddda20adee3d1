import type { AppContext } from '../platform/context.js';
import { OktaError, type ErrorCause } from '../platform/errors.js';
import { REGISTRATION_MESSAGES as HOOK_MESSAGES, runRegistrationHook, type RegistrationHookOutcome } from '../hooks/inline/registration.inline-hook.js';
import { addUserToGroup } from '../identity/groups/membership.service.js';
import { checkPassword } from '../identity/policies/password-policy.js';
import { getProfileEnrollment, type ProfileEnrollment } from '../identity/policies/policies.service.js';
import { profileAttributeNames, validateProfile } from '../identity/schema/profile-schema.service.js';
import { userActor } from '../identity/sessions/sessions.service.js';
import type { AuditContext } from '../events/log-event.js';
import { createUser, type OktaUser } from '../identity/users/users.service.js';

/** Okta's texts for self-service registration (Identity Engine sign-up form). */
export const REGISTRATION_MESSAGES = {
  formErrors: 'We found some errors. Please review the form and make corrections.',
  /** A hook that failed (timeout, bad reply, …) or an update that could not be applied: fail closed (the hook's own words). */
  hookFailed: HOOK_MESSAGES.hookFailed,
  disabled: 'Self-service registration is not enabled. Ask your administrator to allow sign-up in the user profile policy.',
  notFound: 'There is no active user profile policy for self-service registration.',
  blank: 'The field cannot be left blank',
} as const;

export interface RegistrationRequestInfo {
  id: string;
  method: string;
  /** The path the visitor posted to: `/signup` or `/api/v1/registration/{policyId}/register`. */
  url: string;
  ipAddress: string | null;
}

export interface RegistrationInput {
  policyId?: string;
  /** The submitted form, without the password. */
  userProfile: Record<string, unknown>;
  password: string;
  request: RegistrationRequestInfo;
}

export interface RegistrationFieldError {
  /** A profile attribute name, or `password`. */
  field: string;
  message: string;
  /** Okta's cause reason, e.g. `UNIQUE_CONSTRAINT` for a login that is taken. */
  reason?: string;
}

/** Why a registration did not happen; the JSON endpoint picks Okta's error code from it. */
export type RegistrationFailureKind = 'NOT_FOUND' | 'DISABLED' | 'INVALID' | 'DENIED' | 'HOOK_FAILED';

export type RegistrationResult =
  | { ok: true; user: OktaUser }
  | { ok: false; kind: RegistrationFailureKind; status: number; message: string; fieldErrors: RegistrationFieldError[] };

type Failure = Extract<RegistrationResult, { ok: false }>;

function failure(kind: RegistrationFailureKind, status: number, message: string, fieldErrors: RegistrationFieldError[] = []): Failure {
  return { ok: false, kind, status, message, fieldErrors };
}

/** The attributes the sign-up form asks for (the password is never a profile attribute). */
export function formAttributes(enrollment: ProfileEnrollment): ProfileEnrollment['action']['profileAttributes'] {
  return (enrollment.action.profileAttributes ?? []).filter((a) => a.name !== 'password');
}

/** True when the rule lets unknown visitors register. */
export function registrationAllowed(enrollment: ProfileEnrollment | undefined): enrollment is ProfileEnrollment {
  return !!enrollment && enrollment.action.access !== 'DENY' && enrollment.action.unknownUserAction === 'REGISTER';
}

/**
 * Self-service registration, for the hosted `/signup` page and Okta Classic's
 * `POST /api/v1/registration/{policyId}/register`:
 * policy → form fields → required fields, schema, unique login, password policy → registration inline hook
 * (fails closed) → its profile updates (re-validated) → ONE transaction that creates the user ACTIVE with
 * the password and adds them to the rule's target group. Nothing is created on any failure.
 *
 * `activationRequirements.emailVerification`: Okta's hosted flow verifies the email inside the sign-up flow
 * and then lands the user signed in and ACTIVE. Tollgate sends no email, so the user is created ACTIVE
 * either way (the step the visitor would do next is signing in, which the page does for them).
 */
export async function registerUser(ctx: AppContext, audit: AuditContext, input: RegistrationInput): Promise<RegistrationResult> {
  const enrollment = await getProfileEnrollment(ctx, ctx.db, input.policyId);
  if (!enrollment) return failure('NOT_FOUND', 404, REGISTRATION_MESSAGES.notFound);
  if (!registrationAllowed(enrollment)) return failure('DISABLED', 403, REGISTRATION_MESSAGES.disabled);

  const attributes = formAttributes(enrollment);
  const form = formProfile(enrollment, input.userProfile);
  const schemaNames = await profileAttributeNames(ctx, ctx.db);
  // Form fields outside the schema go to the hook but are not stored (Okta's rule).
  const profile = Object.fromEntries(Object.entries(form).filter(([name]) => schemaNames.has(name)));
  const loginField = attributes.some((a) => a.name === 'login') ? 'login' : 'email';
  const loginLabel = attributes.find((a) => a.name === loginField)?.label ?? 'Username';

  const fieldErrors: RegistrationFieldError[] = [];
  for (const attr of attributes) {
    if (attr.required && form[attr.name] === undefined) fieldErrors.push({ field: attr.name, message: REGISTRATION_MESSAGES.blank });
  }
  if (!input.password) fieldErrors.push({ field: 'password', message: REGISTRATION_MESSAGES.blank });
  const blank = new Set(fieldErrors.map((e) => e.field));
  fieldErrors.push(...(await profileProblems(ctx, profile, loginField)).filter((e) => !blank.has(e.field)));
  fieldErrors.push(...(await loginTaken(ctx, profile, loginField, loginLabel)).filter((e) => !fieldErrors.some((f) => f.field === e.field)));
  if (input.password) {
    for (const message of await checkPassword(ctx, ctx.db, input.password, profile)) fieldErrors.push({ field: 'password', message });
  }
  if (fieldErrors.length > 0) return failure('INVALID', 400, REGISTRATION_MESSAGES.formErrors, fieldErrors);

  const hookId = enrollment.action.preRegistrationInlineHooks?.[0]?.inlineHookId;
  if (hookId) {
    const outcome = await callHook(ctx, audit, { hookId, policyId: enrollment.policy.id, userProfile: form, request: input.request });
    if (outcome.result === 'DENY') {
      // A cause on `data.userProfile.login` belongs to the email field when the login is the email.
      const fieldErrors = outcome.fieldErrors.map((e) => ({ field: e.field === 'login' ? loginField : e.field, message: e.message }));
      return failure('DENIED', 400, outcome.message, fieldErrors);
    }
    const updates = Object.entries(outcome.profileUpdates);
    if (updates.some(([name]) => !schemaNames.has(name))) return failure('HOOK_FAILED', 400, REGISTRATION_MESSAGES.hookFailed);
    if (updates.length > 0) {
      for (const [name, value] of updates) profile[name] = value;
      // The hook's values must be valid too; a bad update fails the registration with Okta's generic message.
      if ((await profileProblems(ctx, profile, loginField)).length > 0) return failure('HOOK_FAILED', 400, REGISTRATION_MESSAGES.hookFailed);
      const taken = await loginTaken(ctx, profile, loginField, loginLabel);
      if (taken.length > 0) return failure('INVALID', 400, REGISTRATION_MESSAGES.formErrors, taken);
      const weak = await checkPassword(ctx, ctx.db, input.password, profile);
      if (weak.length > 0) return failure('INVALID', 400, REGISTRATION_MESSAGES.formErrors, weak.map((message) => ({ field: 'password', message })));
    }
  }

  const groupId = enrollment.action.targetGroupIds?.[0];
  try {
    const user = await ctx.db.transaction().execute(async (trx) => {
      const created = await createUser(ctx, trx, audit, { profile, credentials: { password: { value: input.password } } }, { activate: true });
      if (groupId) {
        const self = { id: created.id, login: String(created.profile.login), first_name: nameOf(created.profile.firstName), last_name: nameOf(created.profile.lastName) };
        await addUserToGroup(ctx, trx, { ...audit, actor: userActor(self) }, groupId, created.id);
      }
      return created;
    });
    return { ok: true, user };
  } catch (err) {
    if (!(err instanceof OktaError)) throw err;
    if (err.errorCode === 'E0000001') {
      const errorsOfCreate = err.errorCauses.map((c) => causeToFieldError(c, loginField, loginLabel));
      return failure('INVALID', 400, REGISTRATION_MESSAGES.formErrors, errorsOfCreate);
    }
    // E.g. the target group was deleted: the admin's setup is broken; the visitor gets the generic message.
    ctx.log.warn({ err, policyId: enrollment.policy.id }, 'self-service registration failed');
    return failure('HOOK_FAILED', 500, REGISTRATION_MESSAGES.hookFailed);
  }
}

/**
 * The submitted values of the rule's fields only (trimmed text; blanks dropped), plus `login` = `email`
 * when the form does not ask for a login.
 */
function formProfile(enrollment: ProfileEnrollment, submitted: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name } of formAttributes(enrollment)) {
    if (!Object.hasOwn(submitted, name)) continue;
    const raw = submitted[name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '' || value === null || value === undefined) continue;
    out[name] = value;
  }
  if (out.login === undefined && !formAttributes(enrollment).some((a) => a.name === 'login') && out.email !== undefined) {
    out.login = out.email;
  }
  return out;
}

async function profileProblems(ctx: AppContext, profile: Record<string, unknown>, loginField: string): Promise<RegistrationFieldError[]> {
  const causes = await validateProfile(ctx, ctx.db, profile, { partial: true });
  const own = causes.map((c) => causeToFieldError(c, 'login'));
  // When the login is the email, a problem of the login is one of the email field, unless it has its own.
  if (loginField === 'login') return own;
  const emailHasOwn = own.some((e) => e.field === 'email');
  return own.flatMap((e) => (e.field !== 'login' ? [e] : emailHasOwn ? [] : [{ ...e, field: loginField }]));
}

/** An Okta cause (`"<attr>: <problem>"`) as a form field error; `login` maps to the field that holds it. */
function causeToFieldError(cause: ErrorCause, loginField: string, loginLabel?: string): RegistrationFieldError {
  const fromLocation = cause.location?.replace(/^(data\.userProfile|profile)\./, '');
  const match = /^([A-Za-z0-9_$.-]+): (.*)$/s.exec(cause.errorSummary);
  let field = fromLocation ?? match?.[1] ?? '';
  const message = match && !fromLocation ? match[2] : cause.errorSummary;
  if (field === 'login') field = loginField;
  if (field.startsWith('profile.')) field = field.slice('profile.'.length);
  if (/already exists/i.test(message) && loginLabel && field === loginField) {
    return { field, message: `A user with this ${loginLabel} already exists`, reason: 'UNIQUE_CONSTRAINT' };
  }
  return { field, message, ...(cause.reason ? { reason: cause.reason } : {}) };
}

async function loginTaken(ctx: AppContext, profile: Record<string, unknown>, loginField: string, loginLabel: string): Promise<RegistrationFieldError[]> {
  if (typeof profile.login !== 'string') return [];
  const existing = await ctx.db.selectFrom('users').select('id').where('login_lower', '=', profile.login.toLowerCase()).executeTakeFirst();
  return existing ? [{ field: loginField, message: `A user with this ${loginLabel} already exists`, reason: 'UNIQUE_CONSTRAINT' }] : [];
}

/**
 * Runs a registration hook (sign-up or progressive profile): registration hooks fail closed, whatever went
 * wrong, with `failedMessage`.
 */
export async function failingClosed(ctx: AppContext, what: string, hookId: string, failedMessage: string, run: () => Promise<RegistrationHookOutcome>): Promise<RegistrationHookOutcome> {
  try {
    return await run();
  } catch (err) {
    ctx.log.error({ err, hookId }, `${what} inline hook could not run`);
    return { result: 'DENY', message: failedMessage, fieldErrors: [] };
  }
}

function callHook(ctx: AppContext, audit: AuditContext, input: Parameters<typeof runRegistrationHook>[2]): Promise<RegistrationHookOutcome> {
  return failingClosed(ctx, 'registration', input.hookId, REGISTRATION_MESSAGES.hookFailed, () => runRegistrationHook(ctx, audit, input));
}

function nameOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
