import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { effectiveBase, schemaOfType } from '../schema/profile-schema.service.js';
import type { Causes, Json } from './policy-validation.js';

/**
 * A sign-up form must be able to fill every attribute the user schema requires, or every registration
 * fails with "The field cannot be left blank" for a field the visitor never saw. Checked when a rule that
 * lets visitors register (`unknownUserAction: REGISTER`) changes its form, its hook or starts registering;
 * a progressive-profiling-only form (sign-up denied) may ask for less. `login` is filled from the email when the form has no login field; a
 * registration inline hook may supply the rest (its `com.okta.user.profile.update` command), so a rule
 * with a hook is not refused.
 */
export async function checkFormReachesRequired(ctx: AppContext, db: Executor, causes: Causes, field: string, action: Json): Promise<void> {
  if (!Array.isArray(action.profileAttributes)) return;
  const hooks = action.preRegistrationInlineHooks;
  if (Array.isArray(hooks) && hooks.length > 0) return;
  const onForm = new Set(action.profileAttributes.map((a: Json) => a?.name));
  const schema = await schemaOfType(ctx, db);
  const required = [
    ...Object.entries(effectiveBase(schema)).filter(([, a]) => a.required).map(([name]) => name),
    ...schema.custom.required,
  ];
  for (const name of required) {
    // email has its own checks (it must be on the form and required).
    if (name === 'login' || name === 'email' || onForm.has(name)) continue;
    causes.add(field, `The attribute ${name} is required by the user profile schema and must be included in the form`);
  }
}
