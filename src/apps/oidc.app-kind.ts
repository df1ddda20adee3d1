/**
 * Okta's OpenID Connect app (`signOnMode: OPENID_CONNECT`, name `oidc_client`): an OAuth 2.0 client of the
 * authorization servers. `credentials.oauthClient.client_id` defaults to the app's id; a client secret is
 * generated when the auth method needs one, stored encrypted and shown once, in the create response.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { jsonMember } from '../platform/db/json.js';
import { errors } from '../platform/errors.js';
import type { AppKind, AppInput, AppRow } from './app-kind.js';
import { grantAndResponseProblems, impliedResponseTypes } from './oauth-grants.js';

export const OIDC_SIGN_ON_MODE = 'OPENID_CONNECT';

const APPLICATION_TYPES = ['web', 'native', 'browser', 'service'];
const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'];
const CLIENT_ID = /^[A-Za-z0-9$\-_.+!*'(),]{6,100}$/;

interface OAuthClientSettings {
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  response_types: string[];
  grant_types: string[];
  application_type: string;
  [key: string]: unknown;
}

function stringArray(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function isRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return !url.hash && !/\s/.test(uri) && url.protocol !== 'javascript:' && url.protocol !== 'data:';
  } catch {
    return false;
  }
}

/** The client id of an OIDC app (Okta: the app id unless one was given). */
export function clientIdOf(row: Pick<AppRow, 'id' | 'credentials'>): string {
  const creds = JSON.parse(row.credentials) as { oauthClient?: { client_id?: string } };
  return creds.oauthClient?.client_id ?? row.id;
}

/** The OIDC app whose client id this is, or undefined. */
export async function findOidcAppByClientId(ctx: AppContext, db: Executor, clientId: string): Promise<AppRow | undefined> {
  const rows = await db.selectFrom('apps').selectAll().where('sign_on_mode', '=', OIDC_SIGN_ON_MODE)
    .where((eb) => eb.or([eb(jsonMember(ctx.dialect, 'credentials', 'oauthClient.client_id'), '=', clientId), eb('id', '=', clientId)]))
    .execute();
  return rows.find((r) => clientIdOf(r) === clientId);
}

async function prepareOidc(ctx: AppContext, db: Executor, input: AppInput, existing?: { row: AppRow; secrets: Record<string, string> }) {
  const causes: string[] = [];
  const previousSettings = existing ? (JSON.parse(existing.row.settings).oauthClient ?? {}) as Partial<OAuthClientSettings> : {};
  const previousCreds = existing ? (JSON.parse(existing.row.credentials).oauthClient ?? {}) as Record<string, unknown> : {};
  const given = (input.settings?.oauthClient ?? (existing ? previousSettings : undefined)) as Record<string, unknown> | undefined;
  if (!given || typeof given !== 'object') {
    throw errors.validation('settings.oauthClient', ['settings.oauthClient: The field cannot be left blank']);
  }
  const credsIn = (input.credentials?.oauthClient ?? {}) as Record<string, unknown>;

  const applicationType = (given.application_type ?? 'web') as string;
  if (!APPLICATION_TYPES.includes(applicationType)) causes.push(`settings.oauthClient.application_type: Must be one of ${APPLICATION_TYPES.join(', ')}`);

  const grantTypes = stringArray(given.grant_types);
  if (!grantTypes || grantTypes.length === 0) causes.push('settings.oauthClient.grant_types: The field cannot be left blank');
  const usesCode = grantTypes?.includes('authorization_code') ?? false;

  const responseTypes = stringArray(given.response_types ?? impliedResponseTypes(applicationType, grantTypes ?? []));
  if (!responseTypes) causes.push('settings.oauthClient.response_types: Must be an array');
  if (grantTypes && grantTypes.length > 0 && responseTypes && APPLICATION_TYPES.includes(applicationType)) {
    causes.push(...grantAndResponseProblems(applicationType, grantTypes, responseTypes));
  }

  const redirectUris = stringArray(given.redirect_uris);
  if (!redirectUris) causes.push('settings.oauthClient.redirect_uris: Must be an array of URIs');
  else if ((usesCode || grantTypes?.includes('implicit')) && redirectUris.length === 0) {
    causes.push(`settings.oauthClient.redirect_uris: At least one redirect URI is required with ${usesCode ? 'authorization_code' : 'implicit'}`);
  }
  else if (redirectUris.some((u) => !isRedirectUri(u))) causes.push('settings.oauthClient.redirect_uris: Each must be an absolute URI without a fragment');
  const logoutUris = stringArray(given.post_logout_redirect_uris);
  if (!logoutUris || logoutUris.some((u) => !isRedirectUri(u))) causes.push('settings.oauthClient.post_logout_redirect_uris: Each must be an absolute URI without a fragment');

  const defaultMethod = applicationType === 'browser' ? 'none' : 'client_secret_basic';
  const authMethod = (credsIn.token_endpoint_auth_method ?? (existing ? previousCreds.token_endpoint_auth_method : undefined) ?? defaultMethod) as string;
  if (!AUTH_METHODS.includes(authMethod)) causes.push(`credentials.oauthClient.token_endpoint_auth_method: Tollgate supports ${AUTH_METHODS.join(', ')}`);
  if (applicationType === 'browser' && authMethod !== 'none') causes.push('credentials.oauthClient.token_endpoint_auth_method: A browser app must use none');
  if (applicationType === 'service' && authMethod === 'none') causes.push('credentials.oauthClient.token_endpoint_auth_method: A service app needs a client secret');
  if (authMethod === 'none' && grantTypes?.includes('client_credentials')) causes.push('credentials.oauthClient.token_endpoint_auth_method: client_credentials needs a client secret');

  const pkceRequired = (credsIn.pkce_required ?? previousCreds.pkce_required ?? (authMethod === 'none' || applicationType === 'native' || applicationType === 'browser')) as unknown;
  if (typeof pkceRequired !== 'boolean') causes.push('credentials.oauthClient.pkce_required: Must be a boolean');
  else if (authMethod === 'none' && !pkceRequired) causes.push('credentials.oauthClient.pkce_required: Must be true when token_endpoint_auth_method is none');

  const previousClientId = previousCreds.client_id as string | undefined;
  const clientId = credsIn.client_id as string | undefined;
  if (clientId !== undefined) {
    if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId) || clientId === 'ALL_CLIENTS') {
      causes.push("credentials.oauthClient.client_id: 6 to 100 letters, digits or $-_.+!*'(), and not ALL_CLIENTS");
    } else if (existing && clientId !== clientIdOf(existing.row)) {
      causes.push('credentials.oauthClient.client_id: The client id cannot be changed');
    } else if (!existing) {
      const clash = await findOidcAppByClientId(ctx, db, clientId);
      if (clash) causes.push(`credentials.oauthClient.client_id: The client id '${clientId}' is already in use`);
    }
  }

  const secretIn = credsIn.client_secret;
  if (secretIn !== undefined && (typeof secretIn !== 'string' || secretIn.length < 14 || secretIn.length > 100)) {
    causes.push('credentials.oauthClient.client_secret: Must be 14 to 100 characters');
  }
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);

  let secrets: Record<string, string> | null | undefined;
  if (authMethod === 'none') secrets = null;
  else if (typeof secretIn === 'string') secrets = { client_secret: secretIn };
  else if (existing?.secrets.client_secret) secrets = undefined;
  else secrets = { client_secret: randomBytes(30).toString('base64url') };

  const { client_secret: _ignored, ...publicCreds } = credsIn;
  const settings = {
    ...(input.settings ?? {}),
    oauthClient: {
      ...given,
      redirect_uris: redirectUris!,
      post_logout_redirect_uris: logoutUris!,
      response_types: responseTypes!,
      grant_types: grantTypes!,
      application_type: applicationType,
      consent_method: (given.consent_method as string | undefined) ?? 'TRUSTED',
      issuer_mode: (given.issuer_mode as string | undefined) ?? 'ORG_URL',
    },
  };
  const credentials = {
    ...(input.credentials ?? {}),
    oauthClient: {
      ...publicCreds,
      autoKeyRotation: publicCreds.autoKeyRotation ?? true,
      ...(clientId ?? previousClientId ? { client_id: clientId ?? previousClientId } : {}),
      token_endpoint_auth_method: authMethod,
      pkce_required: pkceRequired as boolean,
    },
  };
  return { name: 'oidc_client', settings, credentials, secrets };
}

export const oidcAppKind: AppKind = {
  signOnMode: OIDC_SIGN_ON_MODE,
  prepare: prepareOidc,
  decorate(_ctx, row, json) {
    const oauthClient = { client_id: clientIdOf(row), ...(json.credentials?.oauthClient as Record<string, unknown> | undefined ?? {}) };
    return { ...json, credentials: { ...json.credentials, oauthClient } };
  },
  revealOnCreate(secrets, json) {
    if (!secrets.client_secret) return json;
    return { ...json, credentials: { ...json.credentials, oauthClient: { ...json.credentials.oauthClient as Record<string, unknown>, client_secret: secrets.client_secret } } };
  },
};
