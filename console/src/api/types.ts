/** The parts of Okta's JSON that the console reads. */
import type { HookHeader } from '../../../src/hooks/channel/channel.schema.js';

export type { User } from '../../../src/identity/users/user.schema.js';
export type { Group } from '../../../src/identity/groups/group.schema.js';

export type { UserType } from '../../../src/identity/user-types/user-type.schema.js';
export type { SchemaAttribute, UserSchema } from '../../../src/identity/schema/user-schema.schema.js';

export type { HookChannel, HookHeader } from '../../../src/hooks/channel/channel.schema.js';
export type { InlineHook, InlineHookTypeInfo } from '../../../src/hooks/inline/inline-hook.schema.js';
export type { InlineHookCall } from '../../../src/hooks/inline/inline-hook-call.schema.js';

export type { Policy, PolicyRule, ProfileAttributeRef, ProfileEnrollmentAction } from '../../../src/identity/policies/policy.schema.js';

export type { LogActor, LogEvent } from '../../../src/identity/system-log/log-event.schema.js';

/** Tollgate's per-hook delivery policy (an extension of Okta's EventHook). */
export interface EventHookDeliveryPolicy {
  retry: { type: 'OKTA' } | {
    type: 'EXPONENTIAL_BACKOFF'; maxAttempts: number; initialDelaySeconds: number; maxDelaySeconds: number; jitter: boolean; retryOnStatuses: number[];
  };
  deadLetter: boolean;
  autoDeactivateAfterFailures: number | null;
  maxBatchSize: number;
}

export interface EventHook {
  id: string;
  status: 'ACTIVE' | 'INACTIVE';
  verificationStatus: 'VERIFIED' | 'UNVERIFIED';
  name: string;
  description: string | null;
  created: string;
  createdBy: string | null;
  lastUpdated: string;
  events: {
    type: 'EVENT_TYPE';
    items: string[];
    filter: { type: 'EXPRESSION_LANGUAGE'; eventFilterMap: Array<{ event: string; condition: { version: string | null; expression: string } }> } | null;
  };
  channel: {
    type: 'HTTP';
    version: string;
    config: { uri: string; method: string; headers: HookHeader[]; authScheme: { type: 'HEADER'; key: string } | null };
  };
  deliveryPolicy?: EventHookDeliveryPolicy;
}

/** One attempt to deliver a batch of events (the delivery log). */
export interface EventHookDelivery {
  id: string;
  eventHookId: string;
  eventId: string;
  attempt: number;
  outcome: 'SUCCESS' | 'FAILURE';
  statusCode: number | null;
  latencyMs: number;
  eventCount: number;
  events: string[];
  responseExcerpt: string | null;
  error: string | null;
  worker: string;
  created: string;
}

/** An event in a hook's queue. */
export interface QueuedEvent {
  eventUuid: string;
  eventType: string;
  published: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD_LETTER';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  updated: string;
}

export interface SigningSecret {
  id: string;
  created: string;
  expiresAt: string | null;
  status: 'ACTIVE' | 'EXPIRED';
  /** Only in the answer that created it. */
  secret?: string;
}
