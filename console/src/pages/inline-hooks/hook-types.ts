/** Okta's six inline hook types, with the names Okta's Admin Console gives them. */
export const HOOK_TYPES: Array<{ type: string; label: string; about: string }> = [
  { type: 'com.okta.user.pre-registration', label: 'Registration', about: 'Runs when someone signs up; can change the profile or deny the registration.' },
  { type: 'com.okta.oauth2.tokens.transform', label: 'Token', about: 'Adds claims to or changes OAuth 2.0 and OpenID Connect tokens.' },
  { type: 'com.okta.saml.tokens.transform', label: 'SAML', about: 'Adds attributes to or changes SAML assertions.' },
  { type: 'com.okta.user.credential.password.import', label: 'Password Import', about: 'Verifies a user\'s password against another store at first sign-in.' },
  { type: 'com.okta.import.transform', label: 'User Import', about: 'Changes users as they are imported.' },
  { type: 'com.okta.telephony.provider', label: 'Telephony', about: 'Sends SMS and voice messages through your own provider.' },
];

export const REGISTRATION_HOOK = 'com.okta.user.pre-registration';

export function hookTypeLabel(type: string): string {
  return HOOK_TYPES.find((t) => t.type === type)?.label ?? type;
}
