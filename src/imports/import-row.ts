/**
 * One imported user, as Okta processes it (reference §3.5): map and match, ask the user import hook (fail
 * open), then create the Okta user or link to an existing one, and assign the app user. What happened is
 * written to the job's report row, in the same transaction as the change.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../platform/context.js';
import type { Trx } from '../platform/db/index.js';
import { OktaError, type ErrorCause } from '../platform/errors.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { createUser, userTarget } from '../identity/users/users.service.js';
import { updateUser } from '../identity/users/user-update.service.js';
import type { AppRow } from '../apps/app-kind.js';
import { appTarget } from '../apps/apps.service.js';
import type { CsvImportSettings } from '../apps/csv-import.app-kind.js';
import { runUserImportHook, userImportAction, type UserImportHookOutcome } from '../hooks/inline/user-import.inline-hook.js';
import { jobTarget, type ImportJobRow, type ImportJobUserRow } from './import-jobs.service.js';
import { conflictsOf, mapToOktaProfile, matchImportedUser, type AppUserProfile, type ImportAction } from './import-matching.js';

/** The report of one imported user, as `GET …/imports/{jobId}` shows it. */
export interface ImportUserReport {
  row: number;
  status: 'PENDING' | 'CREATED' | 'LINKED' | 'FAILED';
  appUser: { profile: AppUserProfile };
  /** The Okta user created or linked to (or that would have been, for a failed row). */
  user: { id: string | null; profile: Record<string, unknown> };
  matches: string[];
  conflicts: string[];
  policy: string[];
  /** Okta's own decision, before the hook. */
  defaultAction: ImportAction | null;
  /** The decision applied. */
  action: ImportAction | null;
  hook: {
    /** NOT_CALLED (no active hook), SUCCESS (a valid reply: its commands, if any, applied), FAILED (fail open: Okta's decision), ERROR (an `error` reply: Okta's decision). */
    outcome: 'NOT_CALLED' | 'SUCCESS' | 'FAILED' | 'ERROR';
    inlineHookId: string | null;
    callId: string | null;
    commands: string[];
    error: string | null;
  };
  error: string | null;
  errorCauses: ErrorCause[];
}

export interface ImportRun {
  job: ImportJobRow;
  app: AppRow;
  settings: CsvImportSettings;
  audit: AuditContext;
  /** Attribute names of the Okta user schema (read once per job). */
  oktaAttributes: Set<string>;
}

function applyUpdates(base: Record<string, unknown>, updates: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(updates)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

function hookReport(outcome: UserImportHookOutcome): ImportUserReport['hook'] {
  if (!outcome.called) return { outcome: 'NOT_CALLED', inlineHookId: null, callId: null, commands: [], error: null };
  if (outcome.ok) return { outcome: 'SUCCESS', inlineHookId: outcome.hookId, callId: outcome.callId, commands: outcome.decision.commands, error: null };
  return { outcome: 'errorSummary' in outcome ? 'ERROR' : 'FAILED', inlineHookId: outcome.hookId, callId: outcome.callId, commands: [], error: outcome.error };
}

/** Processes one PENDING row: never throws for a bad row (it is reported as FAILED); call it outside a transaction. */
export async function processImportRow(ctx: AppContext, run: ImportRun, row: ImportJobUserRow): Promise<ImportUserReport> {
  const { app, settings, audit } = run;
  let appUser = JSON.parse(row.app_user) as AppUserProfile;
  let profile = mapToOktaProfile(appUser, run.oktaAttributes);
  const match = await matchImportedUser(ctx, ctx.db, app.id, appUser, profile, settings.matchRules);

  const outcome = await runUserImportHook(ctx, audit, settings.userImportInlineHookId, {
    application: { id: app.id, name: app.name, label: app.label, status: app.status },
    job: { id: run.job.id },
    appUserProfile: appUser,
    userProfile: profile,
    userId: match.linkedUserId,
    matches: match.matches,
    conflicts: match.conflicts,
    policy: settings.matchRules,
    defaultAction: match.defaultAction,
  });

  // Fail open: without a valid reply, Okta's own decision stands.
  const { action, linkUserId: linkTo }: { action: ImportAction; linkUserId: string | null } = userImportAction(outcome, { action: match.defaultAction, linkedUserId: match.linkedUserId });
  let userUpdates: Record<string, unknown> = {};
  if (outcome.called && outcome.ok) {
    const { decision } = outcome;
    appUser = applyUpdates(appUser, decision.appUserUpdates);
    userUpdates = decision.userUpdates;
    profile = applyUpdates(mapToOktaProfile(appUser, run.oktaAttributes), userUpdates);
  }

  const report: ImportUserReport = {
    row: row.row_number, status: 'PENDING', appUser: { profile: appUser }, user: { id: linkTo, profile },
    matches: match.matches,
    conflicts: action === match.defaultAction && linkTo === match.linkedUserId ? match.conflicts : await conflictsOf(ctx.db, profile, linkTo),
    policy: settings.matchRules, defaultAction: match.defaultAction, action, hook: hookReport(outcome), error: null, errorCauses: [],
  };
  const hookChangedMatch = action !== match.defaultAction || linkTo !== match.linkedUserId;

  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (action === 'CREATE_USER') {
        const user = await createUser(ctx, trx, audit, {
          profile,
          ...(settings.passwordImportHook ? { credentials: { password: { hook: { type: 'default' } } } } : {}),
        }, { activate: settings.activateUsers });
        report.user.id = user.id;
        report.status = 'CREATED';
        await assignAppUser(ctx, trx, run, user.id, appUser);
        const created = await trx.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', user.id).executeTakeFirstOrThrow();
        await recordEvent(ctx, trx, audit, {
          eventType: 'system.import.user.create', displayMessage: 'Create user triggered by import process',
          target: [userTarget(created), appTarget(app), jobTarget(run.job)],
          debugData: { importJobId: run.job.id, row: row.row_number },
        });
      } else {
        const userId = linkTo;
        if (!userId) throw new OktaError(400, 'E0000001', 'Api validation failed: user', [{ errorSummary: 'user: There is no Okta user to link to' }]);
        if (Object.keys(userUpdates).length > 0) await updateUser(ctx, trx, audit, userId, { profile: userUpdates }, 'partial');
        const user = await trx.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', userId).executeTakeFirstOrThrow();
        report.status = 'LINKED';
        await assignAppUser(ctx, trx, run, userId, appUser);
        if (hookChangedMatch) {
          await recordEvent(ctx, trx, audit, {
            eventType: 'system.import.user.match', displayMessage: 'Assign user triggered by import process with callback',
            target: [userTarget(user), appTarget(app), jobTarget(run.job)],
            debugData: { importJobId: run.job.id, row: row.row_number, defaultAction: match.defaultAction, action, inlineHookCallId: report.hook.callId },
          });
        }
      }
      await saveReport(ctx, trx, run.job.id, report);
    });
  } catch (err) {
    if (!(err instanceof OktaError)) throw err;
    report.status = 'FAILED';
    report.user.id = action === 'LINK_USER' ? linkTo : null;
    report.error = err.errorSummary;
    report.errorCauses = err.errorCauses;
    await ctx.db.transaction().execute(async (trx) => {
      await recordEvent(ctx, trx, audit, {
        eventType: 'system.import.user.complete', displayMessage: 'Import of user completed', outcome: 'FAILURE',
        reason: [err.errorSummary, ...err.errorCauses.map((c) => c.errorSummary)].join('; '), severity: 'WARN',
        target: [appTarget(app), jobTarget(run.job)], debugData: { importJobId: run.job.id, row: row.row_number, action },
      });
      await saveReport(ctx, trx, run.job.id, report);
    });
  }
  return report;
}

/**
 * The app user of `userId` in this app (`app_users`), with `application.user_membership.add` or `.update`.
 * An Okta user can be one app user of an app only: linking a second one to it fails the row.
 */
async function assignAppUser(ctx: AppContext, trx: Trx, run: ImportRun, userId: string, appUser: AppUserProfile): Promise<void> {
  const existing = await trx.selectFrom('app_users').selectAll().where('app_id', '=', run.app.id).where('user_id', '=', userId).executeTakeFirst();
  const userName = String(appUser.userName);
  if (existing) {
    const linkedName = (JSON.parse(existing.credentials) as { userName?: string }).userName;
    if (linkedName !== undefined && linkedName.toLowerCase() !== userName.toLowerCase()) {
      throw new OktaError(400, 'E0000001', 'Api validation failed: appUser', [
        { errorSummary: `appUser: The Okta user ${userId} is already the app user '${linkedName}' of this app` },
      ]);
    }
  }
  const now = ctx.clock().toISOString();
  const values = {
    app_id: run.app.id, user_id: userId, scope: 'USER', status: 'ACTIVE', profile: JSON.stringify(appUser),
    credentials: JSON.stringify({ userName }), created: existing?.created ?? now, last_updated: now,
  };
  if (existing) {
    if (isDeepStrictEqual(JSON.parse(existing.profile), appUser) && existing.status === 'ACTIVE') return;
    await trx.updateTable('app_users').set(values).where('app_id', '=', run.app.id).where('user_id', '=', userId).execute();
  } else {
    await trx.insertInto('app_users').values(values).execute();
  }
  const user = await trx.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', userId).executeTakeFirstOrThrow();
  await recordEvent(ctx, trx, run.audit, {
    eventType: existing ? 'application.user_membership.update' : 'application.user_membership.add',
    displayMessage: existing ? 'Update user assignment to app' : 'Add user to application membership',
    target: [userTarget(user), appTarget(run.app)],
  });
}

async function saveReport(ctx: AppContext, trx: Trx, jobId: string, report: ImportUserReport): Promise<void> {
  await trx.updateTable('import_job_users').set({
    status: report.status, report: JSON.stringify(report), user_id: report.user.id, processed: ctx.clock().toISOString(),
  }).where('job_id', '=', jobId).where('row_number', '=', report.row).execute();
}
