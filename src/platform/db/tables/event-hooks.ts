/**
 * Event hooks: hooks, their signing secrets, the transactional outbox and the delivery log (owner: the event
 * hooks engineer). Tables are added to `Database` through this interface; their migration is 0003.
 */
export interface EventHookTables {
  event_hooks: EventHooksTable;
  event_hook_signing_secrets: EventHookSigningSecretsTable;
  event_hook_config_version: EventHookConfigVersionTable;
  event_outbox: EventOutboxTable;
  event_hook_deliveries: EventHookDeliveriesTable;
}

export interface EventHooksTable {
  id: string;
  name: string;
  description: string | null;
  /** ACTIVE or INACTIVE. */
  status: string;
  /** VERIFIED or UNVERIFIED. */
  verification_status: string;
  /** JSON: the subscribed event types (`events.items`). */
  events: string;
  /** JSON: `events.filter.eventFilterMap`, or null when the hook has no filter. */
  filter: string | null;
  /** JSON: the channel as returned by the API (no secret). */
  channel: string;
  /** Encrypted `authScheme.value`. */
  secret_encrypted: string | null;
  /** JSON: Tollgate's delivery policy (retries, dead letters, auto-deactivation, batch size). */
  delivery_policy: string;
  /** Failed delivery attempts in a row, for auto-deactivation. */
  consecutive_failures: number;
  created: string;
  created_by: string | null;
  last_updated: string;
}

/** Standard Webhooks signing secrets of a hook; several may be valid at once during a rotation. */
export interface EventHookSigningSecretsTable {
  id: string;
  hook_id: string;
  secret_encrypted: string;
  created: string;
  /** When the secret stops signing; null while it has no end. */
  expires_at: string | null;
}

/** One row (id 1): bumped by every change to what hooks receive, so each instance knows when its cache is stale. */
export interface EventHookConfigVersionTable {
  id: number;
  version: number;
}

/**
 * The transactional outbox: one row per event and receiver (`sink` + `target_id`), written in the transaction
 * that wrote the event. The event itself is the System Log row `event_uuid`.
 */
export interface EventOutboxTable {
  id: string;
  /** Which kind of receiver: `eventHook` (see event-sinks.ts). */
  sink: string;
  target_id: string;
  event_uuid: string;
  event_type: string;
  published: string;
  /** PENDING, DELIVERED, FAILED (given up, Okta's rule) or DEAD_LETTER (given up, kept for redelivery). */
  status: string;
  /** Delivery attempts made so far (since the last redelivery). */
  attempts: number;
  next_attempt_at: string;
  /** The worker claim holding the row, and until when; a claim past its lease is free again. */
  claim_token: string | null;
  lease_until: string | null;
  last_error: string | null;
  created: string;
  updated: string;
}

/** The delivery log: one row per HTTP attempt of an event hook. */
export interface EventHookDeliveriesTable {
  id: string;
  hook_id: string;
  /** The envelope's `eventId` (the same on Okta's immediate retry). */
  event_id: string;
  attempt: number;
  /** JSON: the `uuid`s of the events in `data.events`. */
  event_uuids: string;
  event_count: number;
  /** SUCCESS or FAILURE. */
  outcome: string;
  status_code: number | null;
  latency_ms: number;
  /** The start of the receiver's reply body. */
  response_excerpt: string | null;
  error: string | null;
  /** The process that made the attempt (`host/pid`). */
  worker: string;
  created: string;
}
