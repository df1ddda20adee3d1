/**
 * Tollgate's extensions under an event hook: the delivery log (`deliveries`), the hook's queue (`outbox`)
 * and redelivery (`replay`). The routes' response schemas and the console's types.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';

const Link = Type.Object({ href: Type.String(), hints: Type.Optional(Type.Object({ allow: Type.Array(Type.String()) })) });

/** One attempt to deliver a batch of events. */
export const EventHookDelivery = Type.Object({
  id: Type.String(),
  eventHookId: Type.String(),
  /** The envelope's `eventId`. */
  eventId: Type.String(),
  attempt: Type.Number(),
  outcome: StringEnum(['SUCCESS', 'FAILURE']),
  statusCode: Nullable(Type.Number()),
  latencyMs: Type.Number(),
  eventCount: Type.Number(),
  /** The `uuid`s of the events in `data.events`. */
  events: Type.Array(Type.String()),
  responseExcerpt: Nullable(Type.String()),
  error: Nullable(Type.String()),
  /** The Tollgate process that made the attempt (`host/pid`). */
  worker: Type.String(),
  created: Type.String(),
  _links: Type.Record(Type.String(), Link),
});
export type EventHookDelivery = Static<typeof EventHookDelivery>;

/** An event in a hook's queue, as the outbox lists it (written as it comes). */
export const QueuedEvent = AsIs(Type.Object({
  eventUuid: Type.String(),
  eventType: Type.String(),
  published: Type.String(),
  status: StringEnum(['PENDING', 'DELIVERED', 'FAILED', 'DEAD_LETTER']),
  attempts: Type.Number(),
  /** When a PENDING event is tried next; null otherwise. */
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  updated: Type.String(),
}));
export type QueuedEvent = Static<typeof QueuedEvent>;

/** `202` of a redelivery: how many events were queued again. */
export const ReplayResult = Type.Object({ queued: Type.Number() });
export type ReplayResult = Static<typeof ReplayResult>;
