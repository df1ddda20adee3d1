/**
 * The SAML hook's preview: a sample assertion of a made-up SAML app for Rosario Jones, and the decision in
 * an admin's words. The verdict itself is `samlCallOutcome`'s.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { PreviewDecision } from './hook-type.js';
import { because, dataOf, SAMPLE_IP, SAMPLE_PERSON as PERSON, sampleRequestInfo, sampleSession, sampleUser } from './preview-kit.js';
import { assertionModelProblem, type AssertionModel } from './saml/assertion-model.js';
import type { AssertionPatchOperation } from './saml/assertion-patch.js';
import type { SamlHookInput, SamlHookOutcome } from './saml.inline-hook.js';

type Json = Record<string, unknown>;

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

/** What SSO would hand the hook for a sample sign-in to a made-up SAML app. */
export function sampleSamlInput(ctx: AppContext): Omit<SamlHookInput, 'hookId'> {
  const appId = '0oaSamp1eSam1App0g3';
  return {
    source: `${ctx.config.issuer}/app/sample_saml_app/${appId}/sso/saml`,
    context: {
      request: { id: sampleRequestInfo('GET', '').id, method: 'GET', url: { value: `/app/sample_saml_app/${appId}/sso/saml` }, ipAddress: SAMPLE_IP },
      protocol: { type: 'SAML2.0', issuer: { id: appId, name: 'Sample SAML app', uri: `${ctx.config.issuer}/saml2/${appId}` } },
      session: sampleSession(ctx),
      user: sampleUser(ctx),
    },
    assertion: sampleAssertion(ctx),
  };
}

export function samlPreviewProblems(payload: Json): string[] {
  const problem = assertionModelProblem(dataOf(payload).assertion);
  return problem ? [`data.assertion: A SAML hook request must carry a valid assertion (${problem})`] : [];
}

/** The outcome for the request's assertion, in an admin's words (`operations`: the reply's patch, none when the call failed). */
export function samlDecision(outcome: Exclude<SamlHookOutcome, { status: 'SKIPPED' }>, operations: AssertionPatchOperation[]): PreviewDecision {
  if (outcome.status === 'FAILED_OPEN') {
    return { result: 'FAILED_OPEN', reason: outcome.reason, summary: `Fails open: the original assertion is signed and sent, ${because(outcome.reason)}.` };
  }
  if (outcome.status === 'UNCHANGED') return { result: 'UNCHANGED', summary: 'The assertion is signed and sent unchanged: the reply has no patch.' };
  return {
    result: 'PATCHED', operations, assertion: outcome.assertion,
    summary: `The assertion is patched (${operations.map((o) => `${o.op} ${o.path}`).join(', ')}) before it is signed and sent.`,
  };
}
