import { CardError } from './card.js';
import type { Card } from '../model/flow.schema.js';
import { isPlainObject } from './values/types.js';

/*
 * Cards of connectors Tollgate does not have (Slack, Salesforce, ...) import as placeholders that keep
 * their whole definition and export back unchanged. When a flow reaches one, it fails with a message
 * that names the connector and the card as Okta's export shows them.
 */

/** Connectors Tollgate implements itself: a missing card of these is a gap in Tollgate, not a placeholder. */
const TOLLGATE_CONNECTORS = new Set(['okta', 'stash', 'httpfunctions']);

/** Okta's names for the connectors of its templates, by channel key (version and id suffixes removed). */
const CONNECTOR_NAMES: Record<string, string> = {
  auth0: 'Auth0',
  awslambda: 'AWS Lambda',
  awssso: 'AWS IAM Identity Center',
  box: 'Box',
  darwinbox: 'Darwinbox',
  filefunctions: 'File',
  github: 'GitHub',
  gmail: 'Gmail',
  googlecalendar: 'Google Calendar',
  googledirectory: 'Google Workspace',
  googledrive: 'Google Drive',
  googlesheets: 'Google Sheets',
  jamfproclassicapi: 'Jamf Pro Classic API',
  jira: 'Jira',
  kandji: 'Kandji',
  marketo: 'Marketo',
  microsoftteams: 'Microsoft Teams',
  office365admin: 'Office 365 Admin',
  office365mail: 'Office 365 Mail',
  oktadevices: 'Okta Devices',
  oktaprivilegedaccess: 'Okta Privileged Access',
  oktarealms: 'Okta Realms',
  openai: 'OpenAI',
  opsgenie: 'Opsgenie',
  pagerduty: 'PagerDuty',
  pendometadataupdateconnector: 'Pendo Metadata Update',
  personio: 'Personio',
  salesforce: 'Salesforce',
  securecodewarrior: 'Secure Code Warrior',
  sendgrid: 'SendGrid',
  servicenow: 'ServiceNow',
  shopify: 'Shopify',
  slack: 'Slack',
  smarthr: 'SmartHR',
  workday: 'Workday',
  yubico: 'Yubico',
};

/** The connector's channel key, e.g. `slack`, `salesforce2_29`, `auth0_293ca73e…` (Okta's `parents.channel.key`). */
function channelKey(card: Card): string {
  const parents = card.okta?.parents;
  const channel = isPlainObject(parents) ? parents.channel : undefined;
  const key = isPlainObject(channel) ? channel.key : undefined;
  return typeof key === 'string' && key !== '' ? key : card.type.split(':')[0];
}

/** Okta's name for a connector: custom connectors end in `_<32 hex>`, newer versions in `2` or `2_29`. */
export function connectorName(key: string): string {
  const base = key.replace(/_[0-9a-f]{32}$/i, '');
  const unversioned = base.replace(/\d+(?:_\d+)*$/, '');
  return CONNECTOR_NAMES[base] ?? CONNECTOR_NAMES[unversioned] ?? base;
}

/** The card's name in Okta's catalogue (`node.model.metadata.name`, else `node.data.name`), when the export has one. */
function catalogueName(card: Card): string | undefined {
  const node = card.okta?.node;
  if (!isPlainObject(node)) return undefined;
  const metadata = isPlainObject(node.model) ? node.model.metadata : undefined;
  if (isPlainObject(metadata) && typeof metadata.name === 'string' && metadata.name !== '') return metadata.name;
  return isPlainObject(node.data) && typeof node.data.name === 'string' && node.data.name !== '' ? node.data.name : undefined;
}

/** Okta's function-card modules (addresses `root:kernel:<module>:…`), as the templates use them. */
const KERNEL_MODULES = new Set(['boolean', 'control', 'crypto', 'date', 'http', 'json', 'jwt', 'list', 'math', 'object', 'string', 'url', 'utility', 'xml']);

/**
 * Whether the card is a connector's action card: Okta's `root:channels:…` address says so; a card
 * written without Okta's bag is one unless its module is a function-card module.
 */
function isConnectorCard(card: Card): boolean {
  const address = card.okta?.address;
  if (typeof address === 'string') return address.startsWith('root:channels:');
  return !KERNEL_MODULES.has(card.type.split(':')[0]);
}

/** Why a card whose type has no implementation cannot run, in the flow author's terms. */
export function missingCardMessage(card: Card): string {
  const key = channelKey(card);
  const module = card.type.split(':')[0];
  if (!isConnectorCard(card) || TOLLGATE_CONNECTORS.has(key) || TOLLGATE_CONNECTORS.has(module)) {
    return `the card type '${card.type}' is not implemented in Tollgate`;
  }
  const connector = connectorName(key);
  const shown = card.name ?? catalogueName(card) ?? card.type.split(':')[1];
  const catalogue = catalogueName(card);
  const named = catalogue && catalogue !== shown ? `'${shown}' (${connector}: ${catalogue})` : `'${shown}'`;
  return (
    `the card ${named} belongs to the ${connector} connector, which is not available in Tollgate: ` +
    'the card is kept as a placeholder (it imports and exports unchanged) and cannot run'
  );
}

/**
 * The error a card without an implementation fails with. Retrying cannot help, so it carries 501 (Not
 * Implemented), a status the error policies never retry: a placeholder with Okta's "retry 3 times every
 * 2 minutes" fails at once.
 */
export function missingCardError(card: Card): CardError {
  return new CardError(missingCardMessage(card), { httpStatus: 501 });
}
