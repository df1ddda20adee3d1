/**
 * The assertion model Tollgate would issue for a user and an app, before the inline hook: the NameID from
 * `subjectNameIdTemplate`, one claim per attribute statement (EXPRESSION values, GROUP names that match the
 * filter), the audience, recipient, AuthnContext and lifetimes of the app.
 */
import { randomInt } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import type { UserRow } from '../identity/users/users.service.js';
import { DEFAULT_ASSERTION_LIFETIME_SECONDS, type AssertionClaim, type AssertionModel } from '../hooks/inline/saml/assertion-model.js';
import { attributeValuesOf, renderTemplate, type ExpressionScope } from './expressions.js';
import type { AttributeStatement, SamlSignOn } from '../apps/saml/saml-settings.js';
import { matchesWhole } from '../platform/linear-regex.js';

export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface AssertionSubject {
  user: UserRow;
  /** The app assignment's username and profile. */
  userName: string;
  appUserProfile: Record<string, unknown>;
}

/** Characters XML 1.0 cannot carry; profile text could hold them, an assertion must not. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g; // eslint-disable-line no-control-regex

function clean<T>(value: T): T {
  return (typeof value === 'string' ? value.replace(NOT_XML, '') : value) as T;
}

/** Okta's SessionIndex looks like `id1553800523546.312669168`. */
function sessionIndex(now: Date): string {
  return `id${now.getTime()}.${randomInt(100_000_000, 999_999_999)}`;
}

function matchesGroup(statement: Extract<AttributeStatement, { type: 'GROUP' }>, name: string): boolean {
  switch (statement.filterType) {
    case 'STARTS_WITH': return name.startsWith(statement.filterValue);
    case 'EQUALS': return name === statement.filterValue;
    case 'CONTAINS': return name.includes(statement.filterValue);
    case 'REGEX': return matchesWhole(statement.filterValue, name);
  }
}

async function groupNamesOf(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('group_members').innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('groups.name').where('group_members.user_id', '=', userId).orderBy('groups.name').execute();
  return rows.map((r) => r.name);
}

function valueType(v: string | number | boolean): string {
  if (typeof v === 'boolean') return 'xs:boolean';
  if (typeof v === 'number' && Number.isInteger(v)) return 'xs:integer';
  return 'xs:string';
}

function claimOf(namespace: string, values: Array<string | number | boolean>): AssertionClaim {
  return {
    attributes: { NameFormat: namespace },
    attributeValues: values.map((v) => ({ attributes: { 'xsi:type': valueType(v) }, value: clean(v) })),
  };
}

export async function initialAssertion(
  ctx: AppContext, signOn: SamlSignOn, subject: AssertionSubject, target: { recipient: string },
): Promise<AssertionModel> {
  const scope: ExpressionScope = {
    user: JSON.parse(subject.user.profile) as Record<string, unknown>,
    appuser: subject.appUserProfile,
    userName: subject.userName,
  };
  const claims: Record<string, AssertionClaim> = {};
  let groups: string[] | undefined;
  for (const statement of signOn.attributeStatements ?? []) {
    let values: Array<string | number | boolean>;
    if (statement.type === 'GROUP') {
      groups ??= await groupNamesOf(ctx, subject.user.id);
      values = groups.filter((g) => matchesGroup(statement, g));
    } else {
      values = statement.values.flatMap((v) => attributeValuesOf(v, scope));
    }
    // Like Okta, a statement that yields nothing (a blank profile attribute, no matching group) is left out.
    if (values.length > 0) claims[statement.name] = claimOf(statement.namespace, values);
  }
  const nameId = clean(renderTemplate(signOn.subjectNameIdTemplate, scope)).trim() || subject.userName;
  return {
    subject: {
      nameId,
      nameFormat: signOn.subjectNameIdFormat,
      confirmation: { method: BEARER, data: { recipient: target.recipient } },
    },
    authentication: {
      sessionIndex: sessionIndex(ctx.clock()),
      authnContext: { authnContextClassRef: signOn.authnContextClassRef },
      ...(signOn.samlAssertionLifetimeSeconds ? { sessionLifetime: signOn.samlAssertionLifetimeSeconds } : {}),
    },
    conditions: { audienceRestriction: [signOn.audience] },
    claims,
    lifetime: { expiration: DEFAULT_ASSERTION_LIFETIME_SECONDS },
  };
}
