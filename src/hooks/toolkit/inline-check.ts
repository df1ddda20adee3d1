/**
 * `tollgate hook check URL --type <inline type>`: creates the hook in a throw-away Tollgate (the management
 * service validates URL and auth), sends each check case through THE runner with the real flow's options,
 * and reports what Tollgate (and Okta) would do with each reply, in the preview's words (the type's `preview.decide`).
 * A case fails when the call fails: the type's failure rule (closed, open, fallback) would then apply.
 */
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import { parseHookReply, type HookCommand } from '../inline/hook-reply.js';
import type { FailureRule, InlineHookTypeDefinition, PreviewDecision } from '../inline/hook-type.js';
import { hookTypeOf } from '../inline/hook-types.js';
import { createInlineHook, getInlineHook } from '../inline/inline-hooks.service.js';
import { HOOK_TIMEOUT_MS, runInlineHook, type HookCallResult } from '../inline/runner.js';
import { inlineCheckCases, type CheckCase } from './check-cases.js';
import { inlineChannel, type EndpointAuth } from './hook-target.js';

export interface RefusedCommand {
  command: unknown;
  /** The rule that refuses it (the runner's reason; a command may be refused because its reply is). */
  rule: string;
}

export interface CaseReport {
  name: string;
  description: string;
  passed: boolean;
  request: Record<string, unknown>;
  response: { status: number | null; body: unknown; error?: string };
  durationMs: number;
  attempts: number;
  budgetMs: number;
  commands: { applied: HookCommand[]; refused: RefusedCommand[] };
  /** Only when the call failed: what the type does then. */
  failureRule?: FailureRule;
  decision: PreviewDecision;
}

export interface CheckReport {
  url: string;
  type: string;
  passed: boolean;
  cases: CaseReport[];
}

export const FAILURE_RULE_WORDS: Record<FailureRule, string> = {
  closed: 'fails closed',
  open: 'fails open',
  fallback: 'falls back to the built-in provider',
};

function parseMaybe(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return null;
  try { return JSON.parse(text); } catch { return text; }
}

/** Each command of a refused reply, with the rule that refuses it (its own, when it breaks one by itself). */
function refusedCommands(definition: InlineHookTypeDefinition, result: HookCallResult): RefusedCommand[] {
  if (result.ok) return [];
  const json = result.replyJson as { commands?: unknown } | undefined;
  if (!json || !Array.isArray(json.commands)) return [];
  return json.commands.map((command) => {
    const alone = parseHookReply(definition, JSON.stringify({ commands: [command] }));
    return { command, rule: 'invalid' in alone ? alone.invalid.replace(/^commands\[0\]/, 'this command') : result.error };
  });
}

export async function runCase(
  ctx: AppContext, audit: AuditContext, hookId: string, testCase: CheckCase, timeoutMs: number,
): Promise<CaseReport> {
  const hook = await getInlineHook(ctx.db, hookId);
  const definition = hookTypeOf(ctx, hook.type)!;
  const { preview } = definition;
  const result = await runInlineHook(ctx, audit, hook, definition, testCase.payload, { ...preview.options?.(testCase.payload), timeoutMs, toolkit: false });
  const applied = result.ok && !result.reply.error ? result.reply.commands : [];
  return {
    name: testCase.name,
    description: testCase.description,
    passed: result.ok,
    request: definition.redact(testCase.payload),
    response: { status: result.status, body: parseMaybe(result.replyText), ...(result.ok ? {} : { error: result.error }) },
    durationMs: result.durationMs,
    attempts: result.attempts,
    budgetMs: timeoutMs,
    commands: { applied, refused: refusedCommands(definition, result) },
    ...(result.ok ? {} : { failureRule: definition.failure }),
    decision: preview.decide(ctx, hook, testCase.payload, result),
  };
}

export interface InlineCheckOptions {
  url: string;
  /** A type of `ctx.inlineHookTypes`. */
  type: string;
  auth: EndpointAuth;
  timeoutMs?: number;
}

export async function checkInlineHook(ctx: AppContext, audit: AuditContext, options: InlineCheckOptions): Promise<CheckReport> {
  const created = await createInlineHook(ctx, audit, {
    name: `hook check ${options.type}`, type: options.type, version: '1.0.0', channel: inlineChannel(options.url, options.auth),
  });
  const hook = await getInlineHook(ctx.db, created.id);
  const cases: CaseReport[] = [];
  for (const testCase of await inlineCheckCases(ctx, hookTypeOf(ctx, hook.type)!, hook)) {
    cases.push(await runCase(ctx, audit, hook.id, testCase, options.timeoutMs ?? HOOK_TIMEOUT_MS));
  }
  return { url: options.url, type: options.type, passed: cases.every((c) => c.passed), cases };
}
