/** `GET /api/v1/inlineHooks/{id}/calls` (a Tollgate extension): one call as the runner recorded it. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../platform/schema-kit.js';

export const InlineHookCall = Type.Object({
  id: Type.String(),
  inlineHookId: Type.String(),
  type: Type.String(),
  eventId: Type.String(),
  created: Type.String(),
  outcome: Type.String(),
  /** HTTP status of the last attempt, null when no reply arrived. */
  statusCode: Nullable(Type.Number()),
  attempts: Type.Number(),
  durationMs: Type.Number(),
  error: Nullable(Type.String()),
  /** The request sent, already redacted. */
  request: Type.Unknown(),
  /** The reply body: parsed when it is JSON, else the text; null when none arrived. */
  response: Type.Unknown(),
});
export type InlineHookCall = Static<typeof InlineHookCall>;
