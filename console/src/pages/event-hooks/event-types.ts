/**
 * Event types for the event hook form. The server offers no list of eligible types, so the form suggests
 * the event-hook-eligible types that Tollgate emits (descriptions from Okta's event type catalogue) and
 * accepts any other typed name; the server checks each against Okta's catalogue and says which it refuses.
 */
export const SUGGESTED_EVENT_TYPES: ReadonlyArray<readonly [type: string, description: string]> = [
  ['application.lifecycle.activate', 'Activate application'],
  ['application.lifecycle.create', 'Create application'],
  ['application.lifecycle.deactivate', 'Deactivate application'],
  ['application.lifecycle.delete', 'Delete application'],
  ['application.lifecycle.update', 'Update application'],
  ['application.user_membership.add', 'Add user to application membership'],
  ['application.user_membership.remove', "Remove user's application membership"],
  ['application.user_membership.update', 'Updated user application property'],
  ['group.lifecycle.create', 'Create Okta group'],
  ['group.lifecycle.delete', 'Delete Okta group'],
  ['group.profile.update', 'Okta group profile updated'],
  ['group.user_membership.add', 'Add user to group membership'],
  ['group.user_membership.remove', 'Remove user from group membership'],
  ['inline_hook.executed', 'Triggered when an inline hook has been executed'],
  ['policy.lifecycle.activate', 'Activate policy'],
  ['policy.lifecycle.deactivate', 'Deactivate policy'],
  ['policy.lifecycle.update', 'Update policy'],
  ['policy.rule.activate', 'Activate policy rule'],
  ['policy.rule.add', 'Add policy rule'],
  ['policy.rule.deactivate', 'Deactivate policy rule'],
  ['policy.rule.delete', 'Delete policy rule'],
  ['policy.rule.update', 'Update policy rule'],
  ['system.import.complete', 'Import process complete'],
  ['system.import.start', 'Import started'],
  ['user.account.lock', 'Auto-lock user account for Okta'],
  ['user.account.reset_password', "User's Okta password has been reset"],
  ['user.account.unlock', 'Auto-unlock user account for Okta'],
  ['user.account.unlock_by_admin', 'User account unlock by admin'],
  ['user.account.update_password', 'User update password for Okta'],
  ['user.account.update_profile', 'Update user profile for Okta'],
  ['user.authentication.auth_via_mfa', 'Authentication of user via MFA'],
  ['user.authentication.sso', 'Fired when a user performs a single sign-on (SSO) to an app instance and contains the client details of the user'],
  ['user.import.password', 'Imported user password from external system during login'],
  ['user.lifecycle.activate', 'Activate Okta user'],
  ['user.lifecycle.create', 'Create Okta user'],
  ['user.lifecycle.deactivate', 'Deactivate Okta user'],
  ['user.lifecycle.delete.initiated', 'Delete Okta user initiated'],
  ['user.lifecycle.reactivate', 'Reactivate Okta user'],
  ['user.lifecycle.suspend', 'Suspend Okta user'],
  ['user.lifecycle.unsuspend', 'Unsuspend Okta user'],
  ['user.mfa.factor.activate', 'Activate factor or authenticator enrollment method for user'],
  ['user.mfa.factor.deactivate', 'Reset factor or authenticator enrollment method for user'],
  ['user.mfa.factor.update', 'Update factor for user'],
  ['user.session.end', 'User logout from Okta'],
  ['user.session.start', 'User login to Okta'],
];

const EVENT_TYPE_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

/** Okta's limit of event types per hook. */
export const MAX_EVENT_TYPES = 300;

/** What is wrong with a typed event type name before the server sees it, or undefined. */
export function eventTypeProblem(name: string, chosen: readonly string[]): string | undefined {
  if (!name) return 'Type an event type, e.g. user.lifecycle.create';
  if (!EVENT_TYPE_NAME.test(name)) return `'${name}' is not an event type name: words separated by dots, e.g. group.user_membership.add`;
  if (chosen.includes(name)) return `'${name}' is already chosen`;
  if (chosen.length >= MAX_EVENT_TYPES) return `An event hook can subscribe to at most ${MAX_EVENT_TYPES} event types`;
  return undefined;
}

export function eventTypeDescription(type: string): string | undefined {
  return SUGGESTED_EVENT_TYPES.find(([t]) => t === type)?.[1];
}
