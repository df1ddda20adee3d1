import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { errors, OktaError, type ErrorCause } from '../platform/errors.js';
import { hitRateLimit, PAGE_RATE_LIMIT, rateLimitHeaders, type RateLimitOptions } from '../platform/rate-limit.js';
import { auditOf } from '../identity/auth.js';
import { getProfileEnrollment, type ProfileEnrollment } from '../identity/policies/policies.service.js';
import {
  REGISTRATION_MESSAGES, registerUser, registrationAllowed, type RegistrationResult,
} from '../journeys/registration.service.js';
import type { SchemaAttribute } from '../identity/schema/profile-schema.service.js';
import { loadRegistrationForm, type RegistrationForm } from './registration-form.js';

/*
 * Okta Classic Engine's public self-service registration endpoints, as the Sign-In Widget v1 calls them
 * (no API token): GET /api/v1/registration/form and POST /api/v1/registration/{policyId}/register.
 */

const FORM_RATE_LIMIT: RateLimitOptions = { limit: 100, windowSeconds: 60 };

const RegisterParams = Type.Object({ policyId: Type.String({ maxLength: 64 }) });
const RegisterBody = Type.Object({
  userProfile: Type.Record(Type.String({ maxLength: 128 }), Type.Unknown(), { maxProperties: 64 }),
  relayState: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
});

/** Counts the request against the route's limit and sets Okta's `X-Rate-Limit-*` headers; throws E0000047. */
async function enforceRateLimit(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, route: string, options: RateLimitOptions): Promise<void> {
  const result = await hitRateLimit(ctx, `api:${route}|${request.ip}`, options);
  const headers = rateLimitHeaders(result);
  reply.headers(headers);
  if (!result.allowed) {
    throw new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers);
  }
}

function disabledError(): OktaError {
  return new OktaError(403, 'E0000006', 'You do not have permission to perform the requested action', [{ errorSummary: REGISTRATION_MESSAGES.disabled }]);
}

async function enrollmentFor(ctx: AppContext, policyId?: string): Promise<ProfileEnrollment> {
  const enrollment = await getProfileEnrollment(ctx, ctx.db, policyId);
  if (!enrollment) throw errors.notFound('Policy', policyId);
  if (!registrationAllowed(enrollment)) throw disabledError();
  return enrollment;
}

type FormProperty = Record<string, unknown>;

function propertyOf(label: string, attr: SchemaAttribute | undefined): FormProperty {
  const out: FormProperty = { type: attr?.type ?? 'string', title: label, description: label };
  for (const key of ['format', 'minLength', 'maxLength', 'pattern', 'enum', 'oneOf', 'items', 'default'] as const) {
    const value = attr?.[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** The password property with the policy's rules in the Sign-In Widget's `allOf` sub-schema form. */
function passwordProperty(form: RegistrationForm, loginField: string): FormProperty {
  const rules = form.password;
  const allOf: FormProperty[] = [];
  if (rules.minLength) allOf.push({ description: 'registration.passwordComplexity.minLength', minLength: rules.minLength });
  if (rules.minNumber) allOf.push({ description: 'registration.passwordComplexity.minNumber', format: '[\\d]+' });
  if (rules.minLowerCase) allOf.push({ description: 'registration.passwordComplexity.minLower', format: '[a-z]+' });
  if (rules.minUpperCase) allOf.push({ description: 'registration.passwordComplexity.minUpper', format: '[A-Z]+' });
  if (rules.minSymbol) allOf.push({ description: 'registration.passwordComplexity.minSymbol', format: '[-!"#$%&\'()*+,./:;<=>?@[\\\\\\]^_`{|}~]+' });
  if (rules.excludeUsername) allOf.push({ description: 'registration.passwordComplexity.excludeUsername', format: `^[#/${loginField}]` });
  return { type: 'string', format: 'password', title: 'Password', description: 'Password', ...(allOf.length ? { allOf } : {}) };
}

/** Okta's error body for a registration that did not happen; causes point at `data.userProfile.<field>`. */
export function registrationError(result: Extract<RegistrationResult, { ok: false }>): OktaError {
  const causes: ErrorCause[] = result.fieldErrors.map((e) => ({
    errorSummary: e.message,
    reason: e.reason ?? (e.message === REGISTRATION_MESSAGES.blank ? 'REQUIRED' : 'INVALID_VALUE'),
    locationType: 'body',
    ...(e.field ? { location: `data.userProfile.${e.field}` } : {}),
    domain: 'end-user',
  }));
  switch (result.kind) {
    case 'NOT_FOUND': return errors.notFound('Policy');
    case 'DISABLED': return disabledError();
    case 'INVALID': return new OktaError(400, 'E0000001', `Api validation failed: ${result.fieldErrors[0]?.field || 'userProfile'}`, causes);
    default:
      // A hook's decision (or failure) reaches the caller with the exact message the page shows.
      return result.status >= 500
        ? new OktaError(result.status, 'E0000009', result.message, causes)
        : new OktaError(result.status, 'E0000001', result.message, causes);
  }
}

export async function registrationApiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/v1/registration/form', async (request, reply) => {
    await enforceRateLimit(ctx, request, reply, 'registration/form', FORM_RATE_LIMIT);
    const enrollment = await enrollmentFor(ctx);
    const form = await loadRegistrationForm(ctx, ctx.db, enrollment);
    const loginField = form.fields.some((f) => f.name === 'login') ? 'login' : 'email';
    const properties: Record<string, FormProperty> = {};
    for (const field of form.fields) properties[field.name] = propertyOf(field.label, field.attribute);
    properties.password = passwordProperty(form, loginField);
    const rule = await ctx.db.selectFrom('policy_rules').select('last_updated').where('id', '=', enrollment.rule.id).executeTakeFirst();
    return {
      policyId: enrollment.policy.id,
      lastUpdate: rule ? Date.parse(rule.last_updated) : null,
      profileSchema: {
        properties,
        required: [...form.fields.filter((f) => f.required).map((f) => f.name), 'password'],
        fieldOrder: [...form.fields.map((f) => f.name), 'password'],
      },
    };
  });

  app.post('/api/v1/registration/:policyId/register', { schema: { params: RegisterParams, body: RegisterBody } }, async (request, reply) => {
    await enforceRateLimit(ctx, request, reply, 'registration/register', PAGE_RATE_LIMIT);
    const { policyId } = request.params as typeof RegisterParams.static;
    const { userProfile } = request.body as typeof RegisterBody.static;
    await enrollmentFor(ctx, policyId);
    const { password, ...profile } = userProfile;
    const result = await registerUser(ctx, auditOf(request), {
      policyId,
      userProfile: profile,
      password: typeof password === 'string' ? password : '',
      request: { id: String(request.id), method: 'POST', url: request.url.split('?')[0], ipAddress: request.ip ?? null },
    });
    if (!result.ok) throw registrationError(result);
    // Okta answers `{activationToken}` only when the widget is to exchange it at /api/v1/authn, which
    // Tollgate does not serve: the user is ACTIVE and signs in with their password.
    return {};
  });
}
