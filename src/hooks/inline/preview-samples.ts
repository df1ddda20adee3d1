/**
 * Sample requests for the preview of each inline hook type, built by the same request builders the real
 * calls use, with a made-up person (Rosario Jones), app and client. Nothing here reads or writes a user,
 * app or token of the org: only the registration sample looks up which profile enrollment policy names the
 * hook (its `source`).
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { randomBase62 } from '../../platform/ids.js';
import { PROGRESSIVE_PROFILE_URL } from './registration.inline-hook.js';
import type { AssertionModel } from '../../saml/assertion-model.js';
import type { InlineHookTypeName } from './hook-type.js';
import { buildPasswordImportRequest } from './password-import.inline-hook.js';
import { buildProgressiveProfileRequest, buildRegistrationRequest } from './registration.inline-hook.js';
import type { InlineHookRow } from './runner.js';
import { buildSamlHookRequest } from './saml.inline-hook.js';
import { buildTelephonyRequest, TELEPHONY_REQUEST_TYPES, type TelephonyPurpose } from './telephony.inline-hook.js';
import { buildTokenHookRequest } from './token.inline-hook.js';
import { buildUserImportRequest } from './user-import.inline-hook.js';

/** The `requestType`s a sample can be built for, per hook type; the first is the default ('' = the type has none). */
export const SAMPLE_REQUEST_TYPES: Record<InlineHookTypeName, readonly string[]> = {
  'com.okta.user.pre-registration': ['self.service.registration', 'progressive.profile'],
  'com.okta.oauth2.tokens.transform': [''],
  'com.okta.saml.tokens.transform': [''],
  'com.okta.user.credential.password.import': [''],
  'com.okta.import.transform': [''],
  'com.okta.telephony.provider': Object.values(TELEPHONY_REQUEST_TYPES),
};

const PERSON = {
  id: '00uSamp1eRosar1oJ0g3',
  login: 'rosario.jones@example.com',
  firstName: 'Rosario',
  lastName: 'Jones',
  passwordChanged: '2024-01-15T23:17:09.000Z',
};
const SAMPLE_IP = '198.51.100.23';
/** The made-up person of every sample (`tollgate hook check` derives its edge cases from it). */
export { PERSON as SAMPLE_PERSON };

function sampleRequestInfo(method: string, url: string) {
  return { id: `req${randomBytes(12).toString('base64url')}`, method, url, ipAddress: SAMPLE_IP };
}

function userLinks(ctx: AppContext) {
  const userUrl = `${ctx.config.issuer}/api/v1/users/${PERSON.id}`;
  return { groups: { href: `${userUrl}/groups` }, factors: { href: `${userUrl}/factors` } };
}

function sampleUser(ctx: AppContext) {
  return {
    id: PERSON.id,
    passwordChanged: PERSON.passwordChanged,
    profile: { login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName, locale: 'en_US', timeZone: 'America/Los_Angeles' },
    _links: userLinks(ctx),
  };
}

function sampleSession(ctx: AppContext) {
  const now = ctx.clock();
  return {
    id: `102${randomBytes(16).toString('base64url')}`, userId: PERSON.id, login: PERSON.login,
    createdAt: new Date(now.getTime() - 5 * 60_000).toISOString(), expiresAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
    status: 'ACTIVE', lastPasswordVerification: new Date(now.getTime() - 5 * 60_000).toISOString(), amr: ['PASSWORD'],
    idp: { id: null, type: 'OKTA' }, mfaActive: false,
  };
}

/** The profile enrollment policy whose rule names this hook, else the first one: the registration request's `source`. */
async function enrollmentPolicyId(ctx: AppContext, hookId: string): Promise<string> {
  const rule = await ctx.db.selectFrom('policy_rules').select('policy_id')
    .where('type', '=', 'PROFILE_ENROLLMENT').where('actions', 'like', `%${hookId}%`).executeTakeFirst();
  if (rule) return rule.policy_id;
  const policy = await ctx.db.selectFrom('policies').select('id').where('type', '=', 'PROFILE_ENROLLMENT')
    .orderBy('priority', 'asc').executeTakeFirst();
  return policy?.id ?? 'rstSamp1eProf1leEnr0ll';
}

function sampleAssertion(ctx: AppContext): AssertionModel {
  return {
    subject: {
      nameId: PERSON.login,
      nameFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      confirmation: { method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer', data: { recipient: 'https://sp.example.com/saml/acs' } },
    },
    authentication: {
      sessionIndex: `id${ctx.clock().getTime()}.${randomBytes(4).readUInt32BE(0)}`,
      authnContext: { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' },
    },
    conditions: { audienceRestriction: ['https://sp.example.com/saml/metadata'] },
    claims: {
      firstName: {
        attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' },
        attributeValues: [{ attributes: { 'xsi:type': 'xs:string' }, value: PERSON.firstName }],
      },
      groups: {
        attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified' },
        attributeValues: [{ attributes: { 'xsi:type': 'xs:string' }, value: 'Everyone' }, { attributes: { 'xsi:type': 'xs:string' }, value: 'Engineering' }],
      },
    },
    lifetime: { expiration: 300 },
  };
}

function tokenSample(ctx: AppContext): Record<string, unknown> {
  const issuer = `${ctx.config.issuer}/oauth2/default`;
  const now = Math.floor(ctx.clock().getTime() / 1000);
  const clientId = '0oaSamp1eWebC1ient0g3';
  const request = {
    scope: 'openid profile email', state: 'af0ifjsldkj', redirect_uri: 'https://app.example.com/callback',
    response_mode: 'query', response_type: 'code', client_id: clientId, grant_type: 'authorization_code',
  };
  return buildTokenHookRequest(ctx, {
    hookId: '',
    source: `${issuer}/v1/token`,
    request: sampleRequestInfo('POST', `${issuer}/v1/token`),
    protocol: { request, issuer, client: { id: clientId, name: 'Sample web app', type: 'CONFIDENTIAL' } },
    session: sampleSession(ctx),
    user: sampleUser(ctx),
    policy: { id: '00pSamp1eAccessP0g3', rule: { id: '0prSamp1eRu1e0g3' } },
    identity: {
      claims: {
        sub: PERSON.id, name: `${PERSON.firstName} ${PERSON.lastName}`, email: PERSON.login, ver: 1, iss: issuer, aud: clientId,
        iat: now, exp: now + 3600, jti: `ID.${randomBytes(16).toString('base64url')}`, amr: ['pwd'], idp: '00oSamp1eIdp0g3',
        nonce: 'n-0S6_WzA2Mj', preferred_username: PERSON.login, auth_time: now - 300, locale: 'en_US',
      },
      lifetime: 3600,
    },
    access: {
      claims: {
        ver: 1, jti: `AT.${randomBytes(16).toString('base64url')}`, iss: issuer, aud: 'api://default', iat: now, exp: now + 3600,
        cid: clientId, uid: PERSON.id, scp: ['openid', 'profile', 'email'], auth_time: now - 300, sub: PERSON.login,
      },
      lifetime: 3600,
      scopes: {
        openid: { id: 'scpSamp1eOpenid0g3', action: 'GRANT' },
        profile: { id: 'scpSamp1eProfi1e0g3', action: 'GRANT' },
        email: { id: 'scpSamp1eEmai10g3', action: 'GRANT' },
      },
    },
    refreshTokenJti: `oar${randomBytes(12).toString('base64url')}`,
  });
}

function telephonySample(ctx: AppContext, hook: InlineHookRow, requestType: string): Record<string, unknown> {
  const purpose = (Object.entries(TELEPHONY_REQUEST_TYPES).find(([, t]) => t === requestType)?.[0] ?? 'enroll') as TelephonyPurpose;
  const code = String(100_000 + (randomBytes(4).readUInt32BE(0) % 900_000));
  return buildTelephonyRequest(ctx, `${ctx.config.issuer}/api/v1/inlineHooks/${hook.id}`, {
    purpose,
    user: { id: PERSON.id, login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName },
    messageProfile: {
      msgTemplate: `Your verification code is ${code}`, phoneNumber: '+15555550123',
      otpExpires: new Date(ctx.clock().getTime() + 5 * 60_000).toISOString(), deliveryChannel: 'SMS', otpCode: code, locale: 'EN-US',
    },
    request: sampleRequestInfo('POST', `/api/v1/users/${PERSON.id}/factors`),
  });
}

/**
 * A realistic request for the hook's type (and `requestType`, for registration and telephony hooks; the
 * type's default when empty). The caller has checked `requestType` against SAMPLE_REQUEST_TYPES.
 */
export async function sampleHookRequest(ctx: AppContext, hook: InlineHookRow, requestType = ''): Promise<Record<string, unknown>> {
  const type = hook.type as InlineHookTypeName;
  const chosen = requestType || SAMPLE_REQUEST_TYPES[type][0];
  switch (type) {
    case 'com.okta.user.pre-registration': {
      const policyId = await enrollmentPolicyId(ctx, hook.id);
      if (chosen === 'progressive.profile') {
        return buildProgressiveProfileRequest(ctx, {
          policyId,
          user: { id: PERSON.id, passwordChanged: PERSON.passwordChanged, profile: { login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName, locale: 'en_US', timezone: 'America/Los_Angeles' } },
          userProfileUpdate: { title: 'Engineer' },
          request: sampleRequestInfo('POST', PROGRESSIVE_PROFILE_URL),
        });
      }
      return buildRegistrationRequest(ctx, {
        policyId,
        userProfile: { firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.login, login: PERSON.login },
        request: sampleRequestInfo('POST', '/signup'),
      });
    }
    case 'com.okta.oauth2.tokens.transform':
      return tokenSample(ctx);
    case 'com.okta.saml.tokens.transform': {
      const appId = '0oaSamp1eSam1App0g3';
      return buildSamlHookRequest(ctx, {
        source: `${ctx.config.issuer}/app/sample_saml_app/${appId}/sso/saml`,
        context: {
          request: { id: sampleRequestInfo('GET', '').id, method: 'GET', url: { value: `/app/sample_saml_app/${appId}/sso/saml` }, ipAddress: SAMPLE_IP },
          protocol: { type: 'SAML2.0', issuer: { id: appId, name: 'Sample SAML app', uri: `${ctx.config.issuer}/saml2/${appId}` } },
          session: sampleSession(ctx),
          user: sampleUser(ctx),
        },
        assertion: sampleAssertion(ctx),
      });
    }
    case 'com.okta.user.credential.password.import':
      return buildPasswordImportRequest(ctx, hook.id, {
        username: PERSON.login, password: 'Sample-Passw0rd', request: sampleRequestInfo('POST', '/api/v1/authn'),
      });
    case 'com.okta.import.transform':
      return buildUserImportRequest(ctx, hook.id, {
        application: { id: '0oaSamp1eCsvApp0g3', name: 'csv_import', label: 'Sample CSV directory', status: 'ACTIVE' },
        job: { id: `ij1${randomBase62(17)}` },
        appUserProfile: { userName: 'rjones', firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.login, externalId: 'emp-1042' },
        userProfile: { login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.login },
        userId: null, matches: [], conflicts: [], policy: ['EMAIL', 'FIRST_AND_LAST_NAME'], defaultAction: 'CREATE_USER',
      });
    case 'com.okta.telephony.provider':
      return telephonySample(ctx, hook, chosen);
  }
}
