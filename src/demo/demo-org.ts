import type { AppContext } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext } from '../events/log-event.js';
import { replaceRule } from '../identity/policies/policy-rules.service.js';
import { createInlineHook, type OktaInlineHook } from '../hooks/inline/inline-hooks.service.js';
import { createFlow } from '../workflows/api/flows.service.js';
import type { FlowResource } from '../workflows/api/flow-json.js';
import { contractorsFlow } from '../workflows/demo-flows/contractors.js';

/** The sign-up form of the demo org: what the seed's visitor fills in. */
export const DEMO_PROFILE_ATTRIBUTES = [
  { name: 'email', label: 'Email', required: true },
  { name: 'firstName', label: 'First name', required: true },
  { name: 'lastName', label: 'Last name', required: true },
];

export const DEMO_HOOK_NAME = 'Registration hook: contractors';
/** The header Okta Workflows reads a flow's client token from. */
export const CLIENT_TOKEN_HEADER = 'x-api-client-token';

export interface DemoOrg {
  flow: FlowResource;
  hook: OktaInlineHook;
  policyId: string;
  ruleId: string;
}

/**
 * The demo org of the acceptance scenario (DESIGN.md), made through the same service functions the
 * Workflows API and the management API use, as an admin would:
 * 1. the flow "Registration hook: contractors" (API Endpoint → If/Else → Compose → JSON Parse → Close), on;
 * 2. a registration inline hook whose URL is the flow's invoke URL, with the flow's client token in its
 *    auth header (`x-api-client-token`);
 * 3. the default user profile policy's rule: self-service registration allowed, that hook attached.
 * Runs once, on an empty org (after the server listens: the invoke URL needs the real port), unless --no-demo.
 */
export async function ensureDemoOrg(ctx: AppContext): Promise<DemoOrg> {
  const audit: AuditContext = { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: newId('request') };

  const flow = await createFlow(ctx, audit, contractorsFlow, { activate: true });
  if (!flow.invokeUrl || !flow.clientToken) throw new Error('the demo flow has no invoke URL or client token');

  const hook = await createInlineHook(ctx, audit, {
    name: DEMO_HOOK_NAME,
    type: 'com.okta.user.pre-registration',
    version: '1.0.0',
    channel: {
      type: 'HTTP',
      version: '1.0.0',
      config: {
        uri: flow.invokeUrl,
        method: 'POST',
        authScheme: { type: 'HEADER', key: CLIENT_TOKEN_HEADER, value: flow.clientToken },
      },
    },
  });

  const rule = await ctx.db.selectFrom('policy_rules')
    .innerJoin('policies', 'policies.id', 'policy_rules.policy_id')
    .select(['policy_rules.id', 'policy_rules.policy_id', 'policy_rules.name'])
    .where('policies.type', '=', 'PROFILE_ENROLLMENT').where('policies.system', '=', 1)
    .executeTakeFirst();
  if (!rule) throw errors.notFound('PolicyRule', 'default user profile policy rule');
  await replaceRule(ctx, audit, rule.policy_id, rule.id, {
    name: rule.name,
    actions: {
      profileEnrollment: {
        unknownUserAction: 'REGISTER',
        profileAttributes: DEMO_PROFILE_ATTRIBUTES,
        // No mail is sent by the demo org: new users are active at once.
        activationRequirements: { emailVerification: false },
        preRegistrationInlineHooks: [{ inlineHookId: hook.id }],
      },
    },
  });
  return { flow, hook, policyId: rule.policy_id, ruleId: rule.id };
}
