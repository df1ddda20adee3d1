/**
 * `tollgate identity-source import IDENTITY_SOURCE_ID FILE.json`: a bulk load through Okta's Identity Sources
 * flow, from the command line against the configured store: a session, the profiles uploaded as bulk-upsert
 * requests of 200, start-import, and the import run in this process, each step's progress on stderr.
 *
 * FILE holds a bulk-upsert body with any number of profiles (`{"entityType": "USERS", "profiles": [...]}`)
 * or just the list of profiles (`[{"externalId": …, "profile": {…}}, …]`). The whole file is checked first:
 * a bad one opens no session and changes nothing.
 */
import fs from 'node:fs';
import type { WithStore } from '../platform/with-store.js';
import { cliAudit } from '../events/log-event.js';
import { errors, OktaError } from '../platform/errors.js';
import { startProgress, type ProgressStream } from '../platform/progress.js';
import { describe } from '../imports/import-cli.js';
import { followJob } from '../imports/follow-job.js';
import { bulkUpsert, MAX_BULK_PROFILES, readBulkUpsert } from './bulk-data.js';
import { createSession, deleteSession, toOktaSession } from './sessions.service.js';
import { sessionImportRun, startSessionImport } from './session-import.js';

/** The file's profiles in chunks of 200, each a checked bulk-upsert body; E0000001 with the problems otherwise. */
export function readLoadFile(json: unknown): Array<{ entityType: 'USERS'; profiles: unknown[] }> {
  const profiles = Array.isArray(json) ? json : (json as { profiles?: unknown })?.profiles;
  if (!Array.isArray(profiles) || profiles.length === 0) {
    throw errors.validation('profiles', ['profiles: The file must hold a bulk-upsert body ({"entityType": "USERS", "profiles": [...]}) or a list of profiles, at least one']);
  }
  const chunks = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (let start = 0; start < profiles.length; start += MAX_BULK_PROFILES) {
    const body = { entityType: 'USERS' as const, profiles: profiles.slice(start, start + MAX_BULK_PROFILES) };
    try {
      for (const [i, entry] of readBulkUpsert(body).entries()) {
        const first = seen.get(entry.externalId);
        if (first !== undefined) problems.push(`profiles[${start + i}].externalId: '${entry.externalId}' is also profiles[${first}].externalId`);
        else seen.set(entry.externalId, start + i);
      }
    } catch (error) {
      if (!(error instanceof OktaError)) throw error;
      // Causes name profiles[i] within the chunk: name them by their place in the file.
      problems.push(...error.errorCauses.map((c) => c.errorSummary.replace(/^profiles\[(\d+)\]/, (_, i: string) => `profiles[${start + Number(i)}]`)));
    }
    chunks.push(body);
  }
  if (problems.length > 0) throw errors.validation('profiles', problems.slice(0, 20));
  return chunks;
}

export async function loadIdentitySourceFile(store: WithStore, sourceId: string, file: string, stream?: ProgressStream) {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  return store(async (ctx) => {
    const audit = cliAudit('tollgate identity-source import');
    let session;
    try {
      const chunks = readLoadFile(json);
      session = await createSession(ctx, audit, sourceId);
      const total = chunks.reduce((n, c) => n + c.profiles.length, 0);
      const upload = startProgress('Uploading profiles', total, stream);
      let sent = 0;
      try {
        for (const chunk of chunks) {
          sent += await bulkUpsert(ctx, audit, sourceId, session.id, chunk);
          upload.update(sent);
        }
      } catch (error) {
        upload.stop(`Uploading profiles: stopped after ${sent} of ${total}; the session is cancelled`);
        await deleteSession(ctx, audit, sourceId, session.id).catch(() => {});
        throw error;
      }
      upload.stop(`Uploaded ${total} profile${total === 1 ? '' : 's'} to session ${session.id}`);
      session = await startSessionImport(ctx, audit, sourceId, session.id);
    } catch (error) {
      if (error instanceof OktaError) throw new Error(`${file} was not loaded: ${describe(error)}`);
      throw error;
    }
    const counts = await followJob(ctx, session.import_job_id!, sessionImportRun(session.id) ?? Promise.resolve(), 'Importing users', stream);
    const done = await ctx.db.selectFrom('identity_source_sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    return { ...toOktaSession(done), importJobId: done.import_job_id, summary: { total: counts.total, ...Object.fromEntries(Object.entries(counts.byStatus).map(([k, n]) => [k.toLowerCase(), n])) } };
  });
}
