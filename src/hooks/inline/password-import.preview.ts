/**
 * The password import hook's preview: Rosario Jones signing in for the first time, and the decision in an
 * admin's words. The verdict itself is `passwordImportCallOutcome`'s.
 */
import type { PreviewDecision } from './hook-type.js';
import type { PasswordImportInput, PasswordImportOutcome } from './password-import.inline-hook.js';
import { because, SAMPLE_PERSON as PERSON, sampleRequestInfo } from './preview-kit.js';

export function samplePasswordImportInput(): PasswordImportInput {
  return { username: PERSON.login, password: 'Sample-Passw0rd', request: sampleRequestInfo('POST', '/api/v1/authn') };
}

export function passwordImportDecision(outcome: Exclude<PasswordImportOutcome, { verdict: 'NO_HOOK' }>): PreviewDecision {
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
}
