import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/password.js';
import { checkPassword } from '../policies/password-policy.js';
import { DEFAULT_PASSWORD_SETTINGS } from '../org-defaults.js';
import type { StoredRecoveryQuestion, UserRow } from './user-json.js';

/** Credentials as the API accepts them (create, update, replace). */
export interface CredentialsInput {
  password?: { value?: string; hook?: { type: string } } | null;
  recovery_question?: { question?: string; answer?: string } | null;
  provider?: { type?: string; name?: string } | null;
}

export const PROVIDER_TYPES = ['OKTA', 'ACTIVE_DIRECTORY', 'LDAP', 'FEDERATION', 'SOCIAL', 'IMPORT'];

/** The minimum answer length of the active password policy's recovery question (Okta's default: 4). */
async function recoveryAnswerMinLength(db: Executor): Promise<number> {
  const row = await db.selectFrom('policies').select('settings')
    .where('type', '=', 'PASSWORD').where('status', '=', 'ACTIVE').orderBy('priority', 'asc').executeTakeFirst();
  const settings = row?.settings ? JSON.parse(row.settings) as typeof DEFAULT_PASSWORD_SETTINGS : DEFAULT_PASSWORD_SETTINGS;
  return settings?.recovery?.factors?.recovery_question?.properties?.complexity?.minLength
    ?? DEFAULT_PASSWORD_SETTINGS.recovery.factors.recovery_question.properties.complexity.minLength;
}

/** Checks a recovery question and answer as Okta does; returns its causes. */
export async function recoveryQuestionProblems(db: Executor, rq: CredentialsInput['recovery_question']): Promise<string[]> {
  if (rq === undefined || rq === null) return [];
  const causes: string[] = [];
  if (typeof rq.question !== 'string' || rq.question.trim() === '') causes.push('credentials.recovery_question.question: The field cannot be left blank');
  else if (rq.question.length > 255) causes.push('credentials.recovery_question.question: The field is too long');
  const min = await recoveryAnswerMinLength(db);
  if (typeof rq.answer !== 'string' || rq.answer.trim() === '') causes.push('credentials.recovery_question.answer: The field cannot be left blank');
  else if (rq.answer.length < min) causes.push(`credentials.recovery_question.answer: The security question answer must be at least ${min} characters in length`);
  else if (typeof rq.question === 'string' && rq.question.toLowerCase().includes(rq.answer.toLowerCase())) {
    causes.push('credentials.recovery_question.answer: The security question answer must not be part of the question');
  }
  return causes;
}

/** Checks the shape of the password credential; the policy check is `passwordPolicyProblems`. */
export function passwordShapeProblems(password: CredentialsInput['password'], opts: { allowHook: boolean }): string[] {
  if (password === undefined || password === null) return [];
  const causes: string[] = [];
  const hasValue = password.value !== undefined && password.value !== null;
  if (hasValue && typeof password.value !== 'string') causes.push('credentials.password.value: The value must be a string');
  if (password.hook !== undefined && password.hook !== null) {
    if (!opts.allowHook) causes.push('credentials.password.hook: A password import hook can only be set when the user is created');
    else if (password.hook.type !== 'default') causes.push("credentials.password.hook.type: The only supported type is 'default'");
    if (hasValue) causes.push('credentials.password: Give either a value or a hook, not both');
  }
  return causes;
}

/** The password policy's verdict on a new password, as Okta's E0000001 ("password: …"). */
export async function assertPasswordAllowed(ctx: AppContext, db: Executor, password: string, profile: Record<string, unknown>): Promise<void> {
  const problems = await checkPassword(ctx, db, password, profile);
  if (problems.length) throw errors.passwordPolicy(problems);
}

/** The stored form of a recovery question: the answer is hashed (case-insensitive, as Okta compares answers). */
export async function storedRecoveryQuestion(rq: { question?: string; answer?: string }): Promise<string> {
  const stored: StoredRecoveryQuestion = { question: rq.question as string, answerHash: await hashPassword((rq.answer as string).trim().toLowerCase()) };
  return JSON.stringify(stored);
}

/** Whether an answer matches the user's recovery question (for password recovery pages). */
export async function verifyRecoveryAnswer(row: Pick<UserRow, 'recovery_question'>, answer: string): Promise<boolean> {
  if (!row.recovery_question) return false;
  const stored = JSON.parse(row.recovery_question) as StoredRecoveryQuestion;
  return verifyPassword(stored.answerHash, answer.trim().toLowerCase());
}
