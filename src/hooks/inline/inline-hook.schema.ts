/**
 * Okta's InlineHook JSON (`/api/v1/inlineHooks`) and the inline hook types this server knows
 * (`/api/console/v1/inlineHookTypes`): the routes' response schemas, the types their builders return and
 * the console's.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';
import { HookChannel } from '../channel/channel.schema.js';

const Link = Type.Object({ href: Type.String(), hints: Type.Optional(Type.Object({ allow: Type.Array(Type.String()) })) });
export type InlineHookLink = Static<typeof Link>;

export const InlineHook = Type.Object({
  id: Type.String(),
  status: StringEnum(['ACTIVE', 'INACTIVE']),
  name: Type.String(),
  type: Type.String(),
  version: Type.String(),
  /** As stored; secrets are never part of it. */
  channel: AsIs(HookChannel),
  created: Type.String(),
  lastUpdated: Type.String(),
  _links: Type.Record(Type.String(), Link),
});
export type InlineHook = Static<typeof InlineHook>;

/** One inline hook type the server knows, as its declaration says. */
export const InlineHookTypeInfo = Type.Object({
  type: Type.String(),
  name: Type.String(),
  description: Type.String(),
  /** The tools' short name, or null. */
  alias: Nullable(Type.String()),
  retries: Type.Boolean(),
  failure: StringEnum(['closed', 'open', 'fallback']),
  /** The command types a reply may carry. */
  commands: Type.Array(Type.String()),
  /** The preview's request types (none for a type without), with a label for people. */
  requestTypes: Type.Array(Type.Object({ requestType: Type.String(), label: Type.String() })),
});
export type InlineHookTypeInfo = Static<typeof InlineHookTypeInfo>;
