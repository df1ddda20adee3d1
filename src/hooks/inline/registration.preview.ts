/**
 * The registration hook's preview: a sample sign-up (or progressive profile update) of Rosario Jones, and
 * the decision in an admin's words. The verdict itself is `registrationCallOutcome`'s.
 */
import type { AppContext } from '../../platform/context.js';
import type { PreviewDecision } from './hook-type.js';
import { because, replyErrorCauses, SAMPLE_PERSON as PERSON, sampleRequestInfo } from './preview-kit.js';
import type { ProgressiveProfileHookInput, RegistrationHookInput, RegistrationHookOutcome } from './registration.inline-hook.js';
import type { HookCallResult } from './runner.js';

/** The profile enrollment policy whose rule names this hook, else the first one: the registration request's `source`. */
export async function enrollmentPolicyId(ctx: AppContext, hookId: string): Promise<string> {
  const rule = await ctx.db.selectFrom('policy_rules').select('policy_id')
    .where('type', '=', 'PROFILE_ENROLLMENT').where('actions', 'like', `%${hookId}%`).executeTakeFirst();
  if (rule) return rule.policy_id;
  const policy = await ctx.db.selectFrom('policies').select('id').where('type', '=', 'PROFILE_ENROLLMENT')
    .orderBy('priority', 'asc').executeTakeFirst();
  return policy?.id ?? 'rstSamp1eProf1leEnr0ll';
}

/** `url`: the endpoint of the update (PROGRESSIVE_PROFILE_URL). */
export function sampleProgressiveProfileInput(policyId: string, url: string): Omit<ProgressiveProfileHookInput, 'hookId'> {
  return {
    policyId,
    user: { id: PERSON.id, passwordChanged: PERSON.passwordChanged, profile: { login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName, locale: 'en_US', timezone: 'America/Los_Angeles' } },
    userProfileUpdate: { title: 'Engineer' },
    request: sampleRequestInfo('POST', url),
  };
}

export function sampleRegistrationInput(policyId: string): Omit<RegistrationHookInput, 'hookId'> {
  return {
    policyId,
    userProfile: { firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.login, login: PERSON.login },
    request: sampleRequestInfo('POST', '/signup'),
  };
}

/** The outcome for the request that was sent, in an admin's words. */
export function registrationDecision(payload: Record<string, unknown>, outcome: RegistrationHookOutcome, result: HookCallResult): PreviewDecision {
  const progressive = payload.requestType === 'progressive.profile';
  const what = progressive ? 'Profile update' : 'Registration';
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
}
