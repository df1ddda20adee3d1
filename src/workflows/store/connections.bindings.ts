/**
 * Connectors and bindings. A connection (Okta's `data.configs` entry) names a connector module; a binding
 * says which account here it stands for. Tollgate can bind two connectors: `okta` (this org itself) and
 * `httpfunctions` (the API Connector, with Okta's auth types none, basic, custom header and client
 * credentials). Every other connector (Slack, Gmail, …) is kept for export but cannot be bound.
 */
import { checkOutboundUrl, type OutboundPolicy } from '../../platform/http-client.js';

export const OKTA_CONNECTOR = 'okta';
export const API_CONNECTOR = 'httpfunctions';

/** Names Okta shows for the connector modules of the templates; others are named from their module. */
const CONNECTOR_NAMES: Record<string, string> = {
  okta: 'Okta',
  httpfunctions: 'API Connector',
  slack: 'Slack',
  gmail: 'Gmail',
  office365admin: 'Office 365 Admin',
  office365mail: 'Office 365 Mail',
  googledrive: 'Google Drive',
  googledirectory: 'Google Workspace Admin',
  googlesheets: 'Google Sheets',
  salesforce: 'Salesforce',
  marketo: 'Marketo',
  servicenow: 'ServiceNow',
  oktaprivilegedaccess: 'Okta Privileged Access',
  oktadevices: 'Okta Devices',
  jira: 'Jira',
  github: 'GitHub',
  openai: 'OpenAI',
  microsoftteams: 'Microsoft Teams',
  awslambda: 'AWS Lambda',
  pagerduty: 'PagerDuty',
  sendgrid: 'SendGrid',
  opsgenie: 'Opsgenie',
};

/** A connector's display name: Okta's module names carry version (`2_29`) and builder (`_<32 hex>`) suffixes. */
export function connectorName(connector: string): string {
  const base = connector.replace(/_[0-9a-f]{32}$/, '').replace(/\d+(_\d+)?$/, '');
  const known = CONNECTOR_NAMES[connector] ?? CONNECTOR_NAMES[base];
  if (known) return known;
  return base === '' ? connector : base.charAt(0).toUpperCase() + base.slice(1);
}

export function isBindable(connector: string): boolean {
  return connector === OKTA_CONNECTOR || connector === API_CONNECTOR;
}

export function notAvailable(connector: string): string {
  return `${connectorName(connector)} is not available in Tollgate`;
}

export const API_AUTH_TYPES = ['none', 'basic', 'header', 'oauth2-client-credentials'] as const;
export const OKTA_AUTH = 'this-org';

/** The stored binding, without secrets (also what the API shows, with which secrets are set). */
export type Binding =
  | { auth: typeof OKTA_AUTH; note?: string }
  | { auth: 'none' }
  | { auth: 'basic'; username: string }
  | { auth: 'header'; name: string }
  | { auth: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; scope?: string };

/** The secrets of a binding; sealed as JSON in `secrets_encrypted`. */
export interface BindingSecrets {
  password?: string;
  value?: string;
  clientSecret?: string;
}

/** A binding as a request gives it: the public fields and the secrets together. */
export interface BindingInput {
  auth: string;
  note?: string;
  username?: string;
  password?: string;
  name?: string;
  value?: string;
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

/** Which secret each auth type has (none for `none` and `this-org`). */
const SECRET_OF: Record<string, keyof BindingSecrets | undefined> = {
  basic: 'password',
  header: 'value',
  'oauth2-client-credentials': 'clientSecret',
};

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers the HTTP client sets itself; a binding may not replace them. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'content-type']);
const NO_CONTROL = /^[^\r\n\0]*$/;

/**
 * Checks a binding for a connector. `current` is the stored binding: a secret left out keeps the stored
 * one while the auth type stays the same (secrets are write-only, so forms send them only to change them).
 * Returns the binding and its secrets, or the problems as Okta error causes.
 */
export function checkedBinding(
  config: OutboundPolicy,
  connector: string,
  input: BindingInput,
  current: { binding: Binding | null; secrets: BindingSecrets | null },
): { binding: Binding; secrets: BindingSecrets | null } | { causes: string[] } {
  if (!isBindable(connector)) return { causes: [`binding: ${notAvailable(connector)}`] };
  const causes: string[] = [];
  const text = (key: keyof BindingInput, required: boolean, max = 2000): string | undefined => {
    const value = input[key];
    if (value === undefined || value === '') {
      if (required) causes.push(`binding.${key}: The field cannot be left blank`);
      return undefined;
    }
    if (value.length > max) causes.push(`binding.${key}: At most ${max} characters`);
    else if (!NO_CONTROL.test(value)) causes.push(`binding.${key}: Line breaks are not allowed`);
    return value;
  };
  const allowed = connector === OKTA_CONNECTOR ? [OKTA_AUTH] : [...API_AUTH_TYPES];
  if (!allowed.includes(input.auth)) {
    return { causes: [`binding.auth: '${input.auth}' is not an auth type of ${connectorName(connector)} connections (${allowed.join(', ')})`] };
  }
  const extra = Object.keys(input).filter((key) => key !== 'auth' && !fieldsOf(input.auth).includes(key as keyof BindingInput));
  for (const key of extra) causes.push(`binding.${key}: Not a field of '${input.auth}' bindings`);

  const secretKey = SECRET_OF[input.auth];
  const kept = current.binding?.auth === input.auth && secretKey ? current.secrets?.[secretKey] : undefined;
  const secret = (key: keyof BindingSecrets): string | undefined => {
    const given = text(key, kept === undefined, 4000);
    return given ?? kept;
  };

  let binding: Binding;
  let secrets: BindingSecrets | null = null;
  switch (input.auth) {
    case OKTA_AUTH: {
      const note = text('note', false);
      binding = note === undefined ? { auth: OKTA_AUTH } : { auth: OKTA_AUTH, note };
      break;
    }
    case 'none':
      binding = { auth: 'none' };
      break;
    case 'basic': {
      const username = text('username', true, 200) ?? '';
      if (username.includes(':')) causes.push('binding.username: A Basic auth username cannot contain a colon');
      binding = { auth: 'basic', username };
      secrets = { password: secret('password') };
      break;
    }
    case 'header': {
      const name = text('name', true, 100) ?? '';
      if (name !== '' && !HEADER_NAME.test(name)) causes.push('binding.name: Not a valid HTTP header name');
      else if (RESERVED_HEADERS.has(name.toLowerCase())) causes.push(`binding.name: The header ${name} is set by the HTTP client`);
      binding = { auth: 'header', name };
      secrets = { value: secret('value') };
      break;
    }
    default: {
      const tokenUrl = text('tokenUrl', true, 1024) ?? '';
      const problem = tokenUrl === '' ? undefined : checkOutboundUrl(config, tokenUrl);
      if (problem) causes.push(`binding.tokenUrl: ${problem}`);
      const clientId = text('clientId', true, 500) ?? '';
      const scope = text('scope', false, 2000);
      binding = scope === undefined ? { auth: 'oauth2-client-credentials', tokenUrl, clientId } : { auth: 'oauth2-client-credentials', tokenUrl, clientId, scope };
      secrets = { clientSecret: secret('clientSecret') };
    }
  }
  return causes.length > 0 ? { causes } : { binding, secrets };
}

function fieldsOf(auth: string): Array<keyof BindingInput> {
  switch (auth) {
    case OKTA_AUTH:
      return ['note'];
    case 'basic':
      return ['username', 'password'];
    case 'header':
      return ['name', 'value'];
    case 'oauth2-client-credentials':
      return ['tokenUrl', 'clientId', 'clientSecret', 'scope'];
    default:
      return [];
  }
}

/** The binding as the API shows it: its public fields, and that its secret is set (never the secret itself). */
export function publicBinding(binding: Binding | null): (Record<string, unknown> & { auth: string }) | null {
  if (!binding) return null;
  const secretKey = SECRET_OF[binding.auth];
  // A binding with a secret always has it (checkedBinding requires it).
  return secretKey ? { ...binding, [`${secretKey}Set`]: true } : { ...binding };
}
