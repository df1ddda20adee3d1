/**
 * The server's JSON that the console reads, as the routes declare it: each type is the `Static<>` of the
 * TypeBox response schema beside its slice in src/ (type-only imports: nothing of the server is bundled).
 */
export type { User } from '../../../src/identity/users/user.schema.js';
export type { Group } from '../../../src/identity/groups/group.schema.js';
export type { UserType } from '../../../src/identity/user-types/user-type.schema.js';
export type { SchemaAttribute, UserSchema } from '../../../src/identity/schema/user-schema.schema.js';
export type { Policy, PolicyRule, ProfileAttributeRef, ProfileEnrollmentAction } from '../../../src/identity/policies/policy.schema.js';
export type { LogEvent } from '../../../src/identity/system-log/log-event.schema.js';
export type { HookHeader } from '../../../src/hooks/channel/channel.schema.js';
export type { InlineHook, InlineHookTypeInfo } from '../../../src/hooks/inline/inline-hook.schema.js';
export type { InlineHookCall } from '../../../src/hooks/inline/inline-hook-call.schema.js';
export type { EventHook, EventHookDeliveryPolicy } from '../../../src/hooks/event/event-hook.schema.js';
export type { EventHookDelivery, QueuedEvent } from '../../../src/hooks/event/delivery.schema.js';
export type { SigningSecret } from '../../../src/hooks/event/signing-secret.schema.js';
