/**
 * `tollgate hook replay HOOK --to URL --server URL --token TOKEN`: asks the server to replay the hook's
 * recorded calls against URL (`POST /api/v1/inlineHooks/{id}/replay`) and prints the diff of decisions.
 * Through the API rather than the database: the recordings, the hook's secret (needed to authenticate to the
 * new endpoint) and the runner are the server's, and the server may be PostgreSQL or another machine.
 */
import type { ReplayReport } from './replay.js';
import { callServer, type ServerOptions } from './server-client.js';

export async function hookReplay(hookId: string, options: ServerOptions & { to: string; limit?: string }): Promise<ReplayReport> {
  const body = { url: options.to, ...(options.limit ? { limit: Number(options.limit) } : {}) };
  return await callServer(options, 'POST', `/api/v1/inlineHooks/${encodeURIComponent(hookId)}/replay`, body) as ReplayReport;
}

/** The report for a terminal: one line per changed decision, then who would now be denied. */
export function formatReplayReport(report: ReplayReport): string {
  const lines = [`Replayed ${report.replayed} recorded call(s) of ${report.inlineHookId} against ${report.url}`, ''];
  for (const item of report.items) {
    if (!item.changed) continue;
    lines.push(`CHANGED  ${item.subject ?? item.callId} (${item.created}): ${item.before.result} -> ${item.after.result}${item.nowDenied ? '  (now denied)' : ''}`);
    lines.push(`         before: ${item.before.summary}`);
    lines.push(`         after:  ${item.after.summary}`);
    for (const c of item.commands.removed) lines.push(`         - ${c.type} ${JSON.stringify(c.value)}`);
    for (const c of item.commands.added) lines.push(`         + ${c.type} ${JSON.stringify(c.value)}`);
  }
  lines.push(`${report.changed} of ${report.replayed} decision(s) change.`);
  if (report.nowDenied.length) lines.push(`Would now be denied: ${report.nowDenied.join(', ')}`);
  return lines.join('\n');
}
