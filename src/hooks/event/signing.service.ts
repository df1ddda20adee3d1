/** Managing a hook's Standard Webhooks signing secrets through the API, audited as `event_hook.updated`. */
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { eventHookTarget, getEventHook } from './event-hooks.service.js';
import { deleteSigningSecret, listSigningSecrets, rotateSigningSecret, type SigningSecretInfo } from './signing-secrets.js';

/** One day: long enough for receivers to deploy the new secret. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;

export async function getSigningSecrets(ctx: AppContext, hookId: string): Promise<SigningSecretInfo[]> {
  await getEventHook(ctx.db, hookId);
  return listSigningSecrets(ctx, ctx.db, hookId);
}

export async function addSigningSecret(ctx: AppContext, audit: AuditContext, hookId: string, options: { graceSeconds?: number; secret?: string }): Promise<SigningSecretInfo & { secret: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const hook = await getEventHook(trx, hookId);
    const added = await rotateSigningSecret(ctx, trx, hookId, options.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS, options.secret);
    await recordEvent(ctx, trx, audit, {
      eventType: 'event_hook.updated', displayMessage: 'Event hook signing secret added', target: eventHookTarget(hook),
      debugData: { signingSecretId: added.id, graceSeconds: options.graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS },
    });
    return added;
  });
}

export async function removeSigningSecret(ctx: AppContext, audit: AuditContext, hookId: string, secretId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const hook = await getEventHook(trx, hookId);
    await deleteSigningSecret(trx, hookId, secretId);
    await recordEvent(ctx, trx, audit, {
      eventType: 'event_hook.updated', displayMessage: 'Event hook signing secret deleted', target: eventHookTarget(hook),
      debugData: { signingSecretId: secretId },
    });
  });
}
