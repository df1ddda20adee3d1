/**
 * The JSON form of a SAML assertion that the SAML inline hook sees and patches (reference §3.3):
 * `subject` = `<saml2:Subject>`, `authentication` = `<saml2:AuthnStatement>`, `conditions` =
 * `<saml2:Conditions>`, `claims` = `<saml2:AttributeStatement>` keyed by attribute name, and
 * `lifetime.expiration` = validity in seconds. The XML is built from this model (after the hook), so what
 * the model allows is exactly what can reach the signed assertion: the schema below is checked again after
 * every patch, and a patch that breaks it is refused as a whole.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

/** Text that can go into XML 1.0 (no control characters other than tab, newline, carriage return). */
const XmlText = (options: { minLength?: number; maxLength?: number } = {}) =>
  Type.String({ pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]*$', maxLength: options.maxLength ?? 4096, minLength: options.minLength });

const Uri = XmlText({ minLength: 1, maxLength: 1024 });

/** `xsi:type` of an attribute value: a built-in XML Schema type (`xs:string`, `xs:integer`, …). */
const AttributeValue = Type.Object({
  attributes: Type.Optional(Type.Object({ 'xsi:type': Type.Optional(Type.String({ pattern: '^xs:[A-Za-z]{1,40}$' })) }, { additionalProperties: false })),
  value: Type.Union([XmlText({ maxLength: 16_384 }), Type.Number(), Type.Boolean()]),
}, { additionalProperties: false });

const Claim = Type.Object({
  attributes: Type.Optional(Type.Object({
    NameFormat: Type.Optional(Uri),
    FriendlyName: Type.Optional(XmlText({ maxLength: 512 })),
  }, { additionalProperties: false })),
  attributeValues: Type.Array(AttributeValue, { maxItems: 1000 }),
}, { additionalProperties: false });

export const AssertionModelSchema = Type.Object({
  subject: Type.Object({
    nameId: XmlText({ minLength: 1, maxLength: 1024 }),
    nameFormat: Uri,
    confirmation: Type.Object({
      method: Uri,
      data: Type.Object({ recipient: Uri }, { additionalProperties: false }),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
  authentication: Type.Object({
    sessionIndex: XmlText({ minLength: 1, maxLength: 256 }),
    authnContext: Type.Object({ authnContextClassRef: Uri }, { additionalProperties: false }),
    /** Seconds after the issue instant for `SessionNotOnOrAfter` (added by the hook or `samlAssertionLifetimeSeconds`). */
    sessionLifetime: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  }, { additionalProperties: false }),
  conditions: Type.Object({
    audienceRestriction: Type.Array(Uri, { minItems: 1, maxItems: 100 }),
  }, { additionalProperties: false }),
  claims: Type.Record(XmlText({ minLength: 1, maxLength: 1024 }), Claim),
  lifetime: Type.Object({ expiration: Type.Integer({ minimum: 1, maximum: 86_400 }) }, { additionalProperties: false }),
}, { additionalProperties: false });

export type AssertionModel = Static<typeof AssertionModelSchema>;
export type AssertionClaim = Static<typeof Claim>;

const check = TypeCompiler.Compile(AssertionModelSchema);

/** Why a (patched) model cannot become an assertion, or undefined when it can. */
export function assertionModelProblem(model: unknown): string | undefined {
  if (check.Check(model)) return undefined;
  const e = check.Errors(model).First();
  return e ? `${e.path || '/'}: ${e.message}` : 'invalid assertion';
}

/** Okta's defaults for a new assertion: five minutes of validity. */
export const DEFAULT_ASSERTION_LIFETIME_SECONDS = 300;
