/**
 * Okta's EventHook JSON (`/api/v1/eventHooks`) with Tollgate's `deliveryPolicy`: the routes' response
 * schema, the type `toOktaEventHook` builds and the console's. The channel and the delivery policy are
 * answered as stored.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';
import { HttpChannel } from '../channel/channel.schema.js';

export const OktaRetry = Type.Object({ type: StringEnum(['OKTA']) });
export type OktaRetry = Static<typeof OktaRetry>;

export const BackoffRetry = Type.Object({
  type: StringEnum(['EXPONENTIAL_BACKOFF']),
  /** Attempts in all, the first included. */
  maxAttempts: Type.Number(),
  initialDelaySeconds: Type.Number(),
  maxDelaySeconds: Type.Number(),
  /** "Equal jitter": each delay is drawn between half and all of the computed backoff. */
  jitter: Type.Boolean(),
  /** Statuses below 500 that are retried too (5xx, timeouts and connection errors always are), e.g. 408, 429. */
  retryOnStatuses: Type.Array(Type.Number()),
});
export type BackoffRetry = Static<typeof BackoffRetry>;

/** Tollgate's per-hook delivery policy (an extension of Okta's EventHook; see delivery-policy.ts). */
export const EventHookDeliveryPolicy = Type.Object({
  retry: Type.Union([OktaRetry, BackoffRetry]),
  /** Keep events given up on as dead letters (redeliverable in bulk) instead of only in the log. */
  deadLetter: Type.Boolean(),
  /** Deactivate the hook after this many failed attempts in a row (null or 0: never), with a System Log event. */
  autoDeactivateAfterFailures: Nullable(Type.Number()),
  /** The most events in one POST. Okta does not document its own. */
  maxBatchSize: Type.Number(),
});
export type EventHookDeliveryPolicy = Static<typeof EventHookDeliveryPolicy>;

const Link = Type.Object({ href: Type.String(), hints: Type.Optional(Type.Object({ allow: Type.Array(Type.String()) })) });
export type EventHookLink = Static<typeof Link>;

export const EventHook = Type.Object({
  id: Type.String(),
  status: StringEnum(['ACTIVE', 'INACTIVE']),
  verificationStatus: StringEnum(['VERIFIED', 'UNVERIFIED']),
  name: Type.String(),
  description: Nullable(Type.String()),
  created: Type.String(),
  createdBy: Nullable(Type.String()),
  lastUpdated: Type.String(),
  events: Type.Object({
    type: StringEnum(['EVENT_TYPE']),
    items: Type.Array(Type.String()),
    filter: Nullable(Type.Object({
      type: StringEnum(['EXPRESSION_LANGUAGE']),
      eventFilterMap: Type.Array(Type.Object({
        event: Type.String(),
        condition: Type.Object({ version: Type.Null(), expression: Type.String() }),
      })),
    })),
  }),
  /** As stored; the auth value is never part of it. */
  channel: AsIs(HttpChannel),
  deliveryPolicy: AsIs(EventHookDeliveryPolicy),
  _links: Type.Record(Type.String(), Link),
});
export type EventHook = Static<typeof EventHook>;
