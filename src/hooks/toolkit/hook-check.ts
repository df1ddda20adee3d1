/**
 * `tollgate hook check URL --type TYPE [--header …] [--oauth2-client-credentials …] [--signing-secret …]`:
 * the check as a tool. Opens a throw-away Tollgate, runs the inline or event check, and words the report
 * for a terminal (or gives it as JSON). Exit status 1 when any case fails, so it can gate a hook's CI.
 */
import { OktaError } from '../../platform/errors.js';
import { builtInInlineHookTypes } from '../inline/hook-types.js';
import { checkEventHook, type EventCheckReport } from './event-check.js';
import { resolveHookType, ToolError, type EndpointAuth } from './hook-target.js';
import { checkInlineHook, FAILURE_RULE_WORDS, type CheckReport } from './inline-check.js';
import { openLocalContext } from './local-context.js';

export interface HookCheckOptions extends EndpointAuth {
  type: string;
  signingSecret?: string;
  timeoutMs?: string;
  issuer?: string;
}

export async function hookCheck(url: string, options: HookCheckOptions): Promise<CheckReport | EventCheckReport> {
  const type = resolveHookType(options.type, builtInInlineHookTypes);
  const timeoutMs = options.timeoutMs === undefined ? undefined : Number(options.timeoutMs);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 60_000)) throw new ToolError('--timeout-ms must be a whole number from 1 to 60000');
  if (type === 'event' && timeoutMs !== undefined) throw new ToolError('--timeout-ms applies to inline hooks only');
  if (type !== 'event' && options.signingSecret) throw new ToolError('--signing-secret applies to event hooks only (Okta does not sign inline hook calls)');
  const tokenUrl = options.oauth2ClientCredentials?.split(',')[0];
  const local = await openLocalContext({ issuer: options.issuer, tool: 'tollgate hook check', allow: tokenUrl ? [url, tokenUrl] : [url] });
  try {
    if (type === 'event') return await checkEventHook(local.ctx, local.audit, { url, auth: options, signingSecret: options.signingSecret });
    return await checkInlineHook(local.ctx, local.audit, { url, type, auth: options, timeoutMs });
  } catch (err) {
    if (err instanceof OktaError) throw new ToolError([err.errorSummary, ...err.errorCauses.map((c) => `  ${c.errorSummary}`)].join('\n'));
    throw err;
  } finally {
    await local.close();
  }
}

const MAX_BODY_CHARS = 600;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} characters)` : text;
}

export function formatCheckReport(report: CheckReport | EventCheckReport): string {
  const lines = [`Checking ${report.url} as ${report.type === 'event' ? 'an event hook' : `a ${report.type} inline hook`}`, ''];
  for (const c of report.cases) {
    lines.push(`${c.passed ? 'PASS' : 'FAIL'}  ${c.name}: ${c.description}`);
    if ('decision' in c) {
      lines.push(`      reply: ${c.response.status === null ? 'none' : `HTTP ${c.response.status}`}${c.response.body !== null ? ` ${shown(c.response.body)}` : ''}`);
      lines.push(`      time: ${c.durationMs} ms (${c.attempts} attempt${c.attempts === 1 ? '' : 's'}; budget ${c.budgetMs} ms per attempt)`);
      if (c.response.error) lines.push(`      failed: ${c.response.error}; the hook ${FAILURE_RULE_WORDS[c.failureRule!]}`);
      for (const cmd of c.commands.applied) lines.push(`      applied: ${cmd.type} ${shown(cmd.value)}`);
      for (const r of c.commands.refused) lines.push(`      refused: ${shown(r.command)}: ${r.rule}`);
      lines.push(`      Tollgate/Okta: ${c.decision.summary}`);
    } else {
      if (c.status !== null) lines.push(`      reply: HTTP ${c.status}${c.responseExcerpt ? ` ${shown(c.responseExcerpt)}` : ''}`);
      if (c.durationMs !== null) lines.push(`      time: ${c.durationMs} ms${c.attempts !== null ? ` (${c.attempts} attempt${c.attempts === 1 ? '' : 's'})` : ''}; budget ${c.budgetMs} ms per attempt`);
      lines.push(`      Tollgate/Okta: ${c.summary}`);
    }
  }
  const failed = report.cases.filter((c) => !c.passed).length;
  lines.push('', failed ? `${failed} of ${report.cases.length} cases fail.` : `All ${report.cases.length} cases pass.`);
  return lines.join('\n');
}
