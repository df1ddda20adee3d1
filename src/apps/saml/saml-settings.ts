/**
 * `settings.signOn` of a custom SAML 2.0 app (Okta's `SamlApplicationSettingsSignOn`): validated and given
 * Okta's defaults when an app is created or replaced, read back when a user signs in.
 */
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { patternProblem } from '../../platform/linear-regex.js';

export const NAME_ID_FORMATS = [
  'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:x509SubjectName',
] as const;

export const AUTHN_CONTEXT_CLASS_REFS = [
  'urn:federation:authentication:windows',
  'oasis:names:tc:SAML:2.0:ac:classes:Kerberos',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:Password',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:TLSClient',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
] as const;

export const ATTRIBUTE_NAME_FORMATS = [
  'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
  'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
  'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
] as const;

export const SIGNATURE_ALGORITHMS = ['RSA_SHA256', 'RSA_SHA1'] as const;
export const DIGEST_ALGORITHMS = ['SHA256', 'SHA1'] as const;
export const GROUP_FILTER_TYPES = ['STARTS_WITH', 'EQUALS', 'CONTAINS', 'REGEX'] as const;

/** Okta's default issuer template; Tollgate reads any `${…}` issuer as "the app's own entity ID". */
export const DEFAULT_IDP_ISSUER = 'http://www.okta.com/${org.externalKey}';

export type AttributeStatement =
  | { type: 'EXPRESSION'; name: string; namespace: string; values: string[] }
  | { type: 'GROUP'; name: string; namespace: string; filterType: (typeof GROUP_FILTER_TYPES)[number]; filterValue: string };

/** What SSO reads of `settings.signOn` (the stored JSON also keeps every other member as sent). */
export interface SamlSignOn {
  ssoAcsUrl: string;
  audience: string;
  recipient: string;
  destination: string;
  idpIssuer: string;
  subjectNameIdTemplate: string;
  subjectNameIdFormat: string;
  responseSigned: boolean;
  assertionSigned: boolean;
  signatureAlgorithm: (typeof SIGNATURE_ALGORITHMS)[number];
  digestAlgorithm: (typeof DIGEST_ALGORITHMS)[number];
  honorForceAuthn: boolean;
  authnContextClassRef: string;
  defaultRelayState: string | null;
  requestCompressed: boolean;
  allowMultipleAcsEndpoints: boolean;
  acsEndpoints: Array<{ url: string; index: number }>;
  attributeStatements: AttributeStatement[];
  samlAssertionLifetimeSeconds?: number;
  inlineHooks: Array<{ id: string }>;
}

const MAX_URL = 1024;

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Validates `settings.signOn` of a create or replace body and fills in Okta's defaults. Every problem is
 * reported at once as an E0000001 cause; nothing is written before this passes.
 */
export async function normaliseSignOn(db: Executor, input: unknown): Promise<SamlSignOn & Record<string, unknown>> {
  const causes: string[] = [];
  const so = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const cause = (field: string, message: string) => causes.push(`settings.signOn.${field}: ${message}`);

  if (!isHttpUrl(so.ssoAcsUrl)) cause('ssoAcsUrl', 'The Single sign-on URL must be an absolute http or https URL');
  if (typeof so.audience !== 'string' || so.audience.trim() === '' || so.audience.length > MAX_URL) {
    cause('audience', 'The Audience URI (SP Entity ID) cannot be left blank');
  }
  for (const field of ['recipient', 'destination'] as const) {
    if (so[field] !== undefined && so[field] !== null && so[field] !== '' && !isHttpUrl(so[field])) cause(field, 'must be an absolute http or https URL');
  }
  const oneOf = <T extends string>(field: string, allowed: readonly T[], fallback: T): T => {
    const v = so[field];
    if (v === undefined || v === null || v === '') return fallback;
    if (!(allowed as readonly unknown[]).includes(v)) {
      cause(field, `Invalid value ${JSON.stringify(v)}; one of ${allowed.join(', ')}`);
      return fallback;
    }
    return v as T;
  };
  const bool = (field: string, fallback: boolean): boolean => {
    const v = so[field];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') {
      cause(field, 'must be true or false');
      return fallback;
    }
    return v;
  };
  const subjectNameIdFormat = oneOf('subjectNameIdFormat', NAME_ID_FORMATS, 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified');
  const authnContextClassRef = oneOf('authnContextClassRef', AUTHN_CONTEXT_CLASS_REFS, 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
  const signatureAlgorithm = oneOf('signatureAlgorithm', SIGNATURE_ALGORITHMS, 'RSA_SHA256');
  const digestAlgorithm = oneOf('digestAlgorithm', DIGEST_ALGORITHMS, 'SHA256');
  const responseSigned = bool('responseSigned', true);
  const assertionSigned = bool('assertionSigned', true);
  if (!responseSigned && !assertionSigned) cause('responseSigned', 'Either responseSigned or assertionSigned (or both) must be true');

  const template = so.subjectNameIdTemplate ?? '${user.userName}';
  if (typeof template !== 'string' || template.trim() === '' || template.length > 1024) cause('subjectNameIdTemplate', 'must be a non-empty expression');

  if ((so.assertionEncryption as { enabled?: unknown } | null | undefined)?.enabled === true) cause('assertionEncryption', 'Encrypted assertions are not supported; set assertionEncryption.enabled to false');

  let lifetime: number | undefined;
  if (so.samlAssertionLifetimeSeconds !== undefined && so.samlAssertionLifetimeSeconds !== null) {
    lifetime = so.samlAssertionLifetimeSeconds as number;
    if (!Number.isInteger(lifetime) || lifetime! < 1 || lifetime! > 7_776_000) {
      cause('samlAssertionLifetimeSeconds', 'must be a whole number of seconds from 1 to 7776000 (90 days)');
    }
  }

  const allowMultipleAcsEndpoints = bool('allowMultipleAcsEndpoints', false);
  const acsEndpoints = normaliseAcsEndpoints(so.acsEndpoints, cause);
  const attributeStatements = normaliseAttributeStatements(so.attributeStatements, cause);
  const inlineHooks = await normaliseInlineHooks(db, so.inlineHooks, cause);

  let idpIssuer = DEFAULT_IDP_ISSUER;
  if (so.idpIssuer !== undefined && so.idpIssuer !== null && so.idpIssuer !== '') {
    if (typeof so.idpIssuer !== 'string' || so.idpIssuer.length > MAX_URL || /\s/.test(so.idpIssuer)) cause('idpIssuer', 'must be a URI without spaces');
    else idpIssuer = so.idpIssuer;
  }
  const defaultRelayState = so.defaultRelayState ?? null;
  if (defaultRelayState !== null && (typeof defaultRelayState !== 'string' || defaultRelayState.length > 1024)) {
    cause('defaultRelayState', 'must be text of at most 1024 characters');
  }

  if (causes.length > 0) throw errors.validation(causes[0].split(':')[0], causes);
  const ssoAcsUrl = so.ssoAcsUrl as string;
  return {
    ...so,
    defaultRelayState: defaultRelayState === '' ? null : defaultRelayState as string | null,
    ssoAcsUrl,
    idpIssuer,
    audience: (so.audience as string).trim(),
    recipient: (so.recipient as string) || ssoAcsUrl,
    destination: (so.destination as string) || ssoAcsUrl,
    subjectNameIdTemplate: template as string,
    subjectNameIdFormat,
    responseSigned,
    assertionSigned,
    signatureAlgorithm,
    digestAlgorithm,
    honorForceAuthn: bool('honorForceAuthn', true),
    authnContextClassRef,
    requestCompressed: bool('requestCompressed', false),
    allowMultipleAcsEndpoints,
    acsEndpoints,
    attributeStatements,
    ...(lifetime !== undefined ? { samlAssertionLifetimeSeconds: lifetime } : {}),
    inlineHooks,
  };
}

function normaliseAcsEndpoints(value: unknown, cause: (field: string, message: string) => void): SamlSignOn['acsEndpoints'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 100) {
    cause('acsEndpoints', 'must be a list of at most 100 endpoints');
    return [];
  }
  const seen = new Set<number>();
  return (value as Array<{ url?: unknown; index?: unknown } | null>).flatMap((e, i) => {
    if (!e || !isHttpUrl(e.url)) {
      cause(`acsEndpoints[${i}].url`, 'must be an absolute http or https URL');
      return [];
    }
    const index = e.index ?? i;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || seen.has(index)) {
      cause(`acsEndpoints[${i}].index`, 'must be a unique whole number of 0 or more');
      return [];
    }
    seen.add(index);
    return [{ url: e.url, index }];
  });
}

/** An attribute statement as a request body gives it: anything, checked member by member. */
interface AttributeStatementInput { type?: unknown; name?: unknown; namespace?: unknown; values?: unknown; filterType?: unknown; filterValue?: unknown }

function normaliseAttributeStatements(value: unknown, cause: (field: string, message: string) => void): AttributeStatement[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    cause('attributeStatements', 'must be a list');
    return [];
  }
  const names = new Set<string>();
  return (value as Array<AttributeStatementInput | null>).flatMap((s, i): AttributeStatement[] => {
    const at = `attributeStatements[${i}]`;
    if (!s || typeof s !== 'object') {
      cause(at, 'must be an object');
      return [];
    }
    const type = s.type ?? 'EXPRESSION';
    if (typeof s.name !== 'string' || s.name.trim() === '' || s.name.length > 512) {
      cause(`${at}.name`, 'cannot be left blank');
      return [];
    }
    if (names.has(s.name)) cause(`${at}.name`, `The attribute name ${JSON.stringify(s.name)} must be unique across all user and group attribute statements`);
    names.add(s.name);
    // Not one of the formats: a cause, so the whole body is refused before this statement is kept.
    const namespace = (s.namespace ?? 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified') as string;
    if (!(ATTRIBUTE_NAME_FORMATS as readonly unknown[]).includes(namespace)) cause(`${at}.namespace`, `one of ${ATTRIBUTE_NAME_FORMATS.join(', ')}`);
    if (type === 'EXPRESSION') {
      if (!Array.isArray(s.values) || s.values.some((v: unknown) => typeof v !== 'string' || v.length > 1024)) {
        cause(`${at}.values`, 'must be a list of expressions (text)');
        return [];
      }
      return [{ type, name: s.name, namespace, values: s.values }];
    }
    if (type === 'GROUP') {
      const filterType = s.filterType as (typeof GROUP_FILTER_TYPES)[number];
      if (!(GROUP_FILTER_TYPES as readonly unknown[]).includes(filterType)) cause(`${at}.filterType`, `one of ${GROUP_FILTER_TYPES.join(', ')}`);
      const filterValue = s.filterValue as string;
      if (typeof filterValue !== 'string' || filterValue.length > 1024) cause(`${at}.filterValue`, 'must be text');
      else if (filterType === 'REGEX') {
        const problem = patternProblem(filterValue);
        if (problem) cause(`${at}.filterValue`, problem);
      }
      return [{ type, name: s.name, namespace, filterType, filterValue }];
    }
    cause(`${at}.type`, 'one of EXPRESSION, GROUP');
    return [];
  });
}

/** One assertion hook per app (reference §3.3); it must exist and be a SAML hook. */
async function normaliseInlineHooks(db: Executor, value: unknown, cause: (field: string, message: string) => void): Promise<Array<{ id: string }>> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 1) {
    cause('inlineHooks', 'An app can have at most one SAML assertion inline hook');
    return [];
  }
  if (value.length === 0) return [];
  const id = (value[0] as { id?: unknown })?.id;
  if (typeof id !== 'string' || id === '') {
    cause('inlineHooks[0].id', 'cannot be left blank');
    return [];
  }
  const hook = await db.selectFrom('inline_hooks').select(['id', 'type']).where('id', '=', id).executeTakeFirst();
  if (!hook) cause('inlineHooks[0].id', `No inline hook with id ${id}`);
  else if (hook.type !== 'com.okta.saml.tokens.transform') cause('inlineHooks[0].id', `Inline hook ${id} is of type ${hook.type}, not com.okta.saml.tokens.transform`);
  return [{ id }];
}

/** The stored `settings.signOn` of an app (already normalised when it was written). */
export function signOnOf(settingsJson: string): SamlSignOn {
  return (JSON.parse(settingsJson) as { signOn: SamlSignOn }).signOn;
}
