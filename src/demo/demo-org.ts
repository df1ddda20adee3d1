import type { AppContext } from '../platform/context.js';
import { clientOf, SYSTEM_ACTOR } from '../identity/system-log/log-event.js';
import { recordEvent } from '../identity/system-log/system-log.service.js';
import { newId } from '../platform/ids.js';

/** The sign-up form of the demo org: what the seed's visitor fills in. */
export const DEMO_PROFILE_ATTRIBUTES = [
  { name: 'email', label: 'Email', required: true },
  { name: 'firstName', label: 'First name', required: true },
  { name: 'lastName', label: 'Last name', required: true },
];

/**
 * The demo org of the acceptance scenario (DESIGN.md): self-service registration allowed in the default user
 * profile policy. The contractor flow and its registration hook arrive with the Workflows engine. Runs once,
 * on an empty org, unless --no-demo.
 */
export async function ensureDemoOrg(ctx: AppContext): Promise<void> {
  const audit = { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: newId('request') };
  await ctx.db.transaction().execute(async (trx) => {
    const rule = await trx.selectFrom('policy_rules')
      .innerJoin('policies', 'policies.id', 'policy_rules.policy_id')
      .select(['policy_rules.id', 'policy_rules.name', 'policy_rules.actions'])
      .where('policies.type', '=', 'PROFILE_ENROLLMENT').where('policies.system', '=', 1)
      .executeTakeFirst();
    if (!rule) return;
    const actions = JSON.parse(rule.actions);
    actions.profileEnrollment = {
      ...actions.profileEnrollment,
      unknownUserAction: 'REGISTER',
      profileAttributes: DEMO_PROFILE_ATTRIBUTES,
      // No mail is sent by the demo org: new users are active at once.
      activationRequirements: { emailVerification: false },
    };
    await trx.updateTable('policy_rules').set({ actions: JSON.stringify(actions), last_updated: ctx.clock().toISOString() }).where('id', '=', rule.id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'policy.rule.update',
      displayMessage: 'Update policy rule',
      target: [{ id: rule.id, type: 'PolicyRule', alternateId: 'unknown', displayName: rule.name }],
      debugData: { reason: 'demo org: self-service registration allowed' },
    });
  });
}
