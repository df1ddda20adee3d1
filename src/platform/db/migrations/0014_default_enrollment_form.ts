import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Orgs created before the default sign-up form matched Okta's: their default PROFILE_ENROLLMENT rule lists
// only `email`, while the default schema requires firstName and lastName, so no registration can succeed.
// The rule gets Okta's default form, but only when it still holds exactly the old default: an admin's own
// form is never touched.
const OLD_FORM = JSON.stringify([{ name: 'email', label: 'Email', required: true }]);
const OKTA_FORM = [
  { name: 'email', label: 'Email', required: true },
  { name: 'firstName', label: 'First name', required: true },
  { name: 'lastName', label: 'Last name', required: true },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const rules = await sql<{ id: string; actions: string }>`select id, actions from policy_rules where type = 'PROFILE_ENROLLMENT' and system = 1`.execute(db);
  for (const rule of rules.rows) {
    const actions = JSON.parse(rule.actions) as { profileEnrollment?: { profileAttributes?: unknown } };
    const enrollment = actions.profileEnrollment;
    if (!enrollment || JSON.stringify(enrollment.profileAttributes) !== OLD_FORM) continue;
    enrollment.profileAttributes = OKTA_FORM;
    await sql`update policy_rules set actions = ${JSON.stringify(actions)} where id = ${rule.id}`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
