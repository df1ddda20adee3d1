/**
 * The inline hook preview (a Tollgate extension): `GET …/preview/sample` and `POST …/preview`. The routes'
 * response schemas and the console's types. Requests and decisions are the hook type's own objects, written
 * as they are.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable } from '../../platform/schema-kit.js';

const Request = AsIs(Type.Record(Type.String(), Type.Unknown()));

export const PreviewSample = Type.Object({
  /** The `requestType`s a sample can be built for (empty for types without one). */
  requestTypes: Type.Array(Type.String()),
  request: Request,
});
export type PreviewSample = Static<typeof PreviewSample>;

/** Tollgate's verdict on a reply: a type-specific `result`, one sentence for people, and the type's details. */
export const PreviewDecision = AsIs(Type.Intersect([
  Type.Object({ result: Type.String(), summary: Type.String() }),
  Type.Record(Type.String(), Type.Unknown()),
]));
export type PreviewDecision = Static<typeof PreviewDecision>;

export const InlineHookPreview = Type.Object({
  /** The request sent (a password import request without its password, as the call record keeps it). */
  request: Request,
  /** The hook's answer: HTTP status (null when none arrived), the body (JSON, or text), and why the call failed. */
  response: Type.Object({ status: Nullable(Type.Number()), body: Type.Unknown(), error: Type.Optional(Type.String()) }),
  decision: PreviewDecision,
});
export type InlineHookPreview = Static<typeof InlineHookPreview>;
