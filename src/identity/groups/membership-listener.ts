/**
 * What groups tell the rooms above them (apps: the users a group assignment grants) about membership,
 * inside the transaction of the change. Groups import nothing of those rooms; the composition root hands
 * the listeners in on the context (`ctx.groupListeners`).
 */
import type { Executor } from '../../platform/db/index.js';
import type { AuditContext } from '../../events/log-event.js';
import type { AppContext } from '../../platform/context.js';

export interface GroupMembershipListener {
  /** A user was added to or removed from the group (after the change, in its transaction). */
  onMembershipChanged(ctx: AppContext, db: Executor, audit: AuditContext, groupId: string, userId: string): Promise<void>;
  /** The group is about to be deleted (before its memberships go, in the same transaction). */
  onGroupDeleted(ctx: AppContext, db: Executor, audit: AuditContext, groupId: string): Promise<void>;
}

declare module '../../platform/context.js' {
  interface AppContext {
    /** Told of every membership change and group deletion (see GroupMembershipListener). */
    readonly groupListeners: readonly GroupMembershipListener[];
  }
}
